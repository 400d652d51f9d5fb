// @ts-check

/**
 * When each evidence-bearing annotation value was first seen per entity, so that
 * `dsomm.evidence.maxAgeDays.annotation` ages annotation evidence from then rather than from
 * every recompute. Text columns: catalog values have no length limit that PostgreSQL could
 * enforce without failing a write. The value is kept as a digest: only equality matters.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dsomm_annotation_seen', table => {
    table.text('entity_ref').notNullable();
    table.text('annotation').notNullable();
    table.text('value_hash').notNullable();
    table.text('first_seen_at').notNullable();
    table.primary(['entity_ref', 'annotation']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dsomm_annotation_seen');
};
