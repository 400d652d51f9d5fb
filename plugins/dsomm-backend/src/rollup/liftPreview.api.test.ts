import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { indexModel } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import request from 'supertest';
import { startCallerViewBackend } from '../__testUtils__/callerViewBackend';
import { createTestDatabases } from '../__testUtils__/databases';
import { component } from '../__testUtils__/entities';
import { assertMatchesSpec } from '../__testUtils__/openapi';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const ADMIN = 'user:default/admin';
const admin = mockCredentials.user.header(ADMIN);
const caller = mockCredentials.user.header();
const PREVIEW = '/entities/{kind}/{namespace}/{name}/preview';

const model = getBuiltInModel();
const id = (key: string) => indexModel(model).byKey.get(key)!.id;
const LEVEL_1 = model.activities.filter(a => a.level === 1).map(a => a.key);
const allLevel1But = (...except: string[]) => ({
  'dsomm.owasp.org/implemented': LEVEL_1.filter(k => !except.includes(k)).join(
    ',',
  ),
});

function entity(kind: string, name: string, spec: object): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec,
  };
}

/**
 * payments (with child group payments-secret) owns c1, c2, c3; c1 is in system checkout of
 * domain commerce. h1 (payments-secret) is hidden from the caller; o1 belongs to platform.
 * Targets are level 1: c1 misses one level-1 activity, c2 two, c3 none.
 */
function catalog(): Entity[] {
  return [
    entity('Group', 'payments', {
      type: 'team',
      children: ['payments-secret'],
    }),
    entity('Group', 'payments-secret', { type: 'team', children: [] }),
    entity('Group', 'platform', { type: 'team', children: [] }),
    entity('Group', 'secret-team', { type: 'team', children: [] }),
    entity('Domain', 'commerce', { owner: 'payments' }),
    entity('System', 'checkout', { owner: 'payments', domain: 'commerce' }),
    component(
      'c1',
      { owner: 'payments', system: 'checkout' },
      allLevel1But('version-control'),
    ),
    component(
      'c2',
      { owner: 'payments' },
      allLevel1But('version-control', 'mfa-for-admins'),
    ),
    component('c3', { owner: 'payments' }, allLevel1But()),
    component(
      'h1',
      { owner: 'payments-secret' },
      allLevel1But('version-control'),
    ),
    component('o1', { owner: 'platform' }, allLevel1But('version-control')),
  ];
}

const HIDE_SECRET: PolicyDecision = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    not: {
      rule: 'IS_ENTITY_OWNER',
      resourceType: 'catalog-entity',
      params: { claims: ['group:default/payments-secret'] },
    },
  },
};

async function startBackend(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const { server } = await startCallerViewBackend({
    knex,
    entities: catalog(),
    visibleToCaller: e => e.metadata.name !== 'secret-team',
    admin: ADMIN,
    decision: HIDE_SECRET,
  });
  for (const name of ['c1', 'c2', 'c3', 'h1', 'o1']) {
    const res = await request(server)
      .post(`/api/dsomm/entities/component/default/${name}/refresh`)
      .set('Authorization', admin);
    expect(res.status).toBe(200);
  }
  return { server, knex };
}

type Server = Awaited<ReturnType<typeof startBackend>>['server'];

async function preview(
  server: Server,
  scope: string,
  body: unknown,
  auth = caller,
) {
  const res = await request(server)
    .post(`/api/dsomm/entities/${scope}/preview`)
    .set('Authorization', auth)
    .send(body as object);
  assertMatchesSpec('post', PREVIEW, res);
  return res;
}

async function score(server: Server, name: string) {
  const res = await request(server)
    .get(`/api/dsomm/entities/component/default/${name}`)
    .set('Authorization', admin);
  expect(res.status).toBe(200);
  return res.body;
}

