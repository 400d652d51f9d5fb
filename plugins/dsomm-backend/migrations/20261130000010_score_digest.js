// @ts-check

/**
 * Issue 16's incremental recompute: a digest of what a score writes (its row, detail and KPI
 * sums, all but the time it was computed), so a recompute that arrives at the same score again
 * compares one short text and writes nothing. Null for rows written before: they are written
 * once more, which sets it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dsomm_scores', table => {
    table.text('score_digest').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dsomm_scores', table => {
    table.dropColumn('score_digest');
  });
};
