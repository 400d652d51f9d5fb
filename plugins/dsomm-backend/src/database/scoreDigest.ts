import { createHash } from 'crypto';

/** Columns of a score row that change on every write without the score changing. */
const UNDIGESTED = new Set([
  'computed_at',
  'stale_since',
  'score_digest',
  // What the score was computed from, not what it is.
  'input_digest',
  'next_change_at',
]);

/**
 * A digest of everything a score writes (its row with the KPI columns, and its detail) except
 * when it was computed: equal digests mean a write would store the same score again.
 * `timeless` is the detail's text without its time (see `detailWriter`).
 */
export function scoreDigest(row: object, timeless: string): string {
  const hash = createHash('sha1');
  const columns = row as Record<string, unknown>;
  for (const key of Object.keys(columns).sort()) {
    if (!UNDIGESTED.has(key))
      hash.update(`${JSON.stringify(key)}:${JSON.stringify(columns[key])},`);
  }
  hash.update(timeless);
  return hash.digest('base64');
}
