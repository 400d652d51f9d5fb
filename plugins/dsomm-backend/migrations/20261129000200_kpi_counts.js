// @ts-check

const SEVERITIES = ['critical', 'high', 'medium', 'low'];

/**
 * Issue 14's scorecard KPIs. Each score keeps how many of its activities are implemented and
 * how many of those a report or an annotation rule proves, and its findings' KPI sums per
 * severity as of the score (closed in the window: count and days; open past SLA; open
 * misconfigurations), so a group's KPIs are sums over the scores the scorecard scans anyway. Each daily history snapshot also keeps the component's KPI figures of
 * that day (the KPI trend): the same two counts, open findings past SLA (all severities),
 * open critical misconfigurations, and the count and summed days of findings closed in the
 * KPI window. All numbers; null in rows written before.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dsomm_scores', table => {
    table.integer('implemented_count').nullable();
    table.integer('automated_count').nullable();
    // The component's finding figures as of its score, per severity, over this window.
    table.integer('kpi_window_days').nullable();
    for (const severity of SEVERITIES) {
      table.integer(`closed_count_${severity}`).nullable();
      table.double(`closed_days_${severity}`).nullable();
      table.integer(`past_sla_${severity}`).nullable();
    }
    table.integer('misconfigurations').nullable();
  });
  await knex.schema.alterTable('dsomm_score_history', table => {
    table.integer('implemented_count').nullable();
    table.integer('automated_count').nullable();
    table.integer('open_past_sla').nullable();
    table.integer('critical_misconfigurations').nullable();
    table.integer('closed_count').nullable();
    table.double('closed_days').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dsomm_score_history', table => {
    for (const column of [
      'implemented_count',
      'automated_count',
      'open_past_sla',
      'critical_misconfigurations',
      'closed_count',
      'closed_days',
    ]) {
      table.dropColumn(column);
    }
  });
  await knex.schema.alterTable('dsomm_scores', table => {
    table.dropColumn('implemented_count');
    table.dropColumn('automated_count');
    table.dropColumn('kpi_window_days');
    for (const severity of SEVERITIES) {
      table.dropColumn(`closed_count_${severity}`);
      table.dropColumn(`closed_days_${severity}`);
      table.dropColumn(`past_sla_${severity}`);
    }
    table.dropColumn('misconfigurations');
  });
};
