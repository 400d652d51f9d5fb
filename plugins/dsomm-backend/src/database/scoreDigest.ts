import { createHash } from 'crypto';
import { StoredScore } from './rows';

/** Columns of a score row that change on every write without the score changing. */
const UNDIGESTED = new Set(['computed_at', 'stale_since', 'score_digest']);

/**
 * A digest of everything a score writes (its row with the KPI columns, and its detail) except
 * when it was computed: equal digests mean a write would store the same score again. `json` is
 * the batch's detail writer, so shared parts are made into text once.
 */
export function scoreDigest(
  row: Record<string, unknown>,
  score: StoredScore,
  json: (value: unknown) => string,
): string {
  const hash = createHash('sha1');
  for (const key of Object.keys(row).sort()) {
    if (!UNDIGESTED.has(key))
      hash.update(`${JSON.stringify(key)}:${JSON.stringify(row[key])},`);
  }
  // The detail without its time: undefined keys are left out of the text.
  hash.update(json({ ...score, computedAt: undefined }));
  return hash.digest('base64');
}
