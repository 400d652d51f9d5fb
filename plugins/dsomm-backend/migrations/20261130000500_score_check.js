// @ts-check

/**
 * Issue 16's org view right after a write: `dsomm_scores.digest_check`, a number taken from
 * each score's `score_digest`, so a cheap grouped sum tells which scorecard groups a write
 * changed; only those are aggregated again. Filled here for stored scores (null where a score
 * has no digest yet; its next write gives it one).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dsomm_scores', table => {
    table.integer('digest_check').nullable();
  });
  let after = '';
  for (;;) {
    const rows = await knex('dsomm_scores')
      .where('entity_ref', '>', after)
      .whereNotNull('score_digest')
      .orderBy('entity_ref')
      .limit(500)
      .select('entity_ref', 'score_digest');
    if (rows.length === 0) break;
    for (const row of rows) {
      await knex('dsomm_scores')
        .where({ entity_ref: row.entity_ref })
        .update({ digest_check: checkOf(row.score_digest) });
    }
    after = rows[rows.length - 1].entity_ref;
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dsomm_scores', table => {
    table.dropColumn('digest_check');
  });
};

/**
 * The same as the backend's `digestCheck`, kept here so the migration does not depend on code
 * that may change after it.
 *
 * @param {string} digest
 */
function checkOf(digest) {
  const bytes = Buffer.from(digest, 'base64');
  return bytes.length < 4 ? null : bytes.readUInt32BE(0) & 0x3fffffff;
}
