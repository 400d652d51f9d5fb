import { mockServices } from '@backstage/backend-test-utils';
import { KPI_SEVERITIES, KpiSeverity } from '@dsomm/plugin-dsomm-common';
import { random } from '../../bench/random';
import { createTestDatabases } from '../__testUtils__/databases';
import { LifecycleFinding } from '../lifecycle/findingLifecycle';
import {
  KpiFindingSums,
  KpiSlaDays,
  addFindingSums,
  findingSums,
  slaDaysOfTier,
} from '../kpis/groupKpis';
import { DsommStore } from './DsommStore';
import { DIMENSION_COLUMNS, StoredScore } from './rows';
import { Visibility } from './visibilityFilter';

const databases = createTestDatabases();

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-11-29T12:00:00.000Z');
const WINDOW_DAYS = 30;
const SLA: KpiSlaDays = {
  default: { critical: 7, high: 30, medium: 90 },
  byTier: { gold: { critical: 2, high: 10, medium: 45 } },
};

const COMPONENTS = [
  { name: 'c0', owner: 'group:default/team-a', tier: 'gold' },
  { name: 'c1', owner: 'group:default/team-a', tier: undefined },
  { name: 'c2', owner: 'group:default/team-b', tier: 'bronze' },
  { name: 'c3', owner: 'group:default/team-b', tier: 'gold' },
  { name: 'c4', owner: undefined, tier: undefined },
];
const ref = (name: string) => `component:default/${name}`;

/** A time `daysAgo` before NOW, written with a +02:00 offset on odd days (scanners do). */
function time(daysAgo: number): string {
  const at = NOW - daysAgo * DAY;
  if (Math.floor(daysAgo) % 2 === 0) return new Date(at).toISOString();
  return new Date(at + 2 * 60 * 60 * 1000)
    .toISOString()
    .replace('.000Z', '+02:00');
}

/** `hoursAgo` before NOW, always written with a +02:00 offset. */
function offsetTime(hoursAgo: number): string {
  return new Date(NOW - hoursAgo * 60 * 60 * 1000 + 2 * 60 * 60 * 1000)
    .toISOString()
    .replace('.000Z', '+02:00');
}

/**
 * Findings an hour either side of each SLA edge, written with an offset: as text, one an
 * hour past its SLA reads as later than the edge, so only times compared as instants count
 * it right.
 */
function edgeFindings(seed: number): LifecycleFinding[] {
  const edges = [SLA.default, ...Object.values(SLA.byTier)].flatMap(days =>
    KPI_SEVERITIES.filter(s => days[s] !== undefined).flatMap(s => [
      { severity: s, hoursAgo: days[s]! * 24 + 1 },
      { severity: s, hoursAgo: days[s]! * 24 - 1 },
    ]),
  );
  return edges.map((e, i) => ({
    fingerprint: `edge${seed}-${i}`,
    severity: e.severity,
    category: 'iac',
    firstSeenAt: offsetTime(e.hoursAgo),
    lastSeenAt: offsetTime(0),
    closedAt: null,
    reopenedCount: 0,
  }));
}

/** Findings of every severity and state, some closed before the window, from a fixed seed. */
function findingsOf(seed: number): LifecycleFinding[] {
  return [...randomFindings(seed), ...edgeFindings(seed)];
}

function randomFindings(seed: number): LifecycleFinding[] {
  const next = random(seed);
  const categories = ['sast', 'iac', 'container,sca', 'sca'];
  return Array.from({ length: 40 }, (_, i) => {
    const firstDaysAgo = Math.floor(next() * 120 * 4) / 4;
    const closedDaysAgo =
      next() < 0.5 ? null : Math.floor(next() * firstDaysAgo * 4) / 4;
    return {
      fingerprint: `f${seed}-${i}`,
      severity: KPI_SEVERITIES[Math.floor(next() * 4)],
      category: categories[Math.floor(next() * categories.length)],
      firstSeenAt: time(firstDaysAgo),
      lastSeenAt: time(closedDaysAgo ?? 0),
      closedAt: closedDaysAgo === null ? null : time(closedDaysAgo),
      reopenedCount: 0,
    };
  });
}

