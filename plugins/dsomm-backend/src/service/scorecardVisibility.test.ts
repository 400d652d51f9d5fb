import {
  BackstageCredentials,
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import request from 'supertest';
import { dsommPlugin } from '../plugin';
import { createTestDatabases } from '../__testUtils__/databases';
import { component, testCatalog, testConfig } from '../__testUtils__/entities';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const ADMIN = 'user:default/admin';
const admin = mockCredentials.user.header(ADMIN);
// The caller whose view is restricted: the default mock user.
const caller = mockCredentials.user.header();

/** alpha (team-a), beta and gamma (team-b), and delta without an owner. */
function entities(): Entity[] {
  return [...testCatalog(), component('delta', {})];
}

/** What the catalog shows the restricted caller: the components with a tier annotation. */
const catalogShowsCaller = (e: Entity) =>
  e.kind === 'System' ||
  e.metadata.annotations?.['dsomm.owasp.org/tier'] !== undefined;

const condition = (rule: string, params: object) => ({
  rule,
  resourceType: 'catalog-entity',
  params,
});

const conditional = (conditions: any): PolicyDecision => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions,
});

/**
 * A backend whose catalog hides gamma and delta from the mock user (the catalog applies its
 * own permissions), and whose permission policy answers catalog.entity.read for that user
 * with `policy.decision`; the admin and services are allowed everything.
 */
async function startBackend(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const all = entities();
  const full = catalogServiceMock({ entities: all });
  const restricted = catalogServiceMock({
    entities: all.filter(catalogShowsCaller),
  });
  const isCaller = (credentials?: BackstageCredentials) => {
    const principal = credentials?.principal as
      | BackstageUserPrincipal
      | undefined;
    return principal?.type === 'user' && principal.userEntityRef !== ADMIN;
  };
  const catalog = new Proxy(full, {
    get(target, prop) {
      const method = (target as any)[prop];
      if (typeof method !== 'function') return method;
      return (...args: any[]) => {
        const credentials = args[args.length - 1]?.credentials;
        const client = isCaller(credentials) ? restricted : full;
        return (client as any)[prop](...args);
      };
    },
  });
  const policy: { decision: PolicyDecision } = {
    decision: { result: AuthorizeResult.ALLOW },
  };
  const catalogReads: string[] = [];
  const { server } = await startTestBackend({
    features: [
      dsommPlugin,
      mockServices.rootConfig.factory({ data: testConfig }),
      mockServices.database.factory({ knex }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
      createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () => ({
          authorize: async (requests: any[]) =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })),
          authorizeConditional: async (
            requests: any[],
            options: { credentials: BackstageCredentials },
          ) => {
            catalogReads.push(...requests.map(r => r.permission.name));
            return requests.map(() =>
              isCaller(options.credentials)
                ? policy.decision
                : { result: AuthorizeResult.ALLOW },
            );
          },
        }),
      }),
    ],
  });
  for (const name of ['alpha', 'beta', 'gamma', 'delta']) {
    const res = await request(server)
      .post(`/api/dsomm/entities/component/default/${name}/refresh`)
      .set('Authorization', admin);
    expect(res.status).toBe(200);
  }
  return { server, policy, catalogReads };
}

type Server = Awaited<ReturnType<typeof startBackend>>['server'];

