import { Knex } from 'knex';

/** Stored refs per statement: well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500;

/** What a recompute needs to know of a stored score to leave it as it is. */
export interface StoredInputs {
  /** See `entityInputDigest`; null once an input was written since (or never kept). */
  inputDigest: string | null;
  /** ISO time from which time alone could change the score; null: never. */
  nextChangeAt: string | null;
  /** Marked out of date by a change at a scope above. */
  stale: boolean;
}

/** The digests and next-change times of the stored scores of `refs`. */
export async function storedInputs(
  knex: Knex,
  refs: string[],
): Promise<Map<string, StoredInputs>> {
  const result = new Map<string, StoredInputs>();
  for (let i = 0; i < refs.length; i += CHUNK) {
    const rows: Array<{
      entity_ref: string;
      input_digest: string | null;
      next_change_at: string | null;
      stale_since: string | null;
    }> = await knex('dsomm_scores')
      .whereIn('entity_ref', refs.slice(i, i + CHUNK))
      .select('entity_ref', 'input_digest', 'next_change_at', 'stale_since');
    for (const row of rows) {
      result.set(row.entity_ref, {
        inputDigest: row.input_digest,
        nextChangeAt: row.next_change_at,
        stale: row.stale_since !== null,
      });
    }
  }
  return result;
}

/**
 * Clears the input digests of `refs` after a write of their evidence, reports, waivers or
 * findings (inside that write's transaction), so the next recompute scores them again. Refs of
 * scopes are left out: what scopes hold is part of each component's digest.
 */
export async function forgetInputs(knex: Knex, refs: string[]): Promise<void> {
  // Only components are scored; a write at a scope then leaves the score table alone.
  const distinct = [...new Set(refs)].filter(
    r => r.startsWith('component:') && !r.includes('\u0000'),
  );
  if (distinct.length === 0) return;
  for (let i = 0; i < distinct.length; i += CHUNK) {
    await knex('dsomm_scores')
      .whereIn('entity_ref', distinct.slice(i, i + CHUNK))
      .whereNotNull('input_digest')
      .update({ input_digest: null });
  }
}

/** Clears every input digest: after a write whose entities are not listed (e.g. pruning). */
export async function forgetAllInputs(knex: Knex): Promise<void> {
  await knex('dsomm_scores')
    .whereNotNull('input_digest')
    .update({ input_digest: null });
}

/** What scoring knew of one score's inputs, stored beside it. */
export interface ScoreInputs {
  /** See `entityInputDigest`. */
  digest: string;
  /** Epoch ms from which time alone could change the score; undefined: never. */
  nextChangeAt?: number;
}

/** The inputs of a batch of scores, and the spans of days (`scoringOffsetsMs`) that age them. */
export interface ScoreInputsBatch {
  byRef: ReadonlyMap<string, ScoreInputs>;
  offsetsMs: readonly number[];
}
