// @ts-check

/**
 * Scoring needs of a report's open findings only how many were first seen when, per severity
 * (to tell how many are past their SLA) and one key for the message. `finding_ages` holds
 * that, one entry per severity and first-seen time, so a full recompute no longer reads every
 * finding's key. `open_findings` stays: the next upload of the tool carries first-seen times
 * forward from it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dsomm_reports', table => {
    table.text('finding_ages').nullable();
  });
  let after = '';
  for (;;) {
    const rows = await knex('dsomm_reports')
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .select('id', 'open_findings');
    if (rows.length === 0) break;
    for (const row of rows) {
      await knex('dsomm_reports')
        .where({ id: row.id })
        .update({
          finding_ages: JSON.stringify(ages(JSON.parse(row.open_findings))),
        });
    }
    after = rows[rows.length - 1].id;
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dsomm_reports', table => {
    table.dropColumn('finding_ages');
  });
};

/**
 * The same grouping as the backend's `findingAges` (src/database/rows.ts), kept here so the
 * migration does not depend on code that may change after it.
 *
 * @param {Array<{key: string, severity: string, firstSeenAt: string}>} findings
 */
function ages(findings) {
  /** @type {Map<string, {key: string, severity: string, firstSeenAt: string, count: number}>} */
  const groups = new Map();
  for (const f of findings) {
    const id = `${f.severity}|${f.firstSeenAt}`;
    const group = groups.get(id);
    if (group) group.count += 1;
    else
      groups.set(id, {
        key: f.key,
        severity: f.severity,
        firstSeenAt: f.firstSeenAt,
        count: 1,
      });
  }
  return [...groups.values()];
}
