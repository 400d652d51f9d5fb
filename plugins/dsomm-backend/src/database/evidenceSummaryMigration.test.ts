import { ReportSummary } from '@dsomm/plugin-dsomm-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { MIGRATIONS, migrateToJustBefore } from '../__testUtils__/migrations';
import { DsommStore } from './DsommStore';
import { reportToRow } from './rows';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const ENTITY = 'component:default/a';

/** A whole summary as a parser gives it: most of it is what scoring does not read. */
const summary = (tool: string, scannedAt?: string): ReportSummary => ({
  format: 'trivy',
  syntax: 'json',
  tool: { name: tool, version: '0.50.0' },
  categories: ['sca'],
  ...(scannedAt ? { scannedAt } : {}),
  counts: { critical: 1, high: 2, medium: 0, low: 0, info: 0, unknown: 0 },
  totalFindings: 3,
  topFindings: [
    {
      id: 'CVE-2026-0001',
      severity: 'critical',
      title: 'A long title '.repeat(20),
    },
  ],
  targets: ['registry.example.com/a:1'],
});

const row = (id: string, text: string, uploadedAt: string) => ({
  id,
  entity_ref: ENTITY,
  sha256: id.padEnd(64, '0'),
  size_bytes: 1,
  format: 'trivy',
  tool_name: id,
  scan_kind: 'sca',
  uploaded_at: uploadedAt,
  uploaded_by: 'external:test',
  summary: text,
  open_findings: '[]',
  finding_ages: '[]',
  activity_ids: '[]',
});

describe.each(databases.eachSupportedId())(
  'the evidence summary migration on %p',
  databaseId => {
    it('stores what scoring reads of each summary, and reads rows without it from the summary', async () => {
      const knex = await databases.init(databaseId);
      // The schema before 20261130000400_report_evidence_summary, with reports in it.
      await migrateToJustBefore(knex, '20261130000400_');
      await knex('dsomm_reports').insert([
        row(
          'r1',
          JSON.stringify(summary('Trivy', '2026-05-01T00:00:00.000Z')),
          '2026-05-02T00:00:00.000Z',
        ),
        row('r2', 'not JSON', '2026-05-02T00:00:00.000Z'),
      ]);
      await knex.migrate.latest({ directory: MIGRATIONS });

      const stored = await knex('dsomm_reports')
        .orderBy('id')
        .select('id', 'evidence_summary');
      expect(stored[0].id).toBe('r1');
      expect(JSON.parse(stored[0].evidence_summary)).toEqual({
        format: 'trivy',
        tool: { name: 'Trivy' },
        categories: ['sca'],
        scannedAt: '2026-05-01T00:00:00.000Z',
        counts: {
          critical: 1,
          high: 2,
          medium: 0,
          low: 0,
          info: 0,
          unknown: 0,
        },
      });
      // An unreadable summary does not stop the migration; the row is left as it was.
      expect(stored[1]).toEqual({ id: 'r2', evidence_summary: null });

      // A row written without it (by a replica not yet updated) reads the whole summary.
      await knex('dsomm_reports').where({ id: 'r2' }).delete();
      await knex('dsomm_reports').insert(
        row('r3', JSON.stringify(summary('Grype')), '2026-05-03T00:00:00.000Z'),
      );
      const store = new DsommStore(knex);
      const reports = (await store.reportsFor([ENTITY])).get(ENTITY) ?? [];
      const byId = Object.fromEntries(reports.map(r => [r.id, r.summary]));
      expect(Object.keys(byId).sort()).toEqual(['r1', 'r3']);
      expect(byId.r1).not.toHaveProperty('topFindings');
      expect(byId.r1.tool.name).toBe('Trivy');
      expect(byId.r3.tool.name).toBe('Grype');
      expect(byId.r3.counts.high).toBe(2);
    });
  },
);

describe('reportToRow', () => {
  it('stores what scoring reads of the summary beside the whole summary', () => {
    const whole = summary('Trivy');
    const stored = reportToRow(
      {
        id: 'r1',
        entityRef: ENTITY,
        sha256: '0'.repeat(64),
        sizeBytes: 1,
        uploadedBy: 'external:test',
        uploadedAt: '2026-05-02T00:00:00.000Z',
        summary: whole,
        activityIds: [],
      },
      [],
    );
    expect(JSON.parse(stored.summary)).toEqual(whole);
    // No scan time in the report: none stored, not a null.
    expect(JSON.parse(stored.evidence_summary!)).toEqual({
      format: 'trivy',
      tool: { name: 'Trivy' },
      categories: ['sca'],
      counts: whole.counts,
    });
  });
});
