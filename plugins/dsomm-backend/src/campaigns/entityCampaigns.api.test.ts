import request from 'supertest';
import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntityCampaign } from '@dsomm/plugin-dsomm-common';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  hidingOwnedBy,
  startCallerViewBackend,
} from '../__testUtils__/callerViewBackend';
import { component } from '../__testUtils__/entities';
import { assertMatchesSpec } from '../__testUtils__/openapi';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const ADMIN = 'user:default/admin';
const admin = mockCredentials.user.header(ADMIN);
// Sees everything but what team-b owns (see startBackend).
const caller = mockCredentials.user.header();

function entity(kind: string, name: string, spec: object): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec,
  };
}

/**
 * engineering > team-a > team-c; team-b apart. Domain commerce holds system payments, whose
 * components are alpha (team-a) and delta (team-c).
 */
function catalog(): Entity[] {
  return [
    entity('Group', 'engineering', { type: 'org', children: ['team-a'] }),
    entity('Group', 'team-a', { type: 'team', children: ['team-c'] }),
    entity('Group', 'team-c', { type: 'team', children: [] }),
    entity('Group', 'team-b', { type: 'team', children: [] }),
    entity('Domain', 'commerce', { owner: 'team-a' }),
    entity('System', 'payments', { owner: 'team-a', domain: 'commerce' }),
    component(
      'alpha',
      { owner: 'team-a', system: 'payments' },
      {
        'dsomm.owasp.org/tier': 'critical',
        'dsomm.owasp.org/implemented': 'version-control',
      },
    ),
    component(
      'delta',
      { owner: 'team-c', system: 'payments' },
      { 'dsomm.owasp.org/tier': 'standard' },
    ),
    component(
      'beta',
      { owner: 'team-b' },
      {
        'dsomm.owasp.org/tier': 'standard',
        'dsomm.owasp.org/implemented': 'version-control',
      },
    ),
    component('epsilon', { owner: 'team-b' }, {}),
  ];
}

/** What each scope reaches, from the catalog above (engineering takes in its descendants). */
const BELOW: Record<string, string[]> = {
  'group:default/engineering': ['alpha', 'delta'],
  'group:default/team-a': ['alpha', 'delta'],
  'group:default/team-b': ['beta', 'epsilon'],
  'system:default/payments': ['alpha', 'delta'],
  'domain:default/commerce': ['alpha', 'delta'],
};

async function startBackend(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const { server } = await startCallerViewBackend({
    knex,
    entities: catalog(),
    visibleToCaller: e => e.spec?.owner !== 'team-b',
    admin: ADMIN,
    decision: hidingOwnedBy('group:default/team-b'),
  });
  for (const name of ['alpha', 'beta', 'delta', 'epsilon']) {
    const res = await request(server)
      .post(`/api/dsomm/entities/component/default/${name}/refresh`)
      .set('Authorization', admin);
    expect(res.status).toBe(200);
  }
  return server;
}

type Server = Awaited<ReturnType<typeof startBackend>>;

async function get(server: Server, url: string, auth: string) {
  const res = await request(server)
    .get(`/api/dsomm${url}`)
    .set('Authorization', auth);
  expect([res.status, res.body.error?.message]).toEqual([200, undefined]);
  return res.body;
}

async function create(server: Server, body: object): Promise<string> {
  const res = await request(server)
    .post('/api/dsomm/campaigns')
    .set('Authorization', admin)
    .send({ owner: 'security', deadline: '2099-12-31', ...body });
  expect([res.status, res.body.error?.message]).toEqual([201, undefined]);
  return res.body.id;
}

async function forEntity(
  server: Server,
  ref: string,
  auth: string,
): Promise<EntityCampaign[]> {
  const body = await get(
    server,
    `/campaigns?entity=${encodeURIComponent(ref)}`,
    auth,
  );
  assertMatchesSpec('get', '/campaigns', { status: 200, body });
  return body.campaigns;
}

/**
 * What `?entity=` should answer, from the campaigns' own progress pages for the same caller:
 * each live campaign with a component among `refs`, `here` being those components.
 */
