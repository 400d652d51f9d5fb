import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { normalizeRef } from '../scoring/entityFacts';

// Types, enums, ranges, lengths, required and unknown fields are checked against the spec
// (src/schema/openapi.yaml) before a handler runs. What is left here is what a schema cannot
// say: comma-separated lists, text that is only spaces, real calendar dates, web URLs.

/** Query parameter as a list: repeated (`a=x&a=y`) or comma-separated (`a=x,y`). */
export function queryList(query: object, name: string): string[] | undefined {
  const value = (query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  const list = [value]
    .flat()
    .flatMap(v => String(v).split(','))
    .map(v => v.trim())
    .filter(Boolean);
  return list.length > 0 ? list : undefined;
}

/** An optional string field, trimmed; one of only spaces is refused. */
export function bodyText(body: object, name: string): string | undefined {
  const value = (body as Record<string, unknown>)[name];
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  if (text === '') {
    throw new InputError(`body.${name}: must be a non-empty string`);
  }
  return text;
}

/** An optional ISO 8601 date or date-time, normalised to UTC. */
export function bodyDate(body: object, name: string): string | undefined {
  const value = bodyText(body, name);
  return value === undefined ? undefined : isoDate(value, `body.${name}`);
}

/** An optional http(s) URL. */
export function bodyUrl(body: object, name: string): string | undefined {
  const value = bodyText(body, name);
  return value === undefined ? undefined : httpUrl(value, `body.${name}`);
}

/** An ISO 8601 date or date-time in UTC; `label` names the input in the error. */
export function isoDate(value: string, label: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new InputError(`${label}: must be an ISO 8601 date; got "${value}"`);
  }
  return new Date(time).toISOString();
}

/** An http(s) URL; `label` names the input in the error. */
export function httpUrl(value: string, label: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(`${label}: must be an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(`${label}: must be an http or https URL`);
  }
  return url.toString();
}

/**
 * An entity ref as a full, lower-case ref, `payments-api` meaning
 * `component:default/payments-api`; `label` names the input in the error.
 */
export function fullEntityRef(value: string, label: string): string {
  try {
    return normalizeRef(
      stringifyEntityRef(
        parseEntityRef(value, {
          defaultKind: 'component',
          defaultNamespace: 'default',
        }),
      ),
    );
  } catch (error) {
    throw new InputError(`${label}: ${(error as Error).message}`);
  }
}
