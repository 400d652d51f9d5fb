// @ts-check

/**
 * Uploaded scanner reports. The report body itself is not kept: only its hash, summary and
 * the identities of its open findings, which is all scoring and the UI need.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dsomm_reports', table => {
    table.string('id', 36).primary();
    table.string('entity_ref').notNullable();
    table.string('sha256', 64).notNullable();
    table.integer('size_bytes').notNullable();
    table.string('format', 32).notNullable();
    table.string('tool_name').notNullable();
    table.string('tool_version').nullable();
    table.string('scanned_at', 32).nullable();
    table.string('uploaded_at', 32).notNullable();
    table.string('uploaded_by').notNullable();
    table.text('source').nullable();
    table.text('summary').notNullable();
    // [{key, severity, firstSeenAt}] of the open critical, high and medium findings
    table.text('open_findings').notNullable();
    table.text('activity_ids').notNullable();
    // the same report uploaded twice for one entity is stored once
    table.unique(['entity_ref', 'sha256'], {
      indexName: 'dsomm_reports_entity_sha_uq',
    });
    table.index(['entity_ref', 'uploaded_at'], 'dsomm_reports_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dsomm_reports');
};
