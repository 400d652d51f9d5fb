import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { indexModel } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { Knex } from 'knex';
import { readDsommConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { kpiSlaDaysOf } from '../kpis/groupKpis';
import { createTestDatabases } from '../__testUtils__/databases';
import { testCatalog, testConfig } from '../__testUtils__/entities';
import { scoringOver } from '../__testUtils__/scoring';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const model = getBuiltInModel();
const config = readDsommConfig(new ConfigReader(testConfig), model);
const HOUR_MS = 60 * 60 * 1000;
const BACKUP = indexModel(model).resolve('backup')!.id;
const KPI_WINDOW_DAYS = 30;

/**
 * Statements that read components' stored evidence or reports: what skipping saves (the
 * scopes' own evidence is read every time).
 */
function inputReads(knex: Knex): string[] {
  const seen: string[] = [];
  knex.on('query', (q: { sql: string; bindings?: unknown[] }) => {
    if (
      /^\s*select/i.test(q.sql) &&
      /dsomm_(evidence|reports)\b/.test(q.sql) &&
      (q.bindings ?? []).some(
        b => typeof b === 'string' && b.startsWith('component:'),
      )
    )
      seen.push(q.sql);
  });
  return seen;
}

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

const catalogWithGroups = () => [
  group('team-a'),
  group('team-b'),
  ...testCatalog(),
];

describe.each(databases.eachSupportedId())(
  'A scheduled recompute skips unchanged inputs on %p',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
        kpiSnapshots: {
          sla: kpiSlaDaysOf(config.reports),
          windowDays: KPI_WINDOW_DAYS,
        },
      });
      let clock = new Date('2026-06-01T01:00:00Z');
      let entities: Entity[] = catalogWithGroups();
      const scoring = (cfg = config) =>
        scoringOver({
          config: cfg,
          store,
          catalog: catalogServiceMock({ entities }),
          now: () => clock,
        });
      const statusOf = async (ref: string, activityId: string) =>
        (await store.getScore(ref))?.activities.find(
          a => a.activityId === activityId,
        )?.status;
      return {
        knex,
        store,
        scoring,
        statusOf,
        later: (hours: number) => {
          clock = new Date(clock.getTime() + hours * HOUR_MS);
          return clock.toISOString();
        },
        setEntities: (next: Entity[]) => {
          entities = next;
        },
      };
    }

    it('reads no stored inputs and writes nothing when nothing changed', async () => {
      const { knex, scoring, later } = await setup();
      expect(await scoring().recomputeAll()).toMatchObject({
        scored: 3,
        unchanged: 0,
      });
      const computed = await knex('dsomm_scores').pluck('computed_at');
      later(2);
      const reads = inputReads(knex);
      expect(await scoring().recomputeAll()).toMatchObject({
        scored: 3,
        unchanged: 3,
      });
      expect(reads).toEqual([]);
      expect(await knex('dsomm_scores').pluck('computed_at')).toEqual(computed);
      // Asked for, a full rescore scores every one again (and finds them the same).
      expect(await scoring().recomputeAll({ full: true })).toMatchObject({
        scored: 3,
        unchanged: 0,
      });
    });

    it('scores again exactly what a write, a catalog change or a scope change touched', async () => {
      const { store, scoring, statusOf, later, setEntities } = await setup();
      await scoring().recomputeAll();
      const at = later(1);
      await store.insertAttestation({
        id: '00000000-0000-4000-8000-000000000001',
        entityRef: 'component:default/gamma',
        activityId: BACKUP,
        comment: 'restores tested',
        attestedBy: 'user:default/jane',
        attestedAt: at,
      });
      expect(await scoring().recomputeAll()).toMatchObject({ unchanged: 2 });
      expect(await statusOf('component:default/gamma', BACKUP)).toBe(
        'implemented',
      );

      // An annotation added in the catalog.
      later(1);
      setEntities(
        catalogWithGroups().map(e =>
          e.metadata.name === 'beta'
            ? {
                ...e,
                metadata: {
                  ...e.metadata,
                  annotations: {
                    ...e.metadata.annotations,
                    'dsomm.owasp.org/implemented': 'version-control, backup',
                  },
                },
              }
            : e,
        ),
      );
      expect(await scoring().recomputeAll()).toMatchObject({ unchanged: 2 });
      expect(await statusOf('component:default/beta', BACKUP)).toBe(
        'implemented',
      );

      // An attestation at team-a's scope reaches alpha (owned by team-a) only.
      const teamAt = later(1);
      await store.insertAttestation({
        id: '00000000-0000-4000-8000-000000000002',
        entityRef: 'group:default/team-a',
        activityId: BACKUP,
        comment: 'one backup system for the team',
        attestedBy: 'user:default/jane',
        attestedAt: teamAt,
      });
      expect(await scoring().recomputeAll()).toMatchObject({ unchanged: 2 });
      expect(await statusOf('component:default/alpha', BACKUP)).toBe(
        'implemented',
      );

      // Another config (a target changed) scores everything again.
      const raised = readDsommConfig(
        new ConfigReader({
          dsomm: {
            ...testConfig.dsomm,
            targets: { ...testConfig.dsomm.targets, default: { level: 2 } },
          },
        }),
        model,
      );
      later(1);
      expect(await scoring(raised).recomputeAll()).toMatchObject({
        unchanged: 0,
      });
    });

    it('scores again the components whose findings a prune removed', async () => {
      const { store, scoring, later } = await setup();
      const now = Date.parse(later(0));
      const daysAgo = (days: number) =>
        new Date(now - days * 24 * HOUR_MS).toISOString();
      await store.saveFindingLifecycle('component:default/beta', 'Trivy', {
        upserts: [
          {
            fingerprint: 'old',
            severity: 'high',
            category: 'sca',
            firstSeenAt: daysAgo(300),
            lastSeenAt: daysAgo(200),
            closedAt: daysAgo(200),
            reopenedCount: 0,
          },
        ],
        deletes: [],
      });
      await scoring().recomputeAll();
      later(1);
      expect(await scoring().recomputeAll()).toMatchObject({ unchanged: 3 });
      expect(await store.pruneFindingLifecycle(daysAgo(100))).toBe(1);
      expect(await scoring().recomputeAll()).toMatchObject({ unchanged: 2 });
    });

    it('scores again once time alone changes a score: an expiry, the KPI window left', async () => {
      const { store, knex, scoring, statusOf, later } = await setup();
      const now = later(0);
      const inHours = (h: number) =>
        new Date(Date.parse(now) + h * HOUR_MS).toISOString();
      await store.insertAttestation({
        id: '00000000-0000-4000-8000-000000000003',
        entityRef: 'component:default/gamma',
        activityId: BACKUP,
        comment: 'for three hours',
        attestedBy: 'user:default/jane',
        attestedAt: now,
        expiresAt: inHours(3),
      });
      // A tracked finding of beta closed 30 days ago less 5 hours: it leaves the 30-day KPI
      // window in 5 hours.
      await store.saveFindingLifecycle('component:default/beta', 'Trivy', {
        upserts: [
          {
            fingerprint: 'f1',
            severity: 'high',
            category: 'sca',
            firstSeenAt: inHours(-KPI_WINDOW_DAYS * 24 - 24),
            lastSeenAt: inHours(-KPI_WINDOW_DAYS * 24 + 5),
            closedAt: inHours(-KPI_WINDOW_DAYS * 24 + 5),
            reopenedCount: 0,
          },
        ],
        deletes: [],
      });
      await scoring().recomputeAll();
      const closedHigh = async () =>
        (
          await knex('dsomm_scores')
            .where({ entity_ref: 'component:default/beta' })
            .first('closed_count_high')
        ).closed_count_high;
      expect(await statusOf('component:default/gamma', BACKUP)).toBe(
        'implemented',
      );
      expect(await closedHigh()).toBe(1);

      later(2);
      expect(await scoring().recomputeAll()).toMatchObject({ unchanged: 3 });

      // Past the expiry, within the same day: gamma only.
      later(2);
      expect(await scoring().recomputeAll()).toMatchObject({ unchanged: 2 });
      expect(await statusOf('component:default/gamma', BACKUP)).not.toBe(
        'implemented',
      );
      expect(await closedHigh()).toBe(1);

      // Past the KPI window's edge: beta only.
      later(2);
      expect(await scoring().recomputeAll()).toMatchObject({ unchanged: 2 });
      expect(await closedHigh()).toBe(0);
    });
  },
);
