// @ts-check

/**
 * Issue 15's notifications to owners: every event that was or will be sent, once. The hash
 * of the event's key is unique, so whichever replica or recompute records an event first
 * decides that it happens; later ones find it there and record nothing. `claim_id` marks the
 * replica sending it, `sent_at` when it was sent.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dsomm_notifications', table => {
    // A hash: keys hold entity refs, fingerprints and times of any length.
    table.string('key_hash', 64).primary();
    table.text('key').notNullable();
    table.text('kind').notNullable();
    table.text('owner').notNullable();
    table.text('entity_ref').nullable();
    table.text('text').notNullable();
    table.text('link').notNullable();
    table.text('severity').notNullable();
    table.text('created_at').notNullable();
    table.text('claim_id').nullable();
    table.text('claimed_at').nullable();
    table.text('sent_at').nullable();
    table.index(['sent_at', 'created_at'], 'dsomm_notifications_pending_idx');
    table.index(['claim_id'], 'dsomm_notifications_claim_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dsomm_notifications');
};
