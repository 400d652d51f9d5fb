import { createHash } from 'crypto';
import { StoredScore } from './rows';
import { sharedJsonWriter } from './sharedJson';

/** Columns of a score row that change on every write without the score changing. */
const UNDIGESTED = new Set(['computed_at', 'stale_since', 'score_digest']);

/**
 * The text a batch's digests are made from: JSON, but each frozen object (evidence and
 * activities shared by many scores) is a digest of its text, made once. Most of a score's
 * detail is shared, so a score's text stays short and the shared parts are hashed once.
 */
export function scoreDigestWriter(): (value: unknown) => string {
  return sharedJsonWriter(
    text => `#${createHash('sha1').update(text).digest('base64')}`,
  );
}

/**
 * A digest of everything a score writes (its row with the KPI columns, and its detail) except
 * when it was computed: equal digests mean a write would store the same score again. `json` is
 * the batch's `scoreDigestWriter`.
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
