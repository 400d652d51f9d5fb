// @ts-check

/**
 * What the backend changed on a report when it was uploaded (e.g. a scan time clamped into
 * the accepted window), as a JSON list; null when nothing was.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dsomm_reports', table => {
    table.text('warnings').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dsomm_reports', table => {
    table.dropColumn('warnings');
  });
};