/** Everything the scorecard routes tell `auth` about, in a comparable form. */
async function readAll(server: Server, auth: string) {
  const get = async (url: string) => {
    const res = await request(server).get(url).set('Authorization', auth);
    expect(res.status).toBe(200);
    return res;
  };
  const byOwner = (await get('/api/dsomm/scorecard?groupBy=owner&limit=500'))
    .body;
  const byTier = (await get('/api/dsomm/scorecard?groupBy=tier&limit=1')).body;
  const trend = (await get('/api/dsomm/scorecard/trend?days=7')).body;
  const csv = (await get('/api/dsomm/scorecard/export?format=csv')).text;
  const csvLines = csv.trim().split('\r\n');
  return {
    rows: byOwner.rows.map((r: any) => r.name),
    scores: Object.fromEntries(
      byOwner.rows.map((r: any) => [r.name, r.score]),
    ) as Record<string, number>,
    totalRows: byOwner.totalRows,
    groups: byOwner.groups.map((g: any) => [g.key, g.count]),
    groupMeans: Object.fromEntries(
      byOwner.groups.map((g: any) => [g.key, g.meanScore]),
    ) as Record<string, number>,
    total: byOwner.total,
    tierGroups: byTier.groups.map((g: any) => [g.key, g.count]),
    tierTotal: byTier.total.count,
    tierTotalRows: byTier.totalRows,
    trendCounts: trend.points.map((p: any) => p.count),
    csvHeader: csvLines[0],
    csvRows: csvLines.slice(1).map(l => l.split(',')[0]),
  };
}

const ref = (name: string) => `component:default/${name}`;

