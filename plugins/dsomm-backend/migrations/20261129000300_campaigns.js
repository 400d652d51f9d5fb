// @ts-check

/**
 * Issue 15's campaigns: a goal for the components in a scope by a deadline. Everything a
 * caller sends is text (no length the database enforces); scope and goal are JSON.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dsomm_campaigns', table => {
    table.text('id').primary();
    table.text('name').notNullable();
    table.text('owner').notNullable();
    table.text('scope').notNullable();
    table.text('goal').notNullable();
    table.text('start').notNullable();
    table.text('deadline').notNullable();
    table.text('created_by').notNullable();
    table.text('created_at').notNullable();
    table.text('updated_at').notNullable();
    table.text('archived_at').nullable();
    table.index(['archived_at'], 'dsomm_campaigns_archived_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dsomm_campaigns');
};
