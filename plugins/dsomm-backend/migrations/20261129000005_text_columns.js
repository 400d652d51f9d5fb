// @ts-check

/** The columns made `text`, per table; ids the plugin generates (uuids, hashes) stay as they are. */
const TEXT_COLUMNS = {
  dsomm_evidence: [
    'entity_ref',
    'activity_id',
    'source',
    'observed_at',
    'expires_at',
    'created_by',
    'revoked_at',
    'revoked_by',
  ],
  dsomm_waivers: [
    'entity_ref',
    'activity_id',
    'granted_by',
    'granted_at',
    'expires_at',
    'revoked_at',
    'revoked_by',
  ],
  dsomm_scores: [
    'entity_ref',
    'kind',
    'namespace',
    'name',
    'title',
    'owner',
    'system',
    'domain',
    'tier',
    'lifecycle',
    'computed_at',
  ],
  dsomm_score_details: ['entity_ref'],
  dsomm_score_history: ['entity_ref', 'tier', 'owner'],
  dsomm_reports: [
    'entity_ref',
    'format',
    'tool_name',
    'tool_version',
    'scanned_at',
    'uploaded_at',
    'uploaded_by',
  ],
};

/**
 * Every string column whose value can come from outside the plugin (catalog values and refs,
 * tool names and versions from reports, who uploaded, attested or waived, activity ids, times
 * read from reports) becomes `text` on PostgreSQL. As `varchar(255)`, one catalog entity with a
 * 311-character title failed its whole scoring batch, and a long tool name failed an upload.
 * SQLite ignores declared lengths, so there is nothing to change there.
 *
 * PostgreSQL keeps indexes, primary keys and unique constraints through `alter column ... type
 * text` (it rebuilds them), and changing `varchar` to `text` keeps every value as it is.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  if (knex.client.dialect !== 'postgresql') return;
  for (const [table, columns] of Object.entries(TEXT_COLUMNS)) {
    const alter = columns
      .map(column => knex.raw('alter column ?? type text', [column]).toQuery())
      .join(', ');
    await knex.raw(`alter table ?? ${alter}`, [table]);
  }
};

/**
 * Nothing to undo: `text` holds every value the narrower columns held, and narrowing again
 * could fail on (or cut and so collide) the longer values written since.
 */
exports.down = async function down() {};
