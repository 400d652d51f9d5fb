import { Request } from 'express';
import { InputError } from '@backstage/errors';

/** Query parameter as a single string; rejects repeated or nested values. */
export function queryString(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new InputError(`${name}: must be given once, as a plain value`);
  }
  return value;
}

/** Query parameter as a list: repeated (`a=x&a=y`) or comma-separated (`a=x,y`). */
export function queryList(req: Request, name: string): string[] | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : [value]).map(v => {
    if (typeof v !== 'string') {
      throw new InputError(`${name}: must be a list of plain values`);
    }
    return v;
  });
  const list = items
    .flatMap(v => v.split(','))
    .map(v => v.trim())
    .filter(Boolean);
  return list.length > 0 ? list : undefined;
}

export function queryEnum<T extends string>(
  req: Request,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = queryString(req, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(
      `${name}: must be one of ${allowed.join(', ')}; got "${value}"`,
    );
  }
  return value as T;
}

export function queryInt(
  req: Request,
  name: string,
  options: { min: number; max: number; fallback: number },
): number {
  const value = queryString(req, name);
  if (value === undefined) return options.fallback;
  if (!/^\d+$/.test(value)) {
    throw new InputError(`${name}: must be a whole number; got "${value}"`);
  }
  const n = Number(value);
  if (n < options.min || n > options.max) {
    throw new InputError(
      `${name}: must be between ${options.min} and ${options.max}; got ${n}`,
    );
  }
  return n;
}

/** The JSON body as an object with only the given fields. */
export function bodyObject(
  req: Request,
  allowed: string[],
): Record<string, unknown> {
  const body = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError('body: must be a JSON object');
  }
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) {
      throw new InputError(
        `body.${key}: unknown field; expected ${allowed.join(', ')}`,
      );
    }
  }
  return body;
}

export function bodyString(
  body: Record<string, unknown>,
  name: string,
  options: { required: boolean; maxLength: number },
): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) {
    if (options.required) throw new InputError(`body.${name}: is required`);
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(`body.${name}: must be a non-empty string`);
  }
  if (value.length > options.maxLength) {
    throw new InputError(
      `body.${name}: must be at most ${options.maxLength} characters`,
    );
  }
  return value.trim();
}

/** An optional ISO 8601 date-time, normalised to UTC. */
export function bodyDate(
  body: Record<string, unknown>,
  name: string,
): string | undefined {
  const value = bodyString(body, name, { required: false, maxLength: 64 });
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time)) {
    throw new InputError(
      `body.${name}: must be an ISO 8601 date; got "${value}"`,
    );
  }
  return new Date(time).toISOString();
}

/** An optional http(s) URL. */
export function bodyUrl(
  body: Record<string, unknown>,
  name: string,
): string | undefined {
  const value = bodyString(body, name, { required: false, maxLength: 2048 });
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(`body.${name}: must be an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(`body.${name}: must be an http or https URL`);
  }
  return url.toString();
}