/** A score of `c`: `implemented` activities, the first `automated` of them proven by a report. */
function score(
  c: (typeof COMPONENTS)[number],
  implemented: number,
  automated: number,
  computedAt = new Date(NOW).toISOString(),
): StoredScore {
  return {
    facts: {
      entityRef: ref(c.name),
      kind: 'component',
      namespace: 'default',
      name: c.name,
      owner: c.owner,
      tier: c.tier,
    },
    modelVersion: 'test',
    computedAt,
    overallLevel: 1,
    score: 1,
    dimensionLevels: Object.fromEntries(
      DIMENSION_COLUMNS.map(d => [d.dimension, 1]),
    ),
    activities: Array.from({ length: implemented }, (_, i) => ({
      activityId: `a${i}`,
      level: 1,
      status: 'implemented' as const,
      evidence: [
        {
          source: i < automated ? 'report' : 'attestation',
          observedAt: computedAt,
        } as any,
      ],
    })),
    target: { level: 1 },
    meetsTarget: true,
    activityNotes: [],
    warnings: [],
  };
}

/** The plain sums: each component's findings measured in JavaScript, added per key. */
function expectedSums(
  keyOf: (c: (typeof COMPONENTS)[number]) => string | null,
  visible: (name: string) => boolean,
) {
  const byKey = new Map<string | null, KpiFindingSums[][]>();
  COMPONENTS.forEach((c, i) => {
    if (!visible(c.name)) return;
    const sums = findingSums(
      findingsOf(i + 1),
      slaDaysOfTier(SLA, c.tier),
      NOW - WINDOW_DAYS * DAY,
      NOW,
    );
    byKey.set(keyOf(c), [...(byKey.get(keyOf(c)) ?? []), sums]);
  });
  return new Map(
    [...byKey.entries()].map(([key, lists]) => [key, addFindingSums(...lists)]),
  );
}

function bySeverity(rows: KpiFindingSums[]) {
  return Object.fromEntries(
    [...rows]
      .sort((a, b) => a.severity.localeCompare(b.severity))
      .map(r => [
        r.severity,
        {
          closedCount: r.closedCount,
          closedDays: Math.round(r.closedDays * 1e6) / 1e6,
          openPastSla: r.openPastSla,
          criticalMisconfigurations: r.criticalMisconfigurations,
        },
      ]),
  ) as Record<KpiSeverity, unknown>;
}

