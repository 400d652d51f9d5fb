import { createTestDatabases } from '../__testUtils__/databases';
import { MIGRATIONS, migrateToJustBefore } from '../__testUtils__/migrations';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'the scan kind migration on %p',
  databaseId => {
    it('gives stored reports their kind of scan from their categories', async () => {
      const knex = await databases.init(databaseId);
      // The schema before 20261129000100_report_scan_kind, with reports in it.
      await migrateToJustBefore(knex, '20261129000100_');
      expect(await knex.schema.hasColumn('dsomm_reports', 'scan_kind')).toBe(
        false,
      );
      const row = (id: string, categories: unknown) => ({
        id,
        entity_ref: 'component:default/a',
        sha256: id.padEnd(64, '0'),
        size_bytes: 1,
        format: 'trivy',
        tool_name: 'Trivy',
        uploaded_at: '2026-05-01T00:00:00.000Z',
        uploaded_by: 'external:test',
        summary: JSON.stringify({ categories }),
        open_findings: '[]',
        finding_ages: '[]',
        activity_ids: '[]',
      });
      await knex('dsomm_reports').insert([
        row('r1', ['secrets', 'iac', 'secrets']),
        row('r2', []),
        row('r3', 'not a list'),
      ]);
      await knex.migrate.latest({ directory: MIGRATIONS });
      expect(
        await knex('dsomm_reports').orderBy('id').select('id', 'scan_kind'),
      ).toEqual([
        { id: 'r1', scan_kind: 'iac,secrets' },
        { id: 'r2', scan_kind: '' },
        { id: 'r3', scan_kind: '' },
      ]);
    });
  },
);
