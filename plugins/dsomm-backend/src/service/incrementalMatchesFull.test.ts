import fc from 'fast-check';
import { Knex } from 'knex';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  ReportCategory,
  StoredReport,
  indexModel,
} from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { readDsommConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { createTestDatabases } from '../__testUtils__/databases';
import { component, testConfig } from '../__testUtils__/entities';
import { kpiSlaDaysOf } from '../kpis/groupKpis';
import { scoringOver } from '../__testUtils__/scoring';

jest.setTimeout(600_000);

const databases = createTestDatabases();
const model = getBuiltInModel();
const HOUR_MS = 60 * 60 * 1000;
const ACTIVITIES = [
  'version-control',
  'defined-build-process',
  'backup',
  'each-team-has-a-security-champion',
].map(key => indexModel(model).resolve(key)!.id);
const COMPONENTS = 4;
const SCOPES = ['group:default/team-a', 'group:default/team-b', 'organization'];
/** Configs that differ in the default target only (a target change). */
const CONFIGS = [0, 1, 2, 3].map(level =>
  readDsommConfig(
    new ConfigReader({
      dsomm: {
        ...testConfig.dsomm,
        targets: { ...testConfig.dsomm.targets, default: { level } },
      },
    }),
    model,
  ),
);

type Change =
  | { kind: 'attest'; target: number; activity: number; hours?: number }
  | { kind: 'scopeAttest'; scope: number; activity: number }
  | { kind: 'revoke'; nth: number }
  | { kind: 'waive'; target: number; activity: number; hours: number }
  | { kind: 'annotate'; target: number; activities: number[] }
  | { kind: 'target'; config: number }
  | { kind: 'time'; hours: number }
  | { kind: 'report'; target: number; tool: number; slackHours: number }
  | { kind: 'finding'; target: number; slackHours: number; closed: boolean };

const TOOLS: Array<{ name: string; category: ReportCategory }> = [
  { name: 'Trivy', category: 'sca' },
  { name: 'Semgrep', category: 'sast' },
];

const index = (n: number) => fc.nat({ max: n - 1 });
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.record({
    kind: fc.constant('attest' as const),
    target: index(COMPONENTS),
    activity: index(ACTIVITIES.length),
    hours: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('scopeAttest' as const),
    scope: index(SCOPES.length),
    activity: index(ACTIVITIES.length),
  }),
  fc.record({ kind: fc.constant('revoke' as const), nth: fc.nat() }),
  fc.record({
    kind: fc.constant('waive' as const),
    target: index(COMPONENTS),
    activity: index(ACTIVITIES.length),
    hours: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({
    kind: fc.constant('annotate' as const),
    target: index(COMPONENTS),
    activities: fc.uniqueArray(index(ACTIVITIES.length), { maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant('target' as const),
    config: index(CONFIGS.length),
  }),
  fc.record({
    kind: fc.constant('time' as const),
    hours: fc.integer({ min: 1, max: 8 }),
  }),
  // A report whose open finding passes its SLA `slackHours` from now (passed already if < 0).
  fc.record({
    kind: fc.constant('report' as const),
    target: index(COMPONENTS),
    tool: index(TOOLS.length),
    slackHours: fc.integer({ min: -3, max: 12 }),
  }),
  // A tracked finding (the KPI sums) that passes its SLA, or leaves the KPI window once
  // closed, `slackHours` from now.
  fc.record({
    kind: fc.constant('finding' as const),
    target: index(COMPONENTS),
    slackHours: fc.integer({ min: -3, max: 12 }),
    closed: fc.boolean(),
  }),
);

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

/** Everything stored for the scores, less the times a write sets. */
async function storedScores(knex: Knex) {
  const scores = await knex('dsomm_scores').orderBy('entity_ref');
  const details = await knex('dsomm_score_details').orderBy('entity_ref');
  const history = await knex('dsomm_score_history').orderBy([
    'entity_ref',
    'day',
  ]);
  return {
    scores: scores.map(({ computed_at, stale_since, ...rest }) => rest),
    details: details.map(d => {
      const { computedAt, ...rest } = JSON.parse(d.detail);
      return { entityRef: d.entity_ref, ...rest };
    }),
    history,
  };
}

/** Days a tracked finding stays in the KPIs once closed; shorter than the default, to cross. */
const KPI_WINDOW_DAYS = 30;
const KPI_SNAPSHOTS = {
  sla: kpiSlaDaysOf(CONFIGS[0].reports),
  windowDays: KPI_WINDOW_DAYS,
};
const SLA_HIGH_DAYS = CONFIGS[0].reports.findingSlaDays.high;

const TABLES = [
  'dsomm_scores',
  'dsomm_score_details',
  'dsomm_score_history',
  'dsomm_evidence',
  'dsomm_waivers',
  'dsomm_reports',
  'dsomm_finding_lifecycle',
  'dsomm_annotation_seen',
  'dsomm_audit',
];

describe.each(databases.eachSupportedId())(
  'Incremental recompute on %p',
  databaseId => {
    it('stores exactly the scores of a full rescore after any sequence of changes', async () => {
      // Two databases: one recomputed incrementally, one rescored in full (its scores
      // removed first, so every one is written afresh) after each change.
      const incremental = await databases.init(databaseId);
      const full = await databases.init(databaseId);
      const stores = {
        incremental: await DsommStore.create({
          database: mockServices.database({ knex: incremental }),
          kpiSnapshots: KPI_SNAPSHOTS,
        }),
        full: await DsommStore.create({
          database: mockServices.database({ knex: full }),
          kpiSnapshots: KPI_SNAPSHOTS,
        }),
      };

      await fc.assert(
        fc.asyncProperty(
          fc.array(change, { minLength: 1, maxLength: 6 }),
          async changes => {
            for (const knex of [incremental, full]) {
              for (const table of TABLES) await knex(table).delete();
            }
            // Early in the day, so most changes and expiries fall within it (each UTC day's
            // first recompute scores everything anyway).
            let clock = new Date('2026-06-01T00:30:00Z');
            let config = CONFIGS[1];
            let ids = 0;
            const live: Array<{ entityRef: string; id: string }> = [];
            const annotations: Array<Record<string, string>> = Array.from(
              { length: COMPONENTS },
              (_, i): Record<string, string> =>
                i % 2 === 0
                  ? { 'dsomm.owasp.org/implemented': 'version-control' }
                  : {},
            );
            const catalog = () => [
              group('team-a'),
              group('team-b'),
              ...annotations.map((a, i) =>
                component(
                  `svc-${i}`,
                  { owner: i % 2 === 0 ? 'team-a' : 'team-b' },
                  { ...a },
                ),
              ),
            ];
            const recompute = async () => {
              const now = clock;
              for (const store of [stores.incremental, stores.full]) {
                if (store === stores.full) {
                  await full('dsomm_score_details').delete();
                  await full('dsomm_scores').delete();
                }
                await scoringOver({
                  config,
                  store,
                  entities: catalog(),
                  now: () => now,
                }).recomputeAll();
              }
              expect(await storedScores(incremental)).toEqual(
                await storedScores(full),
              );
            };
            const both = async (
              write: (store: DsommStore) => Promise<unknown>,
            ) => {
              await write(stores.incremental);
              await write(stores.full);
            };
            const nextId = () =>
              `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
            const inHours = (hours: number) =>
              new Date(clock.getTime() + hours * HOUR_MS).toISOString();

            await recompute();
            for (const c of changes) {
              // Fixed for this change, so the writes below do not read the clock.
              const at = clock.toISOString();
              const expiresAt =
                (c.kind === 'attest' || c.kind === 'waive') && c.hours
                  ? inHours(c.hours)
                  : undefined;
              if (c.kind === 'attest' || c.kind === 'scopeAttest') {
                const entityRef =
                  c.kind === 'attest'
                    ? `component:default/svc-${c.target}`
                    : SCOPES[c.scope];
                const id = nextId();
                live.push({ entityRef, id });
                await both(store =>
                  store.insertAttestation({
                    id,
                    entityRef,
                    activityId: ACTIVITIES[c.activity],
                    comment: 'done',
                    attestedBy: 'user:default/jane',
                    attestedAt: at,
                    expiresAt,
                  }),
                );
              } else if (c.kind === 'revoke') {
                if (live.length > 0) {
                  const [gone] = live.splice(c.nth % live.length, 1);
                  await both(store =>
                    store.revokeAttestation(
                      gone.entityRef,
                      gone.id,
                      'user:default/jane',
                      at,
                    ),
                  );
                }
              } else if (c.kind === 'waive') {
                const id = nextId();
                await both(store =>
                  store.insertWaiver({
                    id,
                    entityRef: `component:default/svc-${c.target}`,
                    activityId: ACTIVITIES[c.activity],
                    justification: 'not yet',
                    grantedBy: 'user:default/jane',
                    grantedAt: at,
                    expiresAt,
                  }),
                );
              } else if (c.kind === 'annotate') {
                annotations[c.target] = {
                  'dsomm.owasp.org/implemented': c.activities
                    .map(a => ACTIVITIES[a])
                    .join(','),
                };
              } else if (c.kind === 'target') {
                config = CONFIGS[c.config];
              } else if (c.kind === 'report') {
                const id = nextId();
                const tool = TOOLS[c.tool];
                const entityRef = `component:default/svc-${c.target}`;
                await both(store =>
                  store.insertReport(
                    {
                      id,
                      entityRef,
                      sha256: id.replace(/-/g, '').padEnd(64, '0'),
                      sizeBytes: 10,
                      uploadedBy: 'external:ci',
                      uploadedAt: at,
                      activityIds: [],
                      summary: {
                        format: 'sarif',
                        syntax: 'json',
                        tool: { name: tool.name },
                        categories: [tool.category],
                        counts: {
                          critical: 0,
                          high: 1,
                          medium: 0,
                          low: 0,
                          info: 0,
                          unknown: 0,
                        },
                        totalFindings: 1,
                        topFindings: [],
                      },
                    } as StoredReport,
                    [
                      {
                        key: `finding-${id}`,
                        severity: 'high',
                        firstSeenAt: inHours(c.slackHours - SLA_HIGH_DAYS * 24),
                      },
                    ],
                  ),
                );
              } else if (c.kind === 'finding') {
                const fingerprint = nextId();
                await both(store =>
                  store.saveFindingLifecycle(
                    `component:default/svc-${c.target}`,
                    'Trivy',
                    {
                      upserts: [
                        {
                          fingerprint,
                          severity: 'high',
                          category: 'sca',
                          firstSeenAt: c.closed
                            ? inHours(c.slackHours - KPI_WINDOW_DAYS * 24 - 24)
                            : inHours(c.slackHours - SLA_HIGH_DAYS * 24),
                          lastSeenAt: at,
                          closedAt: c.closed
                            ? inHours(c.slackHours - KPI_WINDOW_DAYS * 24)
                            : null,
                          reopenedCount: 0,
                        },
                      ],
                      deletes: [],
                    },
                  ),
                );
              } else {
                clock = new Date(clock.getTime() + c.hours * HOUR_MS);
              }
              await recompute();
            }
          },
        ),
        { numRuns: 15 },
      );
    });
  },
);
