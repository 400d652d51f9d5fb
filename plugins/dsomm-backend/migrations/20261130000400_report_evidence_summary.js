// @ts-check

/**
 * Issue 16: what scoring reads of a report's summary (format, tool name, categories, scan time
 * and counts), stored apart as `evidence_summary`. The whole summary is mostly its top findings
 * and targets, about 3 KB a report; a full recompute read all of it for every current report.
 * Rows stored before are filled here; a row without it (written by a replica not yet updated)
 * is read from `summary`, which holds the same fields.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dsomm_reports', table => {
    table.text('evidence_summary').nullable();
  });
  let after = '';
  for (;;) {
    const rows = await knex('dsomm_reports')
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .select('id', 'summary');
    if (rows.length === 0) break;
    for (const row of rows) {
      let summary;
      try {
        summary = JSON.parse(row.summary);
      } catch {
        continue; // a row no one can read stays as it is, not in the way of the backend's start
      }
      await knex('dsomm_reports')
        .where({ id: row.id })
        .update({
          evidence_summary: JSON.stringify(evidenceSummaryOf(summary ?? {})),
        });
    }
    after = rows[rows.length - 1].id;
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dsomm_reports', table => {
    table.dropColumn('evidence_summary');
  });
};

/**
 * The same as dsomm-common's `reportEvidenceSummary`, kept here so the migration does not
 * depend on code that may change after it.
 *
 * @param {any} summary
 */
function evidenceSummaryOf(summary) {
  return {
    format: summary.format,
    // A summary is always stored with a tool; a hand-edited row must not stop the backend.
    tool: { name: summary.tool?.name ?? '' },
    categories: summary.categories,
    ...(summary.scannedAt === undefined
      ? {}
      : { scannedAt: summary.scannedAt }),
    counts: summary.counts,
  };
}
