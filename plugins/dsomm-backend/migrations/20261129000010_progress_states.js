// @ts-check

/**
 * DSOMM app progress states short of done (e.g. Planned, Started) per Group and activity, as
 * imported from DSOMM's team-progress.yaml. They are shown, not scored; the done state is a
 * group attestation in dsomm_evidence. Text columns: refs and state names come from outside.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dsomm_progress_states', table => {
    table.text('group_ref').notNullable();
    table.text('activity_id').notNullable();
    table.text('state').notNullable();
    table.text('state_date').notNullable();
    table.text('recorded_by').notNullable();
    table.text('recorded_at').notNullable();
    table.primary(['group_ref', 'activity_id', 'state']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dsomm_progress_states');
};