describe.each(databases.eachSupportedId())(
  'scope mark previews on %p',
  databaseId => {
    it('tells which components marking an activity implemented at a group lifts, and records nothing', async () => {
      const { server, knex } = await startBackend(databaseId);
      const [c1, c2] = [await score(server, 'c1'), await score(server, 'c2')];
      expect([c1.overallLevel, c2.overallLevel]).toEqual([0, 0]);

      const res = await preview(server, 'group/default/payments', {
        activities: ['version-control'],
        status: 'implemented',
      });
      expect(res.status).toBe(200);
      const body = res.body;
      // c1, c2 and c3 (h1 is hidden from the caller, o1 is platform's).
      expect(body).toMatchObject({
        entityRef: 'group:default/payments',
        status: 'implemented',
        activities: [id('version-control')],
        count: 3,
        changed: 2,
        lifted: 1,
        newlyMeetingTarget: 1,
        limit: 100,
      });
      expect(body.components).toHaveLength(2);
      const [lifted, added] = body.components;
      expect(lifted).toEqual({
        entityRef: 'component:default/c1',
        changes: [id('version-control')],
        before: { overallLevel: 0, score: c1.score, meetsTarget: false },
        after: {
          overallLevel: 1,
          score: expect.any(Number),
          meetsTarget: true,
        },
      });
      expect(lifted.after.score).toBeGreaterThan(c1.score);
      expect(added).toMatchObject({
        entityRef: 'component:default/c2',
        changes: [id('version-control')],
        before: { overallLevel: 0, score: c2.score, meetsTarget: false },
        after: { overallLevel: 0, meetsTarget: false },
      });
      expect(added.after.score).toBeGreaterThan(c2.score);

      // Nothing is stored and no score moves.
      expect(
        await knex('dsomm_evidence').where({ source: 'attestation' }),
      ).toEqual([]);
      expect((await score(server, 'c1')).overallLevel).toBe(0);

      // Whoever may read payments-secret's components sees h1 lifted too.
      const asAdmin = await preview(
        server,
        'group/default/payments',
        { activities: [id('version-control')], status: 'implemented' },
        admin,
      );
      expect(asAdmin.body).toMatchObject({ count: 4, changed: 3, lifted: 2 });
      expect(asAdmin.body.components.map((c: any) => c.entityRef)).toEqual([
        'component:default/c1',
        'component:default/h1',
        'component:default/c2',
      ]);
    });

    it('previews a waiver at a domain: it reaches only what has no evidence of its own', async () => {
      const { server } = await startBackend(databaseId);
      const res = await preview(server, 'domain/default/commerce', {
        activities: ['version-control', 'mfa-for-admins'],
        status: 'not-applicable',
      });
      expect(res.status).toBe(200);
      // Only c1 is in the domain's system; its own annotation proves mfa-for-admins.
      expect(res.body).toMatchObject({ count: 1, changed: 1, lifted: 1 });
      expect(res.body.components[0]).toMatchObject({
        entityRef: 'component:default/c1',
        changes: [id('version-control')],
        before: { overallLevel: 0 },
        after: { overallLevel: 1, meetsTarget: true },
      });
    });

    it('counts evidence inherited from a scope as replaceable by a scope waiver, own evidence not', async () => {
      const { server } = await startBackend(databaseId);
      const attest = await request(server)
        .post('/api/dsomm/entities/group/default/payments/attestations')
        .set('Authorization', admin)
        .send({
          activity: 'version-control',
          comment: 'Shared repository host',
        });
      expect(attest.status).toBe(201);
      // The write re-scores the components below; wait until c1 shows it.
      while ((await score(server, 'c1')).overallLevel !== 1) {
        await new Promise(resolve => setImmediate(resolve));
      }
      while (
        (await score(server, 'c2')).activities.find(
          (a: any) => a.activityId === id('version-control'),
        )?.status !== 'implemented'
      ) {
        await new Promise(resolve => setImmediate(resolve));
      }

      const again = await preview(server, 'group/default/payments', {
        activities: ['version-control'],
        status: 'implemented',
      });
      expect(again.body).toMatchObject({ count: 3, changed: 0, lifted: 0 });
      expect(again.body.components).toEqual([]);

      const waive = await preview(server, 'group/default/payments', {
        activities: ['version-control'],
        status: 'not-applicable',
      });
      // c1 and c2 hold it only through the group; c3's annotation is its own.
      expect(waive.body).toMatchObject({ count: 3, changed: 2, lifted: 0 });
      expect(waive.body.components.map((c: any) => c.entityRef).sort()).toEqual(
        ['component:default/c1', 'component:default/c2'],
      );
      for (const c of waive.body.components) {
        expect(c.after.overallLevel).toBe(c.before.overallLevel);
      }
    });

    it('refuses bad input with a 400 naming it, and scopes the caller cannot see with a 404', async () => {
      const { server } = await startBackend(databaseId);
      const unknown = await preview(server, 'group/default/payments', {
        activities: ['version-control', 'no-such-activity'],
        status: 'implemented',
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toBe(
        'body.activities: unknown activity "no-such-activity"',
      );
      const tooMany = await preview(server, 'group/default/payments', {
        activities: [...model.activities.map(a => a.id), 'version-control'],
        status: 'implemented',
      });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.message).toBe(
        `body.activities: must NOT have more than ${
          model.activities.length
        } items; got ${model.activities.length + 1} items`,
      );
      const status = await preview(server, 'group/default/payments', {
        activities: ['version-control'],
        status: 'done',
      });
      expect(status.status).toBe(400);
      expect(status.body.error.message).toMatch(/^body\.status: /);
      const kind = await preview(server, 'component/default/c1', {
        activities: ['version-control'],
        status: 'implemented',
      });
      expect(kind.status).toBe(400);
      expect(kind.body.error.message).toBe(
        'kind: a preview is for a group, system, domain; got "component"',
      );
      for (const scope of [
        'group/default/secret-team',
        'group/default/nobody',
      ]) {
        const missing = await preview(server, scope, {
          activities: ['version-control'],
          status: 'implemented',
        });
        expect(missing.status).toBe(404);
      }
      const anonymous = await request(server)
        .post('/api/dsomm/entities/group/default/payments/preview')
        .set('Authorization', mockCredentials.none.header())
        .send({ activities: ['version-control'], status: 'implemented' });
      expect(anonymous.status).toBe(401);
    });

    it('adds the latest progress state short of done of each activity to the group answer', async () => {
      const { server } = await startBackend(databaseId);
      const file = [
        'progress:',
        `  ${id('version-control')}:`,
        '    Payments:',
        '      Planned: 2026-10-01',
        '      Started: 2026-10-15',
        `  ${id('simple-scan')}:`,
        '    Payments:',
        '      Planned: 2026-09-01',
        `  ${id('mfa-for-admins')}:`,
        '    Payments:',
        '      Implemented: 2026-08-01',
        '',
      ].join('\n');
      const imported = await request(server)
        .post('/api/dsomm/progress/import?team=Payments=group:default/payments')
        .set('Authorization', admin)
        .set('Content-Type', 'application/yaml')
        .send(file);
      expect(imported.status).toBe(200);

      const res = await request(server)
        .get('/api/dsomm/entities/group/default/payments')
        .set('Authorization', caller);
      expect(res.status).toBe(200);
      assertMatchesSpec('get', '/entities/{kind}/{namespace}/{name}', res);
      const progress = res.body.scope.progress;
      expect(
        progress.map((p: any) => [p.activityId, p.state, p.date.slice(0, 10)]),
      ).toEqual(
        [
          [id('simple-scan'), 'Planned', '2026-09-01'],
          [id('version-control'), 'Started', '2026-10-15'],
        ].sort((a, b) => a[0].localeCompare(b[0])),
      );
      expect(progress[0].groupRef).toBe('group:default/payments');
      // The done state is an attestation, not a progress state.
      expect(res.body.scope.attestations.map((a: any) => a.activityId)).toEqual(
        [id('mfa-for-admins')],
      );

      const system = await request(server)
        .get('/api/dsomm/entities/system/default/checkout')
        .set('Authorization', caller);
      expect(system.body.scope.progress).toBeUndefined();
    });
  },
);
