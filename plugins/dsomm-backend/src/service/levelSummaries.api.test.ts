import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import request from 'supertest';
import { startCallerViewBackend } from '../__testUtils__/callerViewBackend';
import { createTestDatabases } from '../__testUtils__/databases';
import { component, testCatalog } from '../__testUtils__/entities';
import { assertMatchesSpec } from '../__testUtils__/openapi';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const ADMIN = 'user:default/admin';
const admin = mockCredentials.user.header(ADMIN);
const caller = mockCredentials.user.header();
const ref = (name: string) => `component:default/${name}`;

/**
 * alpha (team-a, critical), beta (team-b, standard), gamma (team-b, experimental: target 0)
 * and delta (no owner, default target 1). The catalog shows the caller only those with a tier
 * annotation (alpha and beta); the caller's read decision is `policy.decision`.
 */
async function startBackend(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const { server, policy } = await startCallerViewBackend({
    knex,
    entities: [...testCatalog(), component('delta', {})],
    visibleToCaller: e =>
      e.metadata.annotations?.['dsomm.owasp.org/tier'] !== undefined,
    admin: ADMIN,
  });
  for (const name of ['alpha', 'beta', 'gamma', 'delta']) {
    const res = await request(server)
      .post(`/api/dsomm/entities/component/default/${name}/refresh`)
      .set('Authorization', admin);
    expect(res.status).toBe(200);
  }
  return { server, policy, knex };
}

type Server = Awaited<ReturnType<typeof startBackend>>['server'];

async function summaries(server: Server, auth: string, entityRefs: unknown) {
  const res = await request(server)
    .post('/api/dsomm/scores/summary')
    .set('Authorization', auth)
    .send({ entityRefs });
  assertMatchesSpec('post', '/scores/summary', res);
  return res;
}

async function belowTarget(server: Server, auth: string) {
  const res = await request(server)
    .get('/api/dsomm/scores/below-target')
    .set('Authorization', auth);
  assertMatchesSpec('get', '/scores/below-target', res);
  expect(res.status).toBe(200);
  return res.body.entityRefs as string[];
}

const conditional = (conditions: any): PolicyDecision => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions,
});