async function expected(server: Server, refs: string[], auth: string) {
  const { campaigns } = await get(server, '/campaigns', auth);
  const result = [];
  for (const summary of campaigns) {
    const progress = await get(server, `/campaigns/${summary.id}`, auth);
    // The list counts all campaigns in one pass; each campaign's own page counts it alone.
    expect([summary.name, summary.inScope, summary.done]).toEqual([
      progress.name,
      progress.inScope,
      progress.done,
    ]);
    const components = progress.components.filter((c: any) =>
      refs.includes(c.entityRef),
    );
    if (components.length === 0) continue;
    const {
      remainingPerOwner: _o,
      burnUp: _b,
      components: _c,
      ...rest
    } = progress;
    result.push({
      ...rest,
      here: {
        inScope: components.length,
        done: components.filter((c: any) => c.done).length,
        components,
      },
    });
  }
  return result;
}

describe.each(databases.eachSupportedId())(
  'campaigns of an entity on %p',
  databaseId => {
    it('lists the live campaigns that concern a component or a scope, with what is left there', async () => {
      const server = await startBackend(databaseId);
      const standard = await create(server, {
        name: 'Standard to level 1',
        scope: { tier: ['standard'] },
        goal: { level: 1 },
      });
      const teamA = await create(server, {
        name: 'Team A version control',
        scope: { owner: ['team-a', 'team-c'] },
        goal: { activities: ['version-control'] },
      });
      const build = await create(server, {
        name: 'Build level 1',
        scope: {},
        goal: { dimensions: { Build: 1 } },
      });
      await create(server, {
        name: 'Team B only',
        scope: { owner: ['team-b'] },
        goal: { level: 2 },
      });
      const archived = await create(server, {
        name: 'Archived',
        scope: { tier: ['critical', 'standard'] },
        goal: { level: 1 },
      });
      const res = await request(server)
        .patch(`/api/dsomm/campaigns/${archived}`)
        .set('Authorization', admin)
        .send({ archived: true });
      expect(res.status).toBe(200);

      const alpha = await forEntity(server, 'component:default/alpha', admin);
      // alpha is team-a's critical component: the team-a campaign and the one of all hold it.
      expect(alpha.map(c => c.id).sort()).toEqual([teamA, build].sort());
      expect(alpha.find(c => c.id === teamA)!.here).toEqual({
        inScope: 1,
        done: 1,
        components: [
          {
            entityRef: 'component:default/alpha',
            owner: 'group:default/team-a',
            done: true,
            remainingActivityIds: [],
          },
        ],
      });
      // A short ref means a component, as elsewhere in the API.
      expect(await forEntity(server, 'alpha', admin)).toEqual(alpha);
      const delta = await forEntity(server, 'component:default/delta', admin);
      expect(delta.map(c => c.id).sort()).toEqual(
        [standard, teamA, build].sort(),
      );

      for (const auth of [admin, caller]) {
        for (const [scope, names] of Object.entries(BELOW)) {
          const refs = names.map(n => `component:default/${n}`);
          const answer = await forEntity(server, scope, auth);
          expect([scope, answer]).toEqual([
            scope,
            await expected(server, refs, auth),
          ]);
        }
        for (const name of ['alpha', 'delta']) {
          const ref = `component:default/${name}`;
          expect(await forEntity(server, ref, auth)).toEqual(
            await expected(server, [ref], auth),
          );
        }
      }
      // The caller sees team-b's group but none of its components: no campaign concerns it.
      // (The list's counts for each caller are checked against each campaign's in `expected`.)
      expect(await forEntity(server, 'group:default/team-b', caller)).toEqual(
        [],
      );
      expect(
        (await forEntity(server, 'group:default/team-b', admin)).length,
      ).toBeGreaterThan(0);
    });

    it('answers 400 for a malformed ref and 404 for an entity the caller cannot see', async () => {
      const server = await startBackend(databaseId);
      await create(server, {
        name: 'Standard to level 1',
        scope: { tier: ['standard'] },
        goal: { level: 1 },
      });
      const cases: [string, string, number, RegExp][] = [
        ['component:default/', admin, 400, /^entity: .*component:default\//],
        [':default/x', admin, 400, /^entity: .*:default\/x/],
        ['component:default/nope', admin, 404, /component:default\/nope/],
        ['group:default/nope', admin, 404, /group:default\/nope/],
        ['component:default/beta', caller, 404, /component:default\/beta/],
      ];
      for (const [ref, auth, status, message] of cases) {
        const res = await request(server)
          .get(`/api/dsomm/campaigns?entity=${encodeURIComponent(ref)}`)
          .set('Authorization', auth);
        expect([ref, res.status]).toEqual([ref, status]);
        expect(res.body.error.message).toMatch(message);
      }
    });
  },
);
