// @ts-check

/**
 * Issue 12's start state: whether a component has been assessed at all (any evidence, own or
 * inherited, or any activity not applicable). The scorecard counts the
 * components that have not apart. Scores stored before hold null until they are scored again;
 * they are not counted as not assessed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dsomm_scores', table => {
    table.boolean('assessed').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dsomm_scores', table => {
    table.dropColumn('assessed');
  });
};