describe.each(databases.eachSupportedId())(
  'level summaries on %p',
  databaseId => {
    it('answers each asked ref with the level, target and score its scorecard row shows', async () => {
      const { server } = await startBackend(databaseId);
      const scorecard = await request(server)
        .get('/api/dsomm/scorecard?limit=500')
        .set('Authorization', admin);
      const rows = new Map<string, any>(
        scorecard.body.rows.map((r: any) => [r.entityRef, r]),
      );

      // Short, mixed-case and repeated refs, one not in the catalog, and a system that has
      // no score: each scored component once, in ref order.
      const res = await summaries(server, admin, [
        'Gamma',
        ref('alpha'),
        'Component:Default/ALPHA',
        'default/beta',
        ref('delta'),
        ref('nowhere'),
        'system:default/payments',
      ]);
      expect(res.status).toBe(200);
      expect(res.body.summaries.map((s: any) => s.entityRef)).toEqual(
        ['alpha', 'beta', 'delta', 'gamma'].map(ref),
      );
      for (const summary of res.body.summaries) {
        const row = rows.get(summary.entityRef);
        expect(summary).toEqual({
          entityRef: row.entityRef,
          overallLevel: row.overallLevel,
          targetLevel: row.targetLevel,
          meetsTarget: row.meetsTarget,
          score: row.score,
          computedAt: row.computedAt,
        });
      }
      const byRef = Object.fromEntries(
        res.body.summaries.map((s: any) => [s.entityRef, s]),
      );
      // Targets from testConfig: critical 3, standard 2, experimental 0, default 1.
      expect(byRef[ref('alpha')].targetLevel).toBe(3);
      expect(byRef[ref('beta')].targetLevel).toBe(2);
      expect(byRef[ref('gamma')]).toMatchObject({
        targetLevel: 0,
        meetsTarget: true,
      });
      expect(byRef[ref('delta')]).toMatchObject({
        targetLevel: 1,
        meetsTarget: false,
      });

      expect(await belowTarget(server, admin)).toEqual(
        [...rows.values()]
          .filter(r => r.meetsTarget === false)
          .map(r => r.entityRef)
          .sort(),
      );
      expect(await belowTarget(server, admin)).toEqual(
        ['alpha', 'beta', 'delta'].map(ref),
      );
    });

    it('answers a full batch of 1000 refs (bound as one list) and refuses 1001 naming the limit', async () => {
      const { server } = await startBackend(databaseId);
      const many = Array.from({ length: 996 }, (_, i) => ref(`absent-${i}`));
      const full = await summaries(server, admin, [
        ...many,
        ref('alpha'),
        ref('beta'),
        ref('gamma'),
        ref('delta'),
      ]);
      expect(full.status).toBe(200);
      expect(full.body.summaries.map((s: any) => s.entityRef)).toEqual(
        ['alpha', 'beta', 'delta', 'gamma'].map(ref),
      );

      // Long refs within the count: the JSON body limit (100 kB) answers first.
      const huge = await request(server)
        .post('/api/dsomm/scores/summary')
        .set('Authorization', admin)
        .send({
          entityRefs: Array.from({ length: 1000 }, (_, i) =>
            ref(`${'x'.repeat(200)}-${i}`),
          ),
        });
      expect(huge.status).toBe(413);
      expect(huge.body.error.message).toMatch(/too large/i);

      const tooMany = await summaries(server, admin, [
        ...many,
        ...['a', 'b', 'c', 'd', 'e'].map(ref),
      ]);
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.message).toBe(
        'body.entityRefs: must NOT have more than 1000 items; got 1001 items',
      );
    });

    it('refuses bad bodies with a 400 naming the field or item, and callers without credentials', async () => {
      const { server } = await startBackend(databaseId);
      const cases: [unknown, RegExp][] = [
        [undefined, /^body\.entityRefs: is required/],
        [
          'component:default/alpha',
          /^body\.entityRefs: must be array; got "component:default\/alpha"$/,
        ],
        [[ref('alpha'), 42], /^body\.entityRefs\[1\]: must be string; got 42$/],
        [[''], /^body\.entityRefs\[0\]: must NOT have fewer than 1 char/],
        [['a:b:c/d/e'], /^body\.entityRefs\[0\]: namespace "b:c" is not/],
        [[`component:default/${'x'.repeat(800)}`], /^body\.entityRefs\[0\]/],
        [['component:default/al\u0000pha'], /^body\.entityRefs\[0\]: is not/],
      ];
      for (const [entityRefs, message] of cases) {
        const res = await summaries(server, admin, entityRefs);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
      }
      const extra = await request(server)
        .post('/api/dsomm/scores/summary')
        .set('Authorization', admin)
        .send({ entityRefs: [], limit: 5 });
      expect(extra.status).toBe(400);
      expect(extra.body.error.message).toBe(
        'body.limit: unknown field; expected entityRefs',
      );
      const notJson = await request(server)
        .post('/api/dsomm/scores/summary')
        .set('Authorization', admin)
        .set('Content-Type', 'text/plain')
        .send('component:default/alpha');
      expect(notJson.status).toBe(400);
      expect(notJson.body.error.message).toMatch(
        /^body: must be a JSON object/,
      );

      const anonymous = await request(server)
        .post('/api/dsomm/scores/summary')
        .set('Authorization', mockCredentials.none.header())
        .send({ entityRefs: [ref('alpha')] });
      expect(anonymous.status).toBe(401);
      const anonymousBelow = await request(server)
        .get('/api/dsomm/scores/below-target')
        .set('Authorization', mockCredentials.none.header());
      expect(anonymousBelow.status).toBe(401);
    });

    it('shows only what the caller may read in the catalog, for every kind of decision', async () => {
      const { server, policy } = await startBackend(databaseId);
      const all = ['alpha', 'beta', 'gamma', 'delta'].map(ref);
      const asked = async () =>
        (await summaries(server, caller, all)).body.summaries.map(
          (s: any) => s.entityRef,
        );

      policy.decision = { result: AuthorizeResult.DENY };
      expect(await asked()).toEqual([]);
      expect(await belowTarget(server, caller)).toEqual([]);

      // Owned by team-b: translated to SQL on the stored owner.
      policy.decision = conditional({
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: ['group:default/team-b'] },
      });
      expect(await asked()).toEqual(['beta', 'gamma'].map(ref));
      expect(await belowTarget(server, caller)).toEqual([ref('beta')]);

      // A rule with no column: what the catalog returns to the caller (alpha and beta).
      policy.decision = conditional({
        rule: 'HAS_ANNOTATION',
        resourceType: 'catalog-entity',
        params: { annotation: 'dsomm.owasp.org/tier' },
      });
      expect(await asked()).toEqual(['alpha', 'beta'].map(ref));
      expect(await belowTarget(server, caller)).toEqual(
        ['alpha', 'beta'].map(ref),
      );

      // The admin's view is unaffected.
      expect((await summaries(server, admin, all)).body.summaries).toHaveLength(
        4,
      );
    });
  },
);
