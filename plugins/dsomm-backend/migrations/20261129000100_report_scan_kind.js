// @ts-check

/**
 * A later report supersedes only earlier reports of the same tool and kind of scan, so that
 * one pipeline's several scans with one tool (`trivy config`, `trivy fs --scanners secret`)
 * all count. `scan_kind` is the report's categories, sorted and joined (`iac,secrets`), and
 * the latest report of each tool and kind is looked up by it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('dsomm_reports', table => {
    table.text('scan_kind').notNullable().defaultTo('');
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
      await knex('dsomm_reports')
        .where({ id: row.id })
        .update({ scan_kind: kindOf(JSON.parse(row.summary)) });
    }
    after = rows[rows.length - 1].id;
  }
  await knex.schema.alterTable('dsomm_reports', table => {
    table.dropIndex(
      ['entity_ref', 'tool_name', 'uploaded_at'],
      'dsomm_reports_entity_tool_idx',
    );
    table.index(
      ['entity_ref', 'tool_name', 'scan_kind', 'uploaded_at'],
      'dsomm_reports_entity_tool_kind_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('dsomm_reports', table => {
    table.dropIndex(
      ['entity_ref', 'tool_name', 'scan_kind', 'uploaded_at'],
      'dsomm_reports_entity_tool_kind_idx',
    );
    table.index(
      ['entity_ref', 'tool_name', 'uploaded_at'],
      'dsomm_reports_entity_tool_idx',
    );
  });
  await knex.schema.alterTable('dsomm_reports', table => {
    table.dropColumn('scan_kind');
  });
};

/**
 * The same as dsomm-common's `scanKindOf`, kept here so the migration does not depend on
 * code that may change after it.
 *
 * @param {{ categories?: unknown }} summary
 */
function kindOf(summary) {
  const categories = Array.isArray(summary.categories)
    ? summary.categories.filter(c => typeof c === 'string')
    : [];
  return [...new Set(categories)].sort().join(',');
}