describe.each(databases.eachSupportedId())(
  'scorecard visibility on %p',
  databaseId => {
    it('shows everything on ALLOW and nothing (not an error) on DENY', async () => {
      const { server, policy, catalogReads } = await startBackend(databaseId);
      const everything = await readAll(server, caller);
      expect(everything.rows).toEqual(['alpha', 'beta', 'delta', 'gamma']);
      expect(everything.totalRows).toBe(4);
      expect(everything.groups).toEqual([
        ['(none)', 1],
        ['group:default/team-a', 1],
        ['group:default/team-b', 2],
      ]);
      expect(everything.total.count).toBe(4);
      expect(everything.trendCounts).toEqual([4]);
      expect(everything.csvRows).toEqual(
        ['alpha', 'beta', 'delta', 'gamma'].map(ref),
      );
      expect(catalogReads).toContain('catalog.entity.read');

      policy.decision = { result: AuthorizeResult.DENY };
      const nothing = await readAll(server, caller);
      expect(nothing.rows).toEqual([]);
      expect(nothing.totalRows).toBe(0);
      expect(nothing.groups).toEqual([]);
      expect(nothing.total.count).toBe(0);
      expect(nothing.total.meanScore).toBe(0);
      expect(nothing.tierGroups).toEqual([]);
      expect(nothing.tierTotalRows).toBe(0);
      expect(nothing.trendCounts).toEqual([]);
      expect(nothing.csvHeader).toMatch(/^entityRef,title,owner/);
      expect(nothing.csvRows).toEqual([]);

      // The admin's view is unaffected by the caller's policy.
      expect((await readAll(server, admin)).rows).toHaveLength(4);
    });

    it('applies ownership and kind conditions in SQL: rows, groups, means, totals, trend and CSV', async () => {
      const { server, policy } = await startBackend(databaseId);
      const adminView = await readAll(server, admin);

      // Owned by team-b (claims compare case-insensitively). The catalog would show this
      // caller alpha and beta, so only the SQL translation can give beta and gamma.
      policy.decision = conditional({
        anyOf: [
          condition('IS_ENTITY_OWNER', {
            claims: ['user:default/mock', 'group:default/Team-B'],
          }),
        ],
      });
      const teamB = await readAll(server, caller);
      expect(teamB.rows).toEqual(['beta', 'gamma']);
      expect(teamB.totalRows).toBe(2);
      expect(teamB.groups).toEqual([['group:default/team-b', 2]]);
      expect(teamB.groupMeans['group:default/team-b']).toBeCloseTo(
        adminView.groupMeans['group:default/team-b'],
      );
      expect(teamB.total.count).toBe(2);
      expect(teamB.total.meanScore).toBeCloseTo(
        (adminView.scores.beta + adminView.scores.gamma) / 2,
      );
      expect(teamB.tierGroups).toEqual([
        ['experimental', 1],
        ['standard', 1],
      ]);
      expect(teamB.tierTotal).toBe(2);
      expect(teamB.trendCounts).toEqual([2]);
      expect(teamB.csvRows).toEqual([ref('beta'), ref('gamma')]);

      // A negation keeps the component without an owner, as the catalog does.
      policy.decision = conditional({
        not: condition('IS_ENTITY_OWNER', { claims: ['group:default/team-a'] }),
      });
      const notTeamA = await readAll(server, caller);
      expect(notTeamA.rows).toEqual(['beta', 'delta', 'gamma']);
      expect(notTeamA.total.count).toBe(3);
      expect(notTeamA.trendCounts).toEqual([3]);
      expect(notTeamA.csvRows).toEqual(['beta', 'delta', 'gamma'].map(ref));

      policy.decision = conditional({
        allOf: [
          condition('IS_ENTITY_KIND', { kinds: ['Component'] }),
          condition('IS_ENTITY_OWNER', { claims: ['group:default/team-a'] }),
        ],
      });
      const teamA = await readAll(server, caller);
      expect(teamA.rows).toEqual(['alpha']);
      expect(teamA.groups).toEqual([['group:default/team-a', 1]]);
      expect(teamA.total).toEqual(
        expect.objectContaining({
          count: 1,
          meanScore: adminView.groupMeans['group:default/team-a'],
        }),
      );
      expect(teamA.csvRows).toEqual([ref('alpha')]);

      policy.decision = conditional(
        condition('IS_ENTITY_KIND', { kinds: ['System'] }),
      );
      const systems = await readAll(server, caller);
      expect(systems.rows).toEqual([]);
      expect(systems.total.count).toBe(0);
      expect(systems.trendCounts).toEqual([]);

      // Filters narrow within what is visible, never beyond it.
      policy.decision = conditional(
        condition('IS_ENTITY_OWNER', { claims: ['group:default/team-b'] }),
      );
      const filtered = await request(server)
        .get('/api/dsomm/scorecard?owner=group:default/team-a')
        .set('Authorization', caller);
      expect(filtered.body.rows).toEqual([]);
      expect(filtered.body.total.count).toBe(0);
    });

    it('falls back to what the catalog shows the caller for rules it cannot map, and per-entity reads answer 404', async () => {
      const { server, policy } = await startBackend(databaseId);
      const adminView = await readAll(server, admin);
      policy.decision = conditional({
        anyOf: [
          condition('HAS_ANNOTATION', { annotation: 'dsomm.owasp.org/tier' }),
          condition('IS_ENTITY_OWNER', { claims: ['user:default/mock'] }),
        ],
      });
      const visible = await readAll(server, caller);
      expect(visible.rows).toEqual(['alpha', 'beta']);
      expect(visible.totalRows).toBe(2);
      expect(visible.groups).toEqual([
        ['group:default/team-a', 1],
        ['group:default/team-b', 1],
      ]);
      expect(visible.groupMeans['group:default/team-b']).toBeCloseTo(
        adminView.scores.beta,
      );
      expect(visible.total.count).toBe(2);
      // The server rounds means to one decimal.
      expect(
        Math.abs(
          visible.total.meanScore -
            (adminView.scores.alpha + adminView.scores.beta) / 2,
        ),
      ).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(visible.tierGroups).toEqual([
        ['critical', 1],
        ['standard', 1],
      ]);
      expect(visible.trendCounts).toEqual([2]);
      expect(visible.csvRows).toEqual([ref('alpha'), ref('beta')]);

      for (const path of ['', '/reports', '/history']) {
        const hidden = await request(server)
          .get(`/api/dsomm/entities/component/default/gamma${path}`)
          .set('Authorization', caller);
        expect(hidden.status).toBe(404);
        const shown = await request(server)
          .get(`/api/dsomm/entities/component/default/alpha${path}`)
          .set('Authorization', caller);
        expect(shown.status).toBe(200);
        const forAdmin = await request(server)
          .get(`/api/dsomm/entities/component/default/gamma${path}`)
          .set('Authorization', admin);
        expect(forAdmin.status).toBe(200);
      }
    });
  },
);
