import { createHash } from 'crypto';

/** Columns of a score row that change on every write without the score changing. */
const UNDIGESTED = new Set([
  'computed_at',
  'stale_since',
  'score_digest',
  'digest_check',
  // What the score was computed from, not what it is.
  'input_digest',
  'next_change_at',
]);

/** The digested columns of each row shape, sorted, and their names' text. */
const orders = new Map<string, { names: string[]; text: string }>();

/**
 * A digest of everything a score writes (its row with the KPI columns, and its detail) except
 * when it was computed: equal digests mean a write would store the same score again.
 * `timeless` is the detail's text without its time (see `detailWriter`).
 */
export function scoreDigest(row: object, timeless: string): string {
  const columns = row as Record<string, unknown>;
  const names = Object.keys(columns);
  const shape = names.join(',');
  let order = orders.get(shape);
  if (!order) {
    const digested = names.filter(name => !UNDIGESTED.has(name)).sort();
    order = { names: digested, text: JSON.stringify(digested) };
    // Rows of one table have one shape or a few.
    if (orders.size >= 16) orders.clear();
    orders.set(shape, order);
  }
  // A column left undefined is stored as null: both digest alike.
  const values = order.names.map(name => columns[name] ?? null);
  return createHash('sha1')
    .update(order.text)
    .update(JSON.stringify(values))
    .update(timeless)
    .digest('base64');
}

/**
 * A number from a score's digest (30 of its bits), kept beside it as `digest_check`: summed per
 * scorecard group, it tells which groups a write changed (see `ScorecardService`). Null for a
 * value that is not a digest.
 */
export function digestCheck(digest: string | null | undefined): number | null {
  if (!digest) return null;
  const bytes = Buffer.from(digest, 'base64');
  return bytes.length < 4 ? null : bytes.readUInt32BE(0) & 0x3fffffff;
}
