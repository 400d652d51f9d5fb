// @ts-check

/**
 * Scorecard columns for issue 12: the component's `spec.type` (a filter) and how many
 * activities it still needs for its target (shown and sorted by). Scores stored before have
 * neither until they are scored again; the API shows null for them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dsomm_scores', table => {
    table.text('type').nullable();
    table.integer('missing_for_target').nullable();
    table.index(['type'], 'dsomm_scores_type_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dsomm_scores', table => {
    table.dropIndex(['type'], 'dsomm_scores_type_idx');
    table.dropColumn('missing_for_target');
    table.dropColumn('type');
  });
};
