// @ts-check

/**
 * Issue 16's skip of unchanged inputs: a digest of what a recompute knows of a score's inputs
 * before reading anything stored (entity, scopes, config, day; see `entityInputDigest`), and
 * the first time at which time alone could change the score. A recompute that finds the same
 * digest before that time leaves the score as it is. Every write of a component's evidence,
 * reports, waivers or findings clears its digest. Null for rows written before: scored again.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dsomm_scores', table => {
    table.text('input_digest').nullable();
    table.text('next_change_at').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dsomm_scores', table => {
    table.dropColumn('input_digest');
    table.dropColumn('next_change_at');
  });
};
