// @ts-check

/**
 * Issue 15's campaign burn-up for goals the daily score history cannot judge (activities,
 * sub-dimensions): each live campaign's counts, one row per campaign and UTC day, written
 * after each full recompute. The key makes a second write of the day (a later recompute, or
 * another replica) replace the row instead of adding one.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dsomm_campaign_snapshots', table => {
    table.text('campaign_id').notNullable();
    table.text('day').notNullable();
    table.integer('in_scope').notNullable();
    table.integer('done').notNullable();
    table.text('recorded_at').notNullable();
    table.primary(['campaign_id', 'day']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dsomm_campaign_snapshots');
};
