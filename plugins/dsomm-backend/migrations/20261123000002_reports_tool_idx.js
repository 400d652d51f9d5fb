// @ts-check

/**
 * Scoring reads each tool's latest report per entity, and an upload reads the tool's previous
 * report: both look reports up by entity and tool, newest first.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dsomm_reports', table => {
    table.index(
      ['entity_ref', 'tool_name', 'uploaded_at'],
      'dsomm_reports_entity_tool_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dsomm_reports', table => {
    table.dropIndex(
      ['entity_ref', 'tool_name', 'uploaded_at'],
      'dsomm_reports_entity_tool_idx',
    );
  });
};
