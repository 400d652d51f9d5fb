// @ts-check

/**
 * Issue 14's audit trail: one row appended per attestation or waiver created, revoked or
 * expired. Never updated; rows are kept when the entity leaves the catalog and pruned only
 * after `dsomm.audit.retentionDays`. `seq` keeps the order of appending.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dsomm_audit', table => {
    table.bigIncrements('seq').primary();
    table.text('at').notNullable();
    table.text('action').notNullable();
    table.text('record_type').notNullable();
    table.text('record_id').notNullable();
    table.text('entity_ref').notNullable();
    table.text('activity_id').notNullable();
    table.text('actor').nullable();
    table.text('reason').nullable();
    table.text('text').nullable();
    table.text('expires_at').nullable();
    table.index(['at'], 'dsomm_audit_at_idx');
    table.index(['entity_ref', 'at'], 'dsomm_audit_entity_idx');
    table.index(['record_id'], 'dsomm_audit_record_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dsomm_audit');
};
