// @ts-check

/**
 * Each finding's lifecycle per component and tool, across that tool's reports: when it was
 * first and last seen, when it was closed (absent from a later report of the tool) and how
 * often it came back. Fix times and findings past their SLA (the KPIs) are read from here.
 * Strings from outside (refs, tool names, categories, times) are `text`; the fingerprint is
 * a hash the plugin computes.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dsomm_finding_lifecycle', table => {
    table.text('entity_ref').notNullable();
    table.text('tool_name').notNullable();
    table.string('fingerprint', 64).notNullable();
    table.text('severity').notNullable();
    // The categories of the report that last showed it, comma separated.
    table.text('category').notNullable();
    table.text('first_seen_at').notNullable();
    table.text('last_seen_at').notNullable();
    table.text('closed_at').nullable();
    table.integer('reopened_count').notNullable().defaultTo(0);
    table.primary(['entity_ref', 'tool_name', 'fingerprint']);
    table.index(['closed_at'], 'dsomm_finding_lifecycle_closed_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dsomm_finding_lifecycle');
};
