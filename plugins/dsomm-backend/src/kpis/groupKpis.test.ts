import fc from 'fast-check';
import { KPI_SEVERITIES, KpiSeverity } from '@dsomm/plugin-dsomm-common';
import {
  KpiSlaDays,
  findingSums,
  groupKpis,
  kpisByGroup,
  shareCounts,
  slaDaysOfTier,
  slaSeveritiesOf,
} from './groupKpis';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-29T12:00:00.000Z');
const WINDOW_DAYS = 30;

const SLA: KpiSlaDays = {
  default: { critical: 7, high: 30, medium: 90 },
  byTier: { gold: { critical: 2, high: 10, medium: 45 } },
};

interface Finding {
  severity: KpiSeverity;
  category: string;
  firstSeenAt: string;
  closedAt: string | null;
}

const finding = fc
  .record({
    severity: fc.constantFrom(...KPI_SEVERITIES),
    category: fc.constantFrom(
      'sast',
      'iac',
      'container,sca',
      'sca',
      'iac,sast',
    ),
    // Up to 120 days ago, in whole hours.
    firstHoursAgo: fc.integer({ min: 0, max: 120 * 24 }),
    closedHoursLater: fc.option(fc.integer({ min: 0, max: 60 * 24 })),
  })
  .map(({ severity, category, firstHoursAgo, closedHoursLater }): Finding => {
    const first = NOW - firstHoursAgo * HOUR;
    const closed =
      closedHoursLater === null
        ? null
        : Math.min(NOW, first + closedHoursLater * HOUR);
    return {
      severity,
      category,
      firstSeenAt: new Date(first).toISOString(),
      closedAt: closed === null ? null : new Date(closed).toISOString(),
    };
  });

const component = fc.record({
  group: fc.constantFrom('team-a', 'team-b', null),
  tier: fc.constantFrom('gold', 'bronze', undefined),
  findings: fc.array(finding, { maxLength: 12 }),
  implemented: fc.integer({ min: 0, max: 8 }),
  automatedOfImplemented: fc.integer({ min: 0, max: 8 }),
});

type Component = {
  group: string | null;
  tier: string | undefined;
  findings: Finding[];
  implemented: number;
  automatedOfImplemented: number;
};

/** The plain definition: every finding of every component of the group, one by one. */
function reference(components: Component[]) {
  const from = NOW - WINDOW_DAYS * DAY;
  const mttr: Record<string, number | null> = {};
  const pastSla: Record<string, number | null> = {};
  for (const s of KPI_SEVERITIES) {
    const closedDays: number[] = [];
    let past = 0;
    for (const c of components) {
      const sla = slaDaysOfTier(SLA, c.tier)[s];
      for (const f of c.findings) {
        if (f.severity !== s) continue;
        if (f.closedAt !== null) {
          const closed = Date.parse(f.closedAt);
          if (closed >= from && closed <= NOW) {
            closedDays.push((closed - Date.parse(f.firstSeenAt)) / DAY);
          }
        } else if (
          sla !== undefined &&
          NOW - Date.parse(f.firstSeenAt) > sla * DAY
        ) {
          past += 1;
        }
      }
    }
    mttr[s] =
      closedDays.length === 0
        ? null
        : closedDays.reduce((a, b) => a + b, 0) / closedDays.length;
    pastSla[s] = s === 'low' ? null : past;
  }
  let misconfigurations = 0;
  for (const c of components) {
    for (const f of c.findings) {
      const infra =
        f.category.split(',').includes('iac') ||
        f.category.split(',').includes('container');
      if (
        f.closedAt === null &&
        infra &&
        (f.severity === 'critical' || f.severity === 'high')
      ) {
        misconfigurations += 1;
      }
    }
  }
  const implemented = components.reduce((n, c) => n + c.implemented, 0);
  const automated = components.reduce(
    (n, c) => n + Math.min(c.automatedOfImplemented, c.implemented),
    0,
  );
  return {
    mttr,
    pastSla,
    misconfigurations,
    share: implemented === 0 ? null : automated / implemented,
  };
}

