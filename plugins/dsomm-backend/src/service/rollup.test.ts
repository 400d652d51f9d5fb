import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import request from 'supertest';
import { DsommStore } from '../database/DsommStore';
import { startCallerViewBackend } from '../__testUtils__/callerViewBackend';
import { createTestDatabases } from '../__testUtils__/databases';
import { component } from '../__testUtils__/entities';
import { assertMatchesSpec } from '../__testUtils__/openapi';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const ADMIN = 'user:default/admin';
const admin = mockCredentials.user.header(ADMIN);
// The caller whose view a permission policy may restrict: the default mock user.
const caller = mockCredentials.user.header();
const SPEC_PATH = '/entities/{kind}/{namespace}/{name}';

const model = getBuiltInModel();
const LEVEL_1 = model.activities.filter(a => a.level === 1).map(a => a.key);
// Level 2: beyond every target-1 component's target, so scope evidence of it changes no count.
const LEVEL_2 = model.activities.find(a => a.level === 2)!;

/** Every level-1 activity but `except`, as an implemented annotation. */
const allLevel1But = (...except: string[]) => ({
  'dsomm.owasp.org/implemented': LEVEL_1.filter(k => !except.includes(k)).join(
    ',',
  ),
});

function entity(
  kind: string,
  name: string,
  spec: Record<string, any>,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec,
  };
}

/**
 * engineering > payments > payments-api and payments-secret (one link from each end);
 * platform apart. Domain commerce holds systems checkout and ledger; ci is in tooling.
 */
function catalog(): Entity[] {
  return [
    entity(
      'Group',
      'engineering',
      { type: 'org', children: ['payments'] },
      {
        'dsomm.owasp.org/implemented': `${LEVEL_2.key}, no-such-activity`,
      },
    ),
    entity('Group', 'payments', {
      type: 'team',
      children: ['payments-secret'],
    }),
    entity('Group', 'payments-api', {
      type: 'team',
      parent: 'payments',
      children: [],
    }),
    entity('Group', 'payments-secret', {
      type: 'team',
      parent: 'payments',
      children: [],
    }),
    entity('Group', 'platform', { type: 'team', children: [] }),
    entity('Group', 'secret-team', { type: 'team', children: [] }),
    entity('Domain', 'commerce', { owner: 'engineering' }),
    entity('Domain', 'tooling', { owner: 'platform' }),
    entity('System', 'checkout', { owner: 'payments', domain: 'commerce' }),
    entity('System', 'ledger', { owner: 'payments', domain: 'commerce' }),
    entity('System', 'ci', { owner: 'platform', domain: 'tooling' }),
    component(
      'p1',
      { owner: 'payments', system: 'checkout' },
      allLevel1But(
        'version-control',
        'mfa-for-admins',
        'centralized-system-logging',
      ),
    ),
    component(
      'p2',
      { owner: 'payments-api', system: 'ledger' },
      allLevel1But('version-control', 'mfa-for-admins'),
    ),
    component(
      'p3',
      { owner: 'payments', system: 'checkout' },
      allLevel1But('version-control'),
    ),
    component('e1', { owner: 'engineering', lifecycle: 'experimental' }),
    component('h1', { owner: 'payments-secret' }),
    component('o1', { owner: 'platform', system: 'ci' }),
  ];
}

/** What the catalog hides from the caller (it applies its own permissions). */
const hiddenFromCaller = (e: Entity) => e.metadata.name === 'secret-team';

/** Components owned by payments-secret are hidden from the caller, as a SQL condition. */
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
  const { server, policy } = await startCallerViewBackend({
    knex,
    entities: catalog(),
    visibleToCaller: e => !hiddenFromCaller(e),
    admin: ADMIN,
  });
  for (const name of ['p1', 'p2', 'p3', 'e1', 'h1', 'o1']) {
    const res = await request(server)
      .post(`/api/dsomm/entities/component/default/${name}/refresh`)
      .set('Authorization', admin);
    expect(res.status).toBe(200);
  }
  return { server, knex, policy };
}

type Server = Awaited<ReturnType<typeof startBackend>>['server'];

async function get(server: Server, path: string, auth = caller) {
  const res = await request(server)
    .get(`/api/dsomm/entities/${path}`)
    .set('Authorization', auth);
  assertMatchesSpec('get', SPEC_PATH, res);
  return res;
}

/** The most-missed list as `key: count` pairs, in order. */
const missed = (body: any) =>
  body.mostMissing.activities.map((a: any) => `${a.key}: ${a.missing}`);

