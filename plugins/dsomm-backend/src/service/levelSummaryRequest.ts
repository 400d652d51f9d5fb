import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { LEVEL_SUMMARY_MAX_REFS } from '@dsomm/plugin-dsomm-common';
import { normalizeRef } from '../scoring/entityFacts';

/** Longest ref accepted: kind, namespace and name of at most 253 characters each, and `:/`. */
const MAX_REF_LENGTH = 3 * 253 + 2;
/** One part of a ref, as the entity routes accept it (the catalog's names are stricter). */
const REF_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;

function parseRef(value: string): string {
  const parsed = parseEntityRef(value, {
    defaultKind: 'component',
    defaultNamespace: 'default',
  });
  for (const part of ['kind', 'namespace', 'name'] as const) {
    if (!REF_PART.test(parsed[part])) {
      throw new Error(
        `${part} "${parsed[part]}" is not a valid entity ref part`,
      );
    }
  }
  return normalizeRef(stringifyEntityRef(parsed));
}

/**
 * The refs of a `POST /scores/summary` body (`{entityRefs: [...]}`), parsed, in lower case and
 * without duplicates. Short refs take kind `component` and namespace `default`, as the catalog
 * table's rows are mostly components. Every problem names the field and the item.
 */
export function parseLevelSummaryRequest(
  body: unknown,
  maxRefs = LEVEL_SUMMARY_MAX_REFS,
): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError(
      'body: must be a JSON object such as {"entityRefs": ["component:default/my-service"]}',
    );
  }
  for (const key of Object.keys(body)) {
    if (key !== 'entityRefs') {
      throw new InputError(`body.${key}: unknown field; expected entityRefs`);
    }
  }
  const list = (body as { entityRefs?: unknown }).entityRefs;
  if (!Array.isArray(list)) {
    throw new InputError('body.entityRefs: is required, as a list of refs');
  }
  if (list.length > maxRefs) {
    throw new InputError(
      `body.entityRefs: at most ${maxRefs} refs per request; got ${list.length}`,
    );
  }
  const refs = new Set<string>();
  list.forEach((value, i) => {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new InputError(`body.entityRefs[${i}]: must be a non-empty string`);
    }
    if (value.length > MAX_REF_LENGTH || value.includes('\u0000')) {
      throw new InputError(`body.entityRefs[${i}]: is not an entity ref`);
    }
    try {
      refs.add(parseRef(value));
    } catch (error) {
      throw new InputError(
        `body.entityRefs[${i}]: ${(error as Error).message}`,
      );
    }
  });
  return [...refs];
}
