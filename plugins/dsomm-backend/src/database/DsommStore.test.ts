import { mockServices } from '@backstage/backend-test-utils';
import { ReportCategory, StoredReport } from '@dsomm/plugin-dsomm-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { DsommStore } from './DsommStore';

const databases = createTestDatabases();

function report(
  id: string,
  entityRef: string,
  tool: string,
  uploadedAt: string,
  categories: ReportCategory[] = ['sast'],
): StoredReport {
  return {
    id,
    entityRef,
    sha256: id.padEnd(64, '0'),
    sizeBytes: 10,
    uploadedBy: 'external:test',
    uploadedAt,
    activityIds: [],
    summary: {
      format: 'semgrep',
      syntax: 'json',
      tool: { name: tool },
      categories,
      counts: { critical: 0, high: 0, medium: 0, low: 0, info: 0, unknown: 0 },
      totalFindings: 0,
      topFindings: [],
    },
  };
}

describe.each(databases.eachSupportedId())('DsommStore on %p', databaseId => {
  it('prunes old superseded reports and keeps the latest of each tool', async () => {
    const knex = await databases.init(databaseId);
    const store = await DsommStore.create({
      database: mockServices.database({ knex }),
    });
    const a = 'component:default/a';
    const b = 'component:default/b';
    for (const r of [
      report('a-semgrep-1', a, 'Semgrep', '2026-01-01T00:00:00.000Z'),
      report('a-semgrep-2', a, 'Semgrep', '2026-02-01T00:00:00.000Z'),
      report('a-semgrep-3', a, 'Semgrep', '2026-05-20T00:00:00.000Z'),
      report('a-gitleaks-1', a, 'gitleaks', '2026-01-15T00:00:00.000Z'),
      report('b-semgrep-1', b, 'Semgrep', '2026-01-10T00:00:00.000Z'),
      report('b-semgrep-2', b, 'Semgrep', '2026-02-10T00:00:00.000Z'),
    ]) {
      await store.insertReport(r, []);
    }

    expect(await store.pruneReports('2026-03-01T00:00:00.000Z')).toBe(3);
    const left = (await knex('dsomm_reports')
      .orderBy('id')
      .pluck('id')) as string[];
    // a's newest Semgrep report, a's only gitleaks report (old, but the latest of its tool)
    // and b's newest Semgrep report
    expect(left).toEqual(['a-gitleaks-1', 'a-semgrep-3', 'b-semgrep-2']);
    const used = await store.reportsFor([a, b]);
    expect(
      used
        .get(a)!
        .map(r => r.id)
        .sort(),
    ).toEqual(['a-gitleaks-1', 'a-semgrep-3']);
    expect(used.get(b)!.map(r => r.id)).toEqual(['b-semgrep-2']);
    // nothing more to prune
    expect(await store.pruneReports('2026-03-01T00:00:00.000Z')).toBe(0);
  });
  it('gives scoring the open findings grouped by severity and first-seen time', async () => {
    const knex = await databases.init(databaseId);
    const store = await DsommStore.create({
      database: mockServices.database({ knex }),
    });
    const ref = 'component:default/a';
    await store.insertReport(
      report('r1', ref, 'Trivy', '2026-05-01T00:00:00.000Z'),
      [
        { key: 'CVE-1|a@1', severity: 'critical', firstSeenAt: 't1' },
        { key: 'CVE-2|b@1', severity: 'critical', firstSeenAt: 't1' },
        { key: 'CVE-3|c@1', severity: 'high', firstSeenAt: 't1' },
        { key: 'CVE-4|d@1', severity: 'critical', firstSeenAt: 't2' },
      ],
    );
    expect((await store.reportsFor([ref])).get(ref)![0].openFindings).toEqual([
      { key: 'CVE-1|a@1', severity: 'critical', firstSeenAt: 't1', count: 2 },
      { key: 'CVE-3|c@1', severity: 'high', firstSeenAt: 't1', count: 1 },
      { key: 'CVE-4|d@1', severity: 'critical', firstSeenAt: 't2', count: 1 },
    ]);
    // A row written by an older version has only the findings one by one.
    await knex('dsomm_reports').update({ finding_ages: null });
    expect(
      (await store.reportsFor([ref])).get(ref)![0].openFindings,
    ).toHaveLength(4);
    // The upload of the tool's next report still reads every finding's key.
    expect(await store.latestOpenFindings(ref, 'Trivy', 'sast')).toHaveLength(
      4,
    );
  });

  it('keeps the latest report of each tool and kind of scan', async () => {
    const knex = await databases.init(databaseId);
    const store = await DsommStore.create({
      database: mockServices.database({ knex }),
    });
    const ref = 'component:default/a';
    const finding = (key: string, firstSeenAt: string) => ({
      key,
      severity: 'high' as const,
      firstSeenAt,
    });
    await store.insertReport(
      report('secret-1', ref, 'Trivy', '2026-01-01T00:00:00.000Z', ['secrets']),
      [finding('aws-key|.env:1', 't1')],
    );
    await store.insertReport(
      report('config-1', ref, 'Trivy', '2026-01-02T00:00:00.000Z', ['iac']),
      [finding('AVD-1|main.tf:3', 't2')],
    );
    await store.insertReport(
      report('both-1', ref, 'Trivy', '2026-01-03T00:00:00.000Z', [
        'sca',
        'secrets',
      ]),
      [finding('aws-key|.env:1', 't3'), finding('CVE-1|a@1', 't3')],
    );
    await store.insertReport(
      report('secret-2', ref, 'Trivy', '2026-01-04T00:00:00.000Z', ['secrets']),
      [],
    );
    const ids = async () =>
      (await store.reportsFor([ref]))
        .get(ref)!
        .map(r => r.id)
        .sort();
    // The latest of each kind; which of them still count is reportEvidence's to say.
    expect(await ids()).toEqual(['both-1', 'config-1', 'secret-2']);
    expect(
      (await knex('dsomm_reports').select('id', 'scan_kind').orderBy('id')).map(
        r => [r.id, r.scan_kind],
      ),
    ).toEqual([
      ['both-1', 'sca,secrets'],
      ['config-1', 'iac'],
      ['secret-1', 'secrets'],
      ['secret-2', 'secrets'],
    ]);
    // A new secrets scan carries ages from the reports that share a category with it,
    // the newest first; the configuration scan's findings are not its own.
    expect(
      (await store.latestOpenFindings(ref, 'Trivy', 'secrets'))
        .map(f => [f.key, f.firstSeenAt])
        .sort(),
    ).toEqual([
      ['CVE-1|a@1', 't3'],
      ['aws-key|.env:1', 't3'],
    ]);
    expect(
      (await store.latestOpenFindings(ref, 'Trivy', 'iac')).map(f => f.key),
    ).toEqual(['AVD-1|main.tf:3']);
    expect(await store.latestOpenFindings(ref, 'Trivy', 'dast')).toEqual([]);
    // Pruning removes only the report a later one of its kind replaced.
    expect(await store.pruneReports('2026-02-01T00:00:00.000Z')).toBe(1);
    expect(await ids()).toEqual(['both-1', 'config-1', 'secret-2']);
  });
});
