/** Refs per look-up statement: well under SQLite's and PostgreSQL's parameter limits. */
export const REFS_PER_QUERY = 500;

/**
 * Refs that can be stored or looked up: PostgreSQL text cannot hold NUL, and a parameter
 * with one fails the whole statement. A catalog value with NUL (e.g. an owner ref) has
 * nothing stored under it, so it is left out of look-ups.
 */
export function storableRefs(refs: string[]): string[] {
  return refs.some(r => r.includes('\u0000'))
    ? refs.filter(r => !r.includes('\u0000'))
    : refs;
}

export function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

/** Runs `read` over slices of `refs` one after the other (one connection in a transaction). */
export async function inChunks<R>(
  refs: string[],
  read: (slice: string[]) => Promise<R[]>,
): Promise<R[]> {
  const rows: R[] = [];
  for (const slice of chunks(refs, REFS_PER_QUERY))
    rows.push(...(await read(slice)));
  return rows;
}
