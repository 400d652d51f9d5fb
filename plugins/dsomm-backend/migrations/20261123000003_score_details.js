// @ts-check

/**
 * Moves each score's detail JSON (kilobytes per entity) out of `dsomm_scores` into a table of
 * its own. The scorecard scans `dsomm_scores` for every request; with the detail inline,
 * SQLite read about one page per row, and the scans grew with the detail's size.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dsomm_score_details', table => {
    table.string('entity_ref').primary();
    table.text('detail').notNullable();
  });
  await knex.raw(
    'insert into dsomm_score_details (entity_ref, detail) select entity_ref, detail from dsomm_scores',
  );
  await knex.schema.alterTable('dsomm_scores', table => {
    table.dropColumn('detail');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dsomm_scores', table => {
    table.text('detail').notNullable().defaultTo('{}');
  });
  await knex.raw(
    `update dsomm_scores set detail = coalesce(
      (select d.detail from dsomm_score_details d where d.entity_ref = dsomm_scores.entity_ref),
      '{}')`,
  );
  await knex.schema.dropTable('dsomm_score_details');
};
