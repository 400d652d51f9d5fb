import fc from 'fast-check';
import {
  ActivityScore,
  KPI_SEVERITIES,
  KpiSeverity,
  REPORT_CATEGORIES,
  ReportCategory,
} from '@dsomm/plugin-dsomm-common';
import {
  automatedShare,
  criticalMisconfigurations,
  daysSinceLastScan,
  entityKpis,
  mttrDays,
  openPastSla,
} from './entityKpis';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);
const iso = (ms: number) => new Date(ms).toISOString();

const severity = fc.constantFrom(...KPI_SEVERITIES);
const time = fc.integer({ min: NOW - 400 * DAY, max: NOW });
const categories = fc
  .subarray([...REPORT_CATEGORIES])
  .map(list => [...list].sort().join(','));
interface F {
  severity: KpiSeverity;
  category: string;
  firstSeenAt: string;
  closedAt: string | null;
}

const finding: fc.Arbitrary<F> = fc
  .record({
    severity,
    category: categories,
    first: time,
    closedAfter: fc.option(fc.integer({ min: 0, max: 200 * DAY }), {
      nil: null,
    }),
  })
  .map(f => ({
    severity: f.severity,
    category: f.category,
    firstSeenAt: iso(f.first),
    closedAt:
      f.closedAfter === null
        ? null
        : iso(Math.min(NOW, f.first + f.closedAfter)),
  }));

// ---- the plain reference: one severity at a time, straight from the definitions ----

function referenceMttr(findings: F[], from: number, s: string) {
  const days = findings
    .filter(f => f.severity === s && f.closedAt !== null)
    .filter(
      f => Date.parse(f.closedAt!) >= from && Date.parse(f.closedAt!) <= NOW,
    )
    .map(f => (Date.parse(f.closedAt!) - Date.parse(f.firstSeenAt)) / DAY);
  if (days.length === 0) return null;
  let total = 0;
  for (const d of days) total += d;
  return total / days.length;
}

function referencePastSla(
  findings: F[],
  sla: Record<string, number>,
  s: string,
) {
  if (!(s in sla)) return null;
  return findings.filter(
    f =>
      f.severity === s &&
      f.closedAt === null &&
      (NOW - Date.parse(f.firstSeenAt)) / DAY > sla[s],
  ).length;
}

function referenceMisconfigurations(findings: F[]) {
  return findings.filter(
    f =>
      f.closedAt === null &&
      ['critical', 'high'].includes(f.severity) &&
      (f.category.split(',').includes('iac') ||
        f.category.split(',').includes('container')),
  ).length;
}

describe('finding KPIs', () => {
  it('match the plain reference on any findings', () => {
    fc.assert(
      fc.property(
        fc.array(finding, { maxLength: 60 }),
        fc.integer({ min: 1, max: 365 }),
        fc.record(
          { critical: fc.nat(60), high: fc.nat(120), medium: fc.nat(200) },
          { requiredKeys: [] },
        ),
        (findings, windowDays, sla) => {
          const from = NOW - windowDays * DAY;
          const mttr = mttrDays(findings, from, NOW);
          const past = openPastSla(findings, sla, NOW);
          for (const s of KPI_SEVERITIES) {
            // Compared to 9 decimals: the sums run in another order.
            const expected = referenceMttr(findings, from, s);
            expect(mttr[s] === null).toBe(expected === null);
            expect(mttr[s] ?? 0).toBeCloseTo(expected ?? 0, 9);
            expect(past[s]).toBe(referencePastSla(findings, sla, s));
          }
          expect(criticalMisconfigurations(findings)).toBe(
            referenceMisconfigurations(findings),
          );
        },
      ),
    );
  });

  it('gives worked figures for a small case', () => {
    const findings = [
      // closed after 2 and 4 days: critical MTTR 3
      {
        severity: 'critical' as const,
        category: 'sca',
        firstSeenAt: iso(NOW - 10 * DAY),
        closedAt: iso(NOW - 8 * DAY),
      },
      {
        severity: 'critical' as const,
        category: 'sca',
        firstSeenAt: iso(NOW - 10 * DAY),
        closedAt: iso(NOW - 6 * DAY),
      },
      // closed before the 30-day window: left out
      {
        severity: 'critical' as const,
        category: 'sca',
        firstSeenAt: iso(NOW - 90 * DAY),
        closedAt: iso(NOW - 40 * DAY),
      },
      // open 8 days, critical SLA 7: past it; an IaC finding
      {
        severity: 'critical' as const,
        category: 'iac',
        firstSeenAt: iso(NOW - 8 * DAY),
        closedAt: null,
      },
      // open 8 days, high SLA 30: within it; a container finding
      {
        severity: 'high' as const,
        category: 'container,sca',
        firstSeenAt: iso(NOW - 8 * DAY),
        closedAt: null,
      },
      // medium misconfiguration: not critical
      {
        severity: 'medium' as const,
        category: 'iac',
        firstSeenAt: iso(NOW - 100 * DAY),
        closedAt: null,
      },
    ];
    const kpis = entityKpis({
      findings,
      activities: [],
      scans: [],
      slaDays: { critical: 7, high: 30, medium: 90 },
      windowDays: 30,
      now: new Date(NOW),
    });
    expect(kpis.mttrDays).toEqual({
      critical: 3,
      high: null,
      medium: null,
      low: null,
    });
    expect(kpis.openPastSla).toEqual({
      critical: 1,
      high: 0,
      medium: 1,
      low: null,
    });
    expect(kpis.criticalMisconfigurations).toBe(2);
    expect(kpis.automatedShare).toBeNull();
    expect(kpis.windowDays).toBe(30);
  });
});