describe.each(databases.eachSupportedId())(
  'scope roll-ups on %p',
  databaseId => {
    it('rolls up a group with its descendant groups, worst first, with the most missed activities', async () => {
      const { server, policy } = await startBackend(databaseId);
      policy.decision = HIDE_SECRET;

      // The components' own gaps say what each misses for its level-1 target.
      for (const [name, missing] of [
        ['p1', 3],
        ['p2', 2],
        ['p3', 1],
      ] as const) {
        const score = (await get(server, `component/default/${name}`)).body;
        expect(score.type).toBeUndefined();
        expect(
          score.gap.dimensions.flatMap((d: any) => d.missingActivityIds),
        ).toHaveLength(missing);
      }

      const res = await get(server, 'group/default/engineering');
      expect(res.status).toBe(200);
      const body = res.body;
      expect(body).toMatchObject({
        type: 'rollup',
        entityRef: 'group:default/engineering',
        kind: 'group',
        namespace: 'default',
        name: 'engineering',
      });
      // p1, p2 (payments-api, a child by spec.parent) and p3 (payments, by spec.children), e1;
      // h1 is hidden from the caller, o1 belongs to another group.
      expect(body.rollup).toMatchObject({
        key: 'group:default/engineering',
        count: 4,
        meetingTarget: 1,
        shareMeetingTarget: 0.25,
      });
      expect(body.rollup.overall.distribution).toEqual([4, 0, 0, 0, 0, 0]);
      expect(body.rollup.dimensions.Implementation.distribution).toEqual([
        4, 0, 0, 0, 0, 0,
      ]);
      expect(
        body.rollup.dimensions['Build and Deployment'].distribution,
      ).toEqual([1, 3, 0, 0, 0, 0]);
      expect(body.rollup.dimensions['Build and Deployment'].mean).toBe(0.75);

      // All at level 0: the fewer activities implemented, the lower the score, the earlier.
      expect(body.belowTarget.total).toBe(3);
      expect(body.belowTarget.components.map((c: any) => c.entityRef)).toEqual([
        'component:default/p1',
        'component:default/p2',
        'component:default/p3',
      ]);
      const scores = body.belowTarget.components.map((c: any) => c.score);
      expect(scores[0]).toBeLessThan(scores[1]);
      expect(scores[1]).toBeLessThan(scores[2]);
      expect(body.belowTarget.components[0]).toMatchObject({
        overallLevel: 0,
        targetLevel: 1,
      });

      expect(body.mostMissing.outOf).toBe(4);
      expect(missed(body)).toEqual([
        'version-control: 3',
        'mfa-for-admins: 2',
        'centralized-system-logging: 1',
      ]);
      expect(body.mostMissing.activities[0]).toMatchObject({
        name: 'Version control',
        level: 1,
        dimension: 'Implementation',
      });

      // Without the condition, h1 (nothing implemented) counts too, missing every level-1 activity.
      policy.decision = { result: AuthorizeResult.ALLOW };
      const everything = (await get(server, 'group/default/engineering')).body;
      expect(everything.rollup.count).toBe(5);
      expect(everything.belowTarget.total).toBe(4);
      expect(everything.belowTarget.components[0].entityRef).toBe(
        'component:default/h1',
      );
      expect(everything.mostMissing.outOf).toBe(5);
      expect(everything.mostMissing.activities).toHaveLength(20);
      expect(missed(everything).slice(0, 3)).toEqual([
        'version-control: 4',
        'mfa-for-admins: 3',
        'centralized-system-logging: 2',
      ]);
      expect(missed(everything).slice(3)).toEqual(
        LEVEL_1.filter(
          k =>
            ![
              'version-control',
              'mfa-for-admins',
              'centralized-system-logging',
            ].includes(k),
        )
          .sort()
          .slice(0, 17)
          .map(k => `${k}: 1`),
      );
    });

    it("rolls up a system's and a domain's components", async () => {
      const { server } = await startBackend(databaseId);
      const checkout = (await get(server, 'system/default/checkout')).body;
      expect(checkout.rollup.count).toBe(2);
      expect(
        checkout.belowTarget.components.map((c: any) => c.entityRef),
      ).toEqual(['component:default/p1', 'component:default/p3']);
      // Same count: the lower level goes first, then the key.
      expect(missed(checkout)).toEqual([
        'version-control: 2',
        'centralized-system-logging: 1',
        'mfa-for-admins: 1',
      ]);

      const commerce = (await get(server, 'domain/default/commerce')).body;
      expect(commerce).toMatchObject({ type: 'rollup', kind: 'domain' });
      expect(commerce.rollup.count).toBe(3);
      expect(missed(commerce)).toEqual([
        'version-control: 3',
        'mfa-for-admins: 2',
        'centralized-system-logging: 1',
      ]);

      const tooling = (await get(server, 'domain/default/tooling')).body;
      expect(tooling.rollup.count).toBe(1);
      expect(tooling.belowTarget.components[0].entityRef).toBe(
        'component:default/o1',
      );

      // A group without components: an empty roll-up, not an error.
      const empty = (await get(server, 'group/default/secret-team', admin))
        .body;
      expect(empty.rollup).toMatchObject({ count: 0, meetingTarget: 0 });
      expect(empty.rollup.overall.distribution).toEqual([0, 0, 0, 0, 0, 0]);
      expect(empty.belowTarget).toEqual({
        total: 0,
        limit: 50,
        components: [],
      });
      expect(empty.mostMissing).toEqual({
        outOf: 0,
        limit: 20,
        activities: [],
      });
    });

    it('follows a re-scored component', async () => {
      const { server, knex } = await startBackend(databaseId);
      expect(
        missed((await get(server, 'system/default/checkout')).body),
      ).toEqual([
        'version-control: 2',
        'centralized-system-logging: 1',
        'mfa-for-admins: 1',
      ]);
      // p3 gains version-control, its last missing level-1 activity, and is re-scored.
      await new DsommStore(knex).insertAttestation({
        id: 'p3-vc',
        entityRef: 'component:default/p3',
        activityId: model.activities.find(a => a.key === 'version-control')!.id,
        comment: 'In git',
        attestedBy: ADMIN,
        attestedAt: new Date().toISOString(),
        expiresAt: '2099-01-01T00:00:00.000Z',
      });
      const refreshed = await request(server)
        .post('/api/dsomm/entities/component/default/p3/refresh')
        .set('Authorization', admin);
      expect(refreshed.body.meetsTarget).toBe(true);
      const checkout = (await get(server, 'system/default/checkout')).body;
      expect(missed(checkout)).toEqual([
        'centralized-system-logging: 1',
        'mfa-for-admins: 1',
        'version-control: 1',
      ]);
      expect(checkout.rollup.meetingTarget).toBe(1);
      expect(checkout.belowTarget.total).toBe(1);
    });

    it("shows the scope's own annotations, attestations and waivers", async () => {
      const { server, knex } = await startBackend(databaseId);
      const store = new DsommStore(knex);
      await store.insertAttestation({
        id: 'a-1',
        entityRef: 'group:default/engineering',
        activityId: LEVEL_2.id,
        comment: 'Everyone does it',
        attestedBy: ADMIN,
        attestedAt: '2026-11-01T00:00:00.000Z',
        expiresAt: '2099-01-01T00:00:00.000Z',
      });
      await store.insertWaiver({
        id: 'w-1',
        entityRef: 'group:default/engineering',
        activityId: LEVEL_2.id,
        justification: 'Not for us',
        grantedBy: ADMIN,
        grantedAt: '2026-11-01T00:00:00.000Z',
      });
      const body = (await get(server, 'group/default/engineering')).body;
      expect(body.scope.annotations).toEqual({
        implemented: [LEVEL_2.id],
        notApplicable: [],
        warnings: [
          'dsomm.owasp.org/implemented: unknown activity "no-such-activity"',
        ],
      });
      expect(body.scope.attestations).toEqual([
        expect.objectContaining({
          id: 'a-1',
          activityId: LEVEL_2.id,
          attestedBy: ADMIN,
          expiresAt: '2099-01-01T00:00:00.000Z',
        }),
      ]);
      expect(body.scope.waivers).toEqual([
        expect.objectContaining({ id: 'w-1', justification: 'Not for us' }),
      ]);
      // Another scope's page does not show them.
      const payments = (await get(server, 'group/default/payments')).body;
      expect(payments.scope.attestations).toEqual([]);
      expect(payments.scope.waivers).toEqual([]);
    });

    it('answers 404 for unknown and hidden scopes and for kinds that are neither', async () => {
      const { server } = await startBackend(databaseId);
      for (const [path, auth] of [
        ['group/default/no-such-team', caller],
        ['system/default/no-such-system', caller],
        ['domain/default/no-such-domain', caller],
        // The catalog hides this group from the caller.
        ['group/default/secret-team', caller],
        ['user/default/guest', caller],
      ] as const) {
        const res = await get(server, path, auth);
        expect([path, res.status]).toEqual([path, 404]);
        expect(res.body.error.name).toBe('NotFoundError');
      }
      const bad = await get(server, 'group/default/bad%20name');
      expect(bad.status).toBe(400);
    });
  },
);
