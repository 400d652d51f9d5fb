// @ts-check

/**
 * DSOMM tables. Every name starts with `dsomm_` so the plugin can share a database.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  // Evidence that outlives a recompute: manual attestations and (later) scanner reports.
  // Annotation evidence is derived from the catalog on every recompute and lives in the score.
  await knex.schema.createTable('dsomm_evidence', table => {
    table.string('id', 36).primary();
    table.string('entity_ref').notNullable();
    table.string('activity_id').notNullable();
    table.string('source', 16).notNullable();
    table.string('observed_at', 32).notNullable();
    table.string('expires_at', 32).nullable();
    table.text('details').notNullable();
    table.string('created_by').nullable();
    table.string('revoked_at', 32).nullable();
    table.string('revoked_by').nullable();
    table.index(['entity_ref', 'revoked_at'], 'dsomm_evidence_entity_idx');
  });

  // Not-applicable decisions recorded through the API, with who granted them and until when.
  await knex.schema.createTable('dsomm_waivers', table => {
    table.string('id', 36).primary();
    table.string('entity_ref').notNullable();
    table.string('activity_id').notNullable();
    table.text('justification').notNullable();
    table.string('granted_by').notNullable();
    table.string('granted_at', 32).notNullable();
    table.string('expires_at', 32).nullable();
    table.string('revoked_at', 32).nullable();
    table.string('revoked_by').nullable();
    table.index(['entity_ref', 'revoked_at'], 'dsomm_waivers_entity_idx');
  });

  // The latest score of each entity, with the scorecard's filter and sort keys as columns.
  await knex.schema.createTable('dsomm_scores', table => {
    table.string('entity_ref').primary();
    table.string('kind').notNullable();
    table.string('namespace').notNullable();
    table.string('name').notNullable();
    table.string('title').nullable();
    table.string('owner').nullable();
    table.string('system').nullable();
    table.string('domain').nullable();
    table.string('tier').nullable();
    table.string('lifecycle').nullable();
    table.integer('level_build_and_deployment').notNullable();
    table.integer('level_culture_and_organization').notNullable();
    table.integer('level_implementation').notNullable();
    table.integer('level_information_gathering').notNullable();
    table.integer('level_test_and_verification').notNullable();
    table.integer('overall_level').notNullable();
    table.double('score').notNullable();
    table.integer('target_level').nullable();
    table.boolean('meets_target').nullable();
    table.integer('warning_count').notNullable().defaultTo(0);
    table.string('computed_at', 32).notNullable();
    // Dimension levels keyed by dimension name, for models with other dimensions.
    table.text('dimension_levels').notNullable();
    table.text('detail').notNullable();
    table.index(['owner'], 'dsomm_scores_owner_idx');
    table.index(['system'], 'dsomm_scores_system_idx');
    table.index(['domain'], 'dsomm_scores_domain_idx');
    table.index(['tier'], 'dsomm_scores_tier_idx');
    table.index(['kind', 'lifecycle'], 'dsomm_scores_kind_lifecycle_idx');
    table.index(['overall_level'], 'dsomm_scores_overall_idx');
  });

  // One snapshot per entity and day; older days are removed by the retention cleanup.
  await knex.schema.createTable('dsomm_score_history', table => {
    table.string('entity_ref').notNullable();
    table.string('day', 10).notNullable();
    table.integer('overall_level').notNullable();
    table.double('score').notNullable();
    table.boolean('meets_target').nullable();
    table.string('tier').nullable();
    table.string('owner').nullable();
    table.text('dimension_levels').notNullable();
    table.primary(['entity_ref', 'day']);
    table.index(['day'], 'dsomm_score_history_day_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dsomm_score_history');
  await knex.schema.dropTable('dsomm_scores');
  await knex.schema.dropTable('dsomm_waivers');
  await knex.schema.dropTable('dsomm_evidence');
};
