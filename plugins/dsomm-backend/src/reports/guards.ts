import { ReportParseError } from './ReportParseError';

/** Small shape checks for parsers; each throws ReportParseError naming the path. */

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectObject(
  value: unknown,
  path: string,
): Record<string, unknown> {
  if (!isObject(value)) {
    throw new ReportParseError(
      `${path}: expected an object, got ${describe(value)}`,
    );
  }
  return value;
}

export function expectArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new ReportParseError(
      `${path}: expected a list, got ${describe(value)}`,
    );
  }
  return value;
}

/**
 * A list, or an empty one when the field is absent or null. Copied, so that holes of a
 * sparse array read as `undefined` and every parser can index it without surprises.
 */
export function optionalArray(value: unknown, path: string): unknown[] {
  return value === undefined || value === null
    ? []
    : Array.from(expectArray(value, path));
}

export function optionalString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  }
  return `${typeof value} ${String(value)}`;
}
