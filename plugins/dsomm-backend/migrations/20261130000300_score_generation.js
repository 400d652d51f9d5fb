// @ts-check

/**
 * Issue 16's lean org view: a number that every write of stored scores (their levels, targets
 * or KPI sums) or removal of one raises, in the same transaction. The scorecard keeps its
 * grouped aggregates while the number stays the same, on every replica, since all read it
 * from the database. One row.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dsomm_score_generation', table => {
    table.integer('id').primary();
    table.bigInteger('generation').notNullable().defaultTo(0);
  });
  await knex('dsomm_score_generation').insert({ id: 1, generation: 0 });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dsomm_score_generation');
};