/** Both null, or both numbers at most `tolerance` apart. */
function near(a: number | null, b: number | null, tolerance: number) {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= tolerance + 1e-9;
}

/** A component's activities: `implemented` ones, the first `automated` proven by a report. */
function activitiesOf(c: Component) {
  return Array.from({ length: c.implemented }, (_, i) => ({
    status: 'implemented' as const,
    evidence:
      i < c.automatedOfImplemented
        ? [{ source: 'report' as const }]
        : [{ source: 'attestation' as const }],
  }));
}

describe('group KPIs', () => {
  it('equal the plain per-finding definition for every group and for all together', () => {
    fc.assert(
      fc.property(fc.array(component, { maxLength: 10 }), components => {
        const from = NOW - WINDOW_DAYS * DAY;
        // What the store answers: sums per component, keyed by its group.
        const sums = components.flatMap(c =>
          findingSums(c.findings, slaDaysOfTier(SLA, c.tier), from, NOW).map(
            s => ({ ...s, key: c.group }),
          ),
        );
        const shares = components.map(c => ({
          key: c.group,
          ...shareCounts(activitiesOf(c) as any, NOW),
        }));
        const { groups, total } = kpisByGroup({
          sums,
          shares,
          slaSeverities: slaSeveritiesOf(SLA),
          windowDays: WINDOW_DAYS,
          unassigned: '(none)',
        });
        const check = (got: ReturnType<typeof groupKpis>, of: Component[]) => {
          const want = reference(of);
          for (const s of KPI_SEVERITIES) {
            // Rounded to two decimals by the API.
            expect([s, near(got.mttrDays[s], want.mttr[s], 0.005)]).toEqual([
              s,
              true,
            ]);
            expect(got.openPastSla[s]).toBe(want.pastSla[s]);
          }
          expect(got.criticalMisconfigurations).toBe(want.misconfigurations);
          expect(near(got.automatedShare, want.share, 0.0005)).toBe(true);
          expect(got.windowDays).toBe(WINDOW_DAYS);
        };
        for (const key of ['team-a', 'team-b', null]) {
          const members = components.filter(c => c.group === key);
          expect(groups.has(key ?? '(none)')).toBe(members.length > 0);
          if (members.length > 0) check(groups.get(key ?? '(none)')!, members);
        }
        check(total, components);
      }),
      { numRuns: 300 },
    );
  });

  it('takes MTTR over all closed findings, not as a mean of the components means', () => {
    const closed = (daysToFix: number) => ({
      severity: 'high' as const,
      category: 'sast',
      firstSeenAt: new Date(NOW - (daysToFix + 1) * DAY).toISOString(),
      closedAt: new Date(NOW - DAY).toISOString(),
    });
    const from = NOW - WINDOW_DAYS * DAY;
    // One component fixed one finding in 2 days, another three findings in 10 days each.
    const sums = [
      ...findingSums([closed(2)], SLA.default, from, NOW),
      ...findingSums(
        [closed(10), closed(10), closed(10)],
        SLA.default,
        from,
        NOW,
      ),
    ].map(s => ({ ...s, key: 'team' }));
    const { total } = kpisByGroup({
      sums,
      shares: [],
      slaSeverities: slaSeveritiesOf(SLA),
      windowDays: WINDOW_DAYS,
      unassigned: '(none)',
    });
    expect(total.mttrDays.high).toBe(8);
    expect(total.automatedShare).toBeNull();
    expect(total.openPastSla).toEqual({
      critical: 0,
      high: 0,
      medium: 0,
      low: null,
    });
  });

  it('counts expired automated evidence as not automated', () => {
    const counts = shareCounts(
      [
        {
          status: 'implemented',
          evidence: [
            {
              source: 'report',
              expiresAt: new Date(NOW - DAY).toISOString(),
            } as any,
          ],
        },
        { status: 'implemented', evidence: [{ source: 'annotation' } as any] },
        { status: 'missing', evidence: [{ source: 'report' } as any] },
      ],
      NOW,
    );
    expect(counts).toEqual({ implemented: 2, automated: 1 });
  });
});
