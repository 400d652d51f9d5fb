// @ts-check

/**
 * Issue 16's lean org view: the scorecard's default page (the components furthest below
 * their target first, see `DsommStore.scorecardPage`) read from an index in its order, so a
 * page of 50 rows after a score write is the first 50 index entries instead of a sort of
 * every stored score. The expression is the page's ORDER BY, written the same way, which is
 * how both SQLite and PostgreSQL match an expression index to a query.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.raw(
    'create index dsomm_scores_worst_first_idx on dsomm_scores ((overall_level - coalesce(target_level, 0)), score, entity_ref)',
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('drop index dsomm_scores_worst_first_idx');
};
