import { Knex } from 'knex';
import { inChunks, storableRefs } from './refs';

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
  const rows: Array<{
    entity_ref: string;
    input_digest: string | null;
    next_change_at: string | null;
    stale_since: string | null;
  }> = await inChunks(storableRefs(refs), slice =>
    knex('dsomm_scores')
      .whereIn('entity_ref', slice)
      .select('entity_ref', 'input_digest', 'next_change_at', 'stale_since'),
  );
  return new Map(
    rows.map(row => [
      row.entity_ref,
      {
        inputDigest: row.input_digest,
        nextChangeAt: row.next_change_at,
        stale: row.stale_since !== null,
      },
    ]),
  );
}

/**
 * Clears the input digest of `entityRef` after a write of its evidence, reports, waivers or
 * findings (inside that write's transaction), so the next recompute scores it again. A scope's
 * ref is left alone: what scopes hold is part of each component's digest, and a write at a
 * scope then does not touch the score table.
 */
export async function forgetInputs(
  knex: Knex,
  entityRef: string,
): Promise<void> {
  if (!entityRef.startsWith('component:')) return;
  if (storableRefs([entityRef]).length === 0) return;
  await knex('dsomm_scores')
    .where('entity_ref', entityRef)
    .whereNotNull('input_digest')
    .update({ input_digest: null });
}

/**
 * `forgetInputs` for every entity of the rows `rows` selects (rows with an `entity_ref`, e.g.
 * those a prune is about to delete), in one statement.
 */
export async function forgetInputsWhere(
  knex: Knex,
  rows: Knex.QueryBuilder,
): Promise<void> {
  await knex('dsomm_scores')
    .whereIn('entity_ref', rows.select('entity_ref'))
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
