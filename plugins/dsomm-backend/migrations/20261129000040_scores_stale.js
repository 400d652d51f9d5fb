// @ts-check

/**
 * When a change at a scope above a component (an attestation, waiver or revocation at its
 * group, system, domain or the organisation) made the component's stored score out of date:
 * set for every component below before they are re-scored, cleared when a score is written.
 * A read of a stale score scores the component first, so the change shows on its page without
 * waiting for the re-score of everything below the scope.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dsomm_scores', table => {
    table.text('stale_since').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dsomm_scores', table => {
    table.dropColumn('stale_since');
  });
};