describe('automatedShare', () => {
  const item = (
    source: 'annotation' | 'report' | 'attestation',
    expiresAt?: number,
  ) => ({
    activityId: 'a',
    source,
    observedAt: iso(NOW - DAY),
    ...(expiresAt !== undefined ? { expiresAt: iso(expiresAt) } : {}),
  });
  const activity = fc.record({
    status: fc.constantFrom(
      'implemented',
      'missing',
      'stale',
      'not-applicable',
      'contradicted',
    ) as fc.Arbitrary<ActivityScore['status']>,
    evidence: fc.array(
      fc
        .record({
          source: fc.constantFrom(
            'annotation',
            'report',
            'attestation',
          ) as fc.Arbitrary<'annotation' | 'report' | 'attestation'>,
          expired: fc.boolean(),
        })
        .map(e => item(e.source, e.expired ? NOW - 1 : undefined)),
      { maxLength: 4 },
    ),
  });

  it('matches the plain reference', () => {
    fc.assert(
      fc.property(fc.array(activity, { maxLength: 30 }), activities => {
        const implemented = activities.filter(a => a.status === 'implemented');
        const byTools = implemented.filter(a =>
          a.evidence.some(
            e => e.source !== 'attestation' && e.expiresAt === undefined,
          ),
        );
        const expected =
          implemented.length === 0 ? null : byTools.length / implemented.length;
        expect(automatedShare(activities, NOW)).toBe(expected);
      }),
    );
  });

  it('counts an activity proven by people only, and one whose report expired, as by people', () => {
    expect(
      automatedShare(
        [
          {
            status: 'implemented',
            evidence: [item('report'), item('attestation')],
          },
          { status: 'implemented', evidence: [item('annotation')] },
          { status: 'implemented', evidence: [item('attestation')] },
          {
            status: 'implemented',
            evidence: [item('report', NOW - 1), item('attestation')],
          },
          { status: 'missing', evidence: [item('report')] },
        ],
        NOW,
      ),
    ).toBe(0.5);
  });
});

describe('daysSinceLastScan', () => {
  it('takes the latest scan of each category', () => {
    const scans: { categories: ReportCategory[]; at: string }[] = [
      { categories: ['sca', 'container'], at: iso(NOW - 3 * DAY) },
      { categories: ['sca'], at: iso(NOW - DAY / 2) },
      { categories: ['dast'], at: 'not a time' },
    ];
    expect(daysSinceLastScan(scans, NOW)).toEqual({
      sast: null,
      sca: 0.5,
      secrets: null,
      iac: null,
      container: 3,
      dast: null,
      sbom: null,
    });
  });
});