describe.each(databases.eachSupportedId())(
  'scorecard KPIs on %p',
  databaseId => {
    async function seeded() {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
        kpiSnapshots: { sla: SLA, windowDays: WINDOW_DAYS },
      });
      for (const [i, c] of COMPONENTS.entries()) {
        await store.saveFindingLifecycle(ref(c.name), 'Trivy', {
          upserts: findingsOf(i + 1),
          deletes: [],
        });
      }
      await store.saveScores(
        COMPONENTS.map((c, i) => score(c, 4, i % 5)),
        '2026-11-29',
      );
      return { knex, store };
    }

    it('sums each group in one query as the findings measured one by one, within what the caller may read', async () => {
      const { store } = await seeded();
      const measure = { from: NOW - WINDOW_DAYS * DAY, now: NOW, sla: SLA };
      const check = async (
        visibility: Visibility,
        visible: (name: string) => boolean,
        filters: Record<string, string[]> = {},
      ) => {
        const rows = await store.scorecardKpiSums(
          filters,
          visibility,
          'owner',
          measure,
        );
        const got = new Map<string | null, KpiFindingSums[]>();
        for (const row of rows) {
          const { key, ...sums } = row;
          got.set(key, [...(got.get(key) ?? []), sums]);
        }
        const want = expectedSums(
          c => c.owner ?? null,
          name =>
            visible(name) &&
            (filters.owner === undefined ||
              filters.owner.includes(
                COMPONENTS.find(c => c.name === name)!.owner ?? '',
              )),
        );
        expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
        for (const [key, sums] of want) {
          expect(bySeverity(got.get(key)!)).toEqual(bySeverity(sums));
        }
      };
      await check({ type: 'all' }, () => true);
      await check(
        { type: 'refs', refs: [ref('c0'), ref('c3'), ref('c4')] },
        name => ['c0', 'c3', 'c4'].includes(name),
      );
      await check(
        {
          type: 'criteria',
          criteria: { column: 'owner', values: ['group:default/team-b'] },
        },
        name => ['c2', 'c3'].includes(name),
      );
      await check({ type: 'none' }, () => false);
      await check({ type: 'all' }, () => true, {
        owner: ['group:default/team-a'],
      });

      // Grouped by tier: each component's findings against its own tier's SLA days.
      const tiers = await store.scorecardKpiSums(
        {},
        { type: 'all' },
        'tier',
        measure,
      );
      const wantTiers = expectedSums(
        c => c.tier ?? null,
        () => true,
      );
      for (const [key, sums] of wantTiers) {
        expect(bySeverity(tiers.filter(r => r.key === key))).toEqual(
          bySeverity(sums),
        );
      }

      // The sums kept with each score (measured when it was written, at NOW) are the same.
      for (const visibility of [
        { type: 'all' as const },
        { type: 'refs' as const, refs: [ref('c1'), ref('c3')] },
      ]) {
        for (const groupBy of ['owner', 'tier'] as const) {
          const live = await store.scorecardKpiSums(
            {},
            visibility,
            groupBy,
            measure,
          );
          const stored = await store.scorecardStoredKpis(
            {},
            visibility,
            groupBy,
            WINDOW_DAYS,
          );
          const comparable = (rows: typeof live) =>
            Object.fromEntries(
              [...new Set(rows.map(r => r.key))].map(key => {
                const of = rows.filter(r => r.key === key);
                return [
                  String(key),
                  {
                    misconfigurations: of.reduce(
                      (n, r) => n + r.criticalMisconfigurations,
                      0,
                    ),
                    severities: bySeverity(
                      of
                        .map(r => ({ ...r, criticalMisconfigurations: 0 }))
                        .filter(
                          r =>
                            r.closedCount + r.openPastSla > 0 ||
                            r.closedDays !== 0,
                        ),
                    ),
                  },
                ];
              }),
            );
          expect(comparable(stored.sums)).toEqual(comparable(live));
        }
      }
      // Scores measured over another window are not summed as if they were this one's.
      const other = await store.scorecardStoredKpis(
        {},
        { type: 'all' },
        'owner',
        7,
      );
      expect(
        other.sums.every(r => r.closedCount === 0 && r.openPastSla === 0),
      ).toBe(true);

      const shares = await store.scorecardShareCounts(
        {},
        { type: 'refs', refs: [ref('c1'), ref('c2'), ref('c3')] },
        'owner',
      );
      expect(shares.sort((a, b) => a.key!.localeCompare(b.key!))).toEqual([
        { key: 'group:default/team-a', implemented: 4, automated: 1 },
        { key: 'group:default/team-b', implemented: 8, automated: 5 },
      ]);
    });

    it('keeps each component’s KPIs in its daily snapshot and trends them per day', async () => {
      const { store } = await seeded();
      const trend = await store.trend({}, { type: 'all' }, '2026-11-01');
      expect(trend).toHaveLength(1);
      const all = expectedSums(
        () => 'all',
        () => true,
      ).get('all')!;
      const total = (pick: (s: KpiFindingSums) => number) =>
        all.reduce((n, s) => n + pick(s), 0);
      expect(trend[0].kpis).toEqual({
        openPastSla: total(s => s.openPastSla),
        criticalMisconfigurations: total(s => s.criticalMisconfigurations),
        automatedShare:
          Math.round(((0 + 1 + 2 + 3 + 4) / (5 * 4)) * 1000) / 1000,
        mttrDays:
          Math.round(
            (total(s => s.closedDays) / total(s => s.closedCount)) * 100,
          ) / 100,
      });
      expect(trend[0].kpis!.openPastSla).toBeGreaterThan(0);

      // The next day every finding of c0 is closed: its snapshot of that day says so.
      const next = NOW + DAY;
      await store.saveFindingLifecycle(ref('c0'), 'Trivy', {
        upserts: findingsOf(1).map(f => ({
          ...f,
          closedAt: f.closedAt ?? new Date(next).toISOString(),
        })),
        deletes: [],
      });
      await store.saveScores(
        [score(COMPONENTS[0], 4, 4, new Date(next).toISOString())],
        '2026-11-30',
      );
      const twoDays = await store.trend(
        {},
        { type: 'refs', refs: [ref('c0')] },
        '2026-11-01',
      );
      expect(twoDays.map(p => p.day)).toEqual(['2026-11-29', '2026-11-30']);
      expect(twoDays[0].kpis!.openPastSla).toBeGreaterThan(0);
      expect(twoDays[1].kpis).toEqual(
        expect.objectContaining({
          openPastSla: 0,
          criticalMisconfigurations: 0,
          automatedShare: 1,
        }),
      );
    });

    it('leaves the KPIs of a snapshot unmeasured without settings', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      await store.saveScores([score(COMPONENTS[0], 2, 1)], '2026-11-29');
      const [point] = await store.trend({}, { type: 'all' }, '2026-11-01');
      expect(point.kpis).toEqual({
        openPastSla: null,
        criticalMisconfigurations: null,
        automatedShare: 0.5,
        mttrDays: null,
      });
    });
  },
);
