import { findingsPastSla } from './findingsPastSla';
import { DEFAULT_FINDING_SLA_DAYS } from './mapping';
import { ReportForEvidence } from './reportEvidence';

const NOW = new Date('2026-06-30T00:00:00.000Z');
const daysAgo = (days: number) =>
  new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000).toISOString();

function report(
  id: string,
  openFindings: ReportForEvidence['openFindings'],
): ReportForEvidence {
  return {
    id,
    uploadedAt: NOW.toISOString(),
    summary: {
      tool: { name: id },
      format: 'sarif',
      categories: ['sast'],
      totalFindings: openFindings.length,
      counts: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    } as unknown as ReportForEvidence['summary'],
    openFindings,
  };
}

describe('findingsPastSla', () => {
  const reports = [
    report('a', [
      { key: 'CVE-1|lib@1', severity: 'high', firstSeenAt: daysAgo(15) },
      { key: 'CVE-2|lib@2', severity: 'critical', firstSeenAt: daysAgo(3) },
      {
        key: 'R-1|src/a.js',
        severity: 'medium',
        firstSeenAt: daysAgo(100),
        count: 4,
      },
    ]),
    report('b', [
      { key: 'CVE-3|lib@3', severity: 'high', firstSeenAt: daysAgo(40) },
    ]),
  ];

  it('counts findings open longer than their severity SLA, most severe first', () => {
    expect(findingsPastSla(reports, DEFAULT_FINDING_SLA_DAYS, NOW)).toEqual([
      { severity: 'high', count: 1, slaDays: 30, example: 'CVE-3' },
      { severity: 'medium', count: 4, slaDays: 90, example: 'R-1' },
    ]);
  });

  it('finds the same findings past a shorter SLA', () => {
    expect(
      findingsPastSla(reports, { critical: 2, high: 7, medium: 90 }, NOW),
    ).toEqual([
      { severity: 'critical', count: 1, slaDays: 2, example: 'CVE-2' },
      { severity: 'high', count: 2, slaDays: 7, example: 'CVE-1' },
      { severity: 'medium', count: 4, slaDays: 90, example: 'R-1' },
    ]);
  });

  it('finds none when every finding is within its SLA, or there are none', () => {
    expect(
      findingsPastSla(reports, { critical: 30, high: 60, medium: 365 }, NOW),
    ).toEqual([]);
    expect(findingsPastSla([], DEFAULT_FINDING_SLA_DAYS, NOW)).toEqual([]);
  });

  it('agrees with a plain count over every finding, for many SLAs', () => {
    const all = reports.flatMap(r => r.openFindings);
    const severities = ['critical', 'high', 'medium'] as const;
    for (const days of [1, 3, 7, 14, 15, 16, 30, 40, 99, 100, 101]) {
      const sla = { critical: days, high: days, medium: days };
      const reference = severities.flatMap(severity => {
        const past = all.filter(
          f =>
            f.severity === severity &&
            NOW.getTime() - Date.parse(f.firstSeenAt) > days * 86_400_000,
        );
        return past.length === 0
          ? []
          : [
              {
                severity,
                count: past.reduce((n, f) => n + (f.count ?? 1), 0),
                slaDays: days,
                example: past[0].key.split('|')[0],
              },
            ];
      });
      expect(findingsPastSla(reports, sla, NOW)).toEqual(reference);
    }
  });
});
