// @ts-check

/**
 * Issue 14's approvals: a waiver or attestation may wait for a second person. `status` is
 * `approved` (what every existing record is, and what counts), `pending` or `denied`; the
 * decision's author, time and reason are kept beside it. Text columns: the reason and the
 * decider's ref come from outside and have no length the database should enforce.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const tableName of ['dsomm_evidence', 'dsomm_waivers']) {
    await knex.schema.alterTable(tableName, table => {
      table.text('status').notNullable().defaultTo('approved');
      table.text('decided_by').nullable();
      table.text('decided_at').nullable();
      table.text('decision_reason').nullable();
      // The approvers' list reads pending rows of every entity.
      table.index(['status'], `${tableName}_status_idx`);
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const tableName of ['dsomm_evidence', 'dsomm_waivers']) {
    await knex.schema.alterTable(tableName, table => {
      table.dropIndex(['status'], `${tableName}_status_idx`);
      table.dropColumns(
        'status',
        'decided_by',
        'decided_at',
        'decision_reason',
      );
    });
  }
};
