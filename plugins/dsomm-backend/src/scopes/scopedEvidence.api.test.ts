import request from 'supertest';
import { Entity } from '@backstage/catalog-model';
import {
  TestDatabaseId,
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { indexModel } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { createTestDatabases } from '../__testUtils__/databases';
import { dsommTestFeatures } from '../__testUtils__/backend';
import { component, testConfig } from '../__testUtils__/entities';
import { assertMatchesSpec } from '../__testUtils__/openapi';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const user = mockCredentials.user.header();
const index = indexModel(getBuiltInModel());
const idOf = (key: string) => index.resolve(key)!.id;

const CHAMPION = 'each-team-has-a-security-champion';
const PATCH_POLICY = 'a-patch-policy-is-defined';
const LOGGING = 'centralized-system-logging';
const BUILD = 'defined-build-process';
const MFA = 'mfa-for-admins';
const BACKUP = 'backup';

function entity(
  kind: string,
  name: string,
  spec: NonNullable<Entity['spec']>,
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
 * engineering -> payments (spec.children) -> payments-api (spec.parent); platform under
 * engineering. Systems checkout and ledger in domain commerce, ci in none.
 */
function scopedCatalog(): Entity[] {
  return [
    entity('Group', 'engineering', {
      type: 'department',
      children: ['payments', 'platform'],
    }),
    entity('Group', 'payments', { type: 'team', children: [] }),
    entity('Group', 'payments-api', {
      type: 'team',
      parent: 'payments',
      children: [],
    }),
    entity(
      'Group',
      'platform',
      { type: 'team', children: [] },
      { 'dsomm.owasp.org/implemented': `${CHAMPION}\n${PATCH_POLICY}` },
    ),
    entity('Domain', 'commerce', { owner: 'engineering' }),
    entity('System', 'checkout', { owner: 'payments', domain: 'commerce' }),
    entity('System', 'ledger', { owner: 'payments-api', domain: 'commerce' }),
    entity(
      'System',
      'ci',
      { owner: 'platform' },
      { 'dsomm.owasp.org/not-applicable': BACKUP },
    ),
    component(
      'pay-web',
      { owner: 'payments', system: 'checkout' },
      {
        'dsomm.owasp.org/implemented': MFA,
        'dsomm.owasp.org/not-applicable': LOGGING,
      },
    ),
    component('pay-api', { owner: 'payments-api', system: 'ledger' }),
    component(
      'ci-runner',
      { owner: 'platform', system: 'ci' },
      { 'dsomm.owasp.org/implemented': BACKUP },
    ),
    component('lonely', { owner: 'user:default/jane' }),
  ];
}

const COMPONENTS = ['pay-web', 'pay-api', 'ci-runner', 'lonely'];

async function startBackend(
  databaseId: TestDatabaseId,
  options: {
    config?: object;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  } = {},
) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: dsommTestFeatures({
      knex,
      entities: scopedCatalog(),
      config: options.config,
      permission: options.permission,
    }),
  });
  // Every component scored once, as the scheduled recompute would.
  for (const name of COMPONENTS) {
    const res = await request(server)
      .get(`/api/dsomm/entities/component/default/${name}`)
      .set('Authorization', user);
    expect(res.status).toBe(200);
  }
  return { server, knex };
}

type Server = Awaited<ReturnType<typeof startBackend>>['server'];

/** The activity of a component as the API shows it. */
async function activityOf(server: Server, name: string, key: string) {
  const res = await request(server)
    .get(`/api/dsomm/entities/component/default/${name}`)
    .set('Authorization', user);
  expect(res.status).toBe(200);
  return res.body.activities.find((a: any) => a.activityId === idOf(key));
}

/** The names of the components where `key` is implemented with evidence from `scope`. */
async function inheritingFrom(server: Server, key: string, scope: string) {
  const names: string[] = [];
  for (const name of COMPONENTS) {
    const activity = await activityOf(server, name, key);
    if (
      activity.status === 'implemented' &&
      activity.evidence.some((e: any) => e.scope === scope)
    ) {
      names.push(name);
    }
  }
  return names;
}

async function attest(server: Server, path: string, activity: string) {
  return request(server)
    .post(`/api/dsomm/${path}/attestations`)
    .set('Authorization', user)
    .send({ activity, comment: 'done for everyone' });
}

describe.each(databases.eachSupportedId())(
  'scoped evidence through the API on %p',
  databaseId => {
    it('a group attestation reaches the components of the group and its descendants, and no other', async () => {
      const { server } = await startBackend(databaseId);
      const res = await attest(
        server,
        'entities/group/default/payments',
        BUILD,
      );
      expect(res.status).toBe(201);
      assertMatchesSpec(
        'post',
        '/entities/{kind}/{namespace}/{name}/attestations',
        res,
      );
      expect(
        await inheritingFrom(server, BUILD, 'group:default/payments'),
      ).toEqual(['pay-web', 'pay-api']);
      const activity = await activityOf(server, 'pay-api', BUILD);
      expect(activity.evidence).toEqual([
        {
          activityId: idOf(BUILD),
          source: 'attestation',
          observedAt: res.body.attestedAt,
          expiresAt: res.body.expiresAt,
          scope: 'group:default/payments',
          details: expect.objectContaining({
            actor: res.body.attestedBy,
            summary: 'done for everyone',
            evidenceId: res.body.id,
          }),
        },
      ]);
      // the group's own page lists it; the component's own list does not
      const own = await request(server)
        .get('/api/dsomm/entities/component/default/pay-web')
        .set('Authorization', user);
      expect(own.body.attestations).toEqual([]);
    });

    it('without descendant inheritance a group reaches only the components it owns', async () => {
      const { server } = await startBackend(databaseId, {
        config: {
          dsomm: { ...testConfig.dsomm, scopes: { descendantGroups: false } },
        },
      });
      await attest(server, 'entities/group/default/engineering', BUILD);
      expect(
        await inheritingFrom(server, BUILD, 'group:default/engineering'),
      ).toEqual([]);
      await attest(server, 'entities/group/default/payments', BUILD);
      expect(
        await inheritingFrom(server, BUILD, 'group:default/payments'),
      ).toEqual(['pay-web']);
    });

    it('system, domain and organisation attestations reach their components', async () => {
      const { server } = await startBackend(databaseId);
      expect(
        (await attest(server, 'entities/system/default/checkout', BUILD))
          .status,
      ).toBe(201);
      expect(
        await inheritingFrom(server, BUILD, 'system:default/checkout'),
      ).toEqual(['pay-web']);
      expect(
        (await attest(server, 'entities/domain/default/commerce', MFA)).status,
      ).toBe(201);
      expect(
        await inheritingFrom(server, MFA, 'domain:default/commerce'),
      ).toEqual(['pay-web', 'pay-api']);
      const org = await attest(server, 'organization', PATCH_POLICY);
      expect(org.status).toBe(201);
      assertMatchesSpec('post', '/organization/attestations', org);
      expect(
        await inheritingFrom(server, PATCH_POLICY, 'organization'),
      ).toEqual(COMPONENTS);
      const listed = await request(server)
        .get('/api/dsomm/organization')
        .set('Authorization', user);
      assertMatchesSpec('get', '/organization', listed);
      expect(listed.body.attestations).toEqual([org.body]);
    });

    it('reads the implemented and not-applicable annotations of groups and systems', async () => {
      const { server } = await startBackend(databaseId);
      expect(
        await inheritingFrom(server, CHAMPION, 'group:default/platform'),
      ).toEqual(['ci-runner']);
      // the system waives backup, but ci-runner has its own evidence for it
      expect((await activityOf(server, 'ci-runner', BACKUP)).status).toBe(
        'implemented',
      );
    });

    it('organisation activities from config reach every component', async () => {
      const { server } = await startBackend(databaseId, {
        config: {
          dsomm: {
            ...testConfig.dsomm,
            organization: { implemented: [LOGGING], notApplicable: [BACKUP] },
          },
        },
      });
      expect(await inheritingFrom(server, LOGGING, 'organization')).toEqual([
        'pay-api',
        'ci-runner',
        'lonely',
      ]);
      // pay-web's own not-applicable wins over organisation evidence
      expect((await activityOf(server, 'pay-web', LOGGING)).status).toBe(
        'not-applicable',
      );
      const backup = await Promise.all(
        COMPONENTS.map(async n => (await activityOf(server, n, BACKUP)).status),
      );
      expect(backup).toEqual([
        'not-applicable',
        'not-applicable',
        'implemented',
        'not-applicable',
      ]);
    });

    it('a scope waiver applies unless the component has its own evidence', async () => {
      const { server } = await startBackend(databaseId);
      const waiver = await request(server)
        .post('/api/dsomm/entities/group/default/payments/waivers')
        .set('Authorization', user)
        .send({ activity: MFA, justification: 'no admin access exists' });
      expect(waiver.status).toBe(201);
      expect((await activityOf(server, 'pay-web', MFA)).status).toBe(
        'implemented',
      );
      expect((await activityOf(server, 'pay-api', MFA)).status).toBe(
        'not-applicable',
      );
      expect((await activityOf(server, 'ci-runner', MFA)).status).toBe(
        'missing',
      );
      const revoked = await request(server)
        .delete(
          `/api/dsomm/entities/group/default/payments/waivers/${waiver.body.id}`,
        )
        .set('Authorization', user);
      expect(revoked.status).toBe(204);
      expect((await activityOf(server, 'pay-api', MFA)).status).toBe('missing');
    });

    it('revoking at the scope removes the evidence from every component below', async () => {
      const { server } = await startBackend(databaseId);
      const created = await attest(
        server,
        'entities/group/default/engineering',
        BUILD,
      );
      expect(
        await inheritingFrom(server, BUILD, 'group:default/engineering'),
      ).toEqual(['pay-web', 'pay-api', 'ci-runner']);
      const revoked = await request(server)
        .delete(
          `/api/dsomm/entities/group/default/engineering/attestations/${created.body.id}`,
        )
        .set('Authorization', user);
      expect(revoked.status).toBe(204);
      for (const name of COMPONENTS) {
        expect((await activityOf(server, name, BUILD)).status).toBe('missing');
      }
      const org = await attest(server, 'organization', BUILD);
      const gone = await request(server)
        .delete(`/api/dsomm/organization/attestations/${org.body.id}`)
        .set('Authorization', user);
      expect(gone.status).toBe(204);
      expect((await activityOf(server, 'lonely', BUILD)).status).toBe(
        'missing',
      );
    });

    it('keeps the write when re-scoring fails, and the next scoring applies it', async () => {
      const { server, knex } = await startBackend(databaseId);
      // Re-scoring starts from the stored scores: without their table it fails.
      await knex.schema.renameTable('dsomm_scores', 'dsomm_scores_away');
      const res = await attest(
        server,
        'entities/group/default/payments',
        BUILD,
      );
      await knex.schema.renameTable('dsomm_scores_away', 'dsomm_scores');
      expect(res.status).toBe(201);
      const stored = await knex('dsomm_evidence').where({
        entity_ref: 'group:default/payments',
      });
      expect(stored.map(r => r.id)).toEqual([res.body.id]);
      expect((await activityOf(server, 'pay-web', BUILD)).status).toBe(
        'missing',
      );
      const refreshed = await request(server)
        .post('/api/dsomm/entities/component/default/pay-web/refresh')
        .set('Authorization', user);
      expect(refreshed.status).toBe(200);
      expect(
        await inheritingFrom(server, BUILD, 'group:default/payments'),
      ).toEqual(['pay-web']);
    });

    it('refuses writes at a scope without permission, and bad input, storing nothing', async () => {
      const { server, knex } = await startBackend(databaseId, {
        permission: AuthorizeResult.DENY,
      });
      const group = await attest(
        server,
        'entities/group/default/payments',
        BUILD,
      );
      expect(group.status).toBe(403);
      const org = await attest(server, 'organization', BUILD);
      expect(org.status).toBe(403);
      expect(org.body.error.message).toContain('dsomm.organization.manage');
      const waiver = await request(server)
        .post('/api/dsomm/organization/waivers')
        .set('Authorization', user)
        .send({ activity: BUILD, justification: 'x' });
      expect(waiver.status).toBe(403);
      expect(await knex('dsomm_evidence')).toEqual([]);
      expect(await knex('dsomm_waivers')).toEqual([]);

      const allowed = await startBackend(databaseId);
      const unknown = await attest(allowed.server, 'organization', 'no-such');
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toContain('unknown activity');
      const extra = await request(allowed.server)
        .post('/api/dsomm/organization/attestations')
        .set('Authorization', user)
        .send({ activity: BUILD, comment: 'x', scope: 'component:default/x' });
      expect(extra.status).toBe(400);
      const missing = await request(allowed.server)
        .post('/api/dsomm/entities/group/default/nobody/attestations')
        .set('Authorization', user)
        .send({ activity: BUILD, comment: 'x' });
      expect(missing.status).toBe(404);
      const noSuchId = await request(allowed.server)
        .delete('/api/dsomm/organization/waivers/not-an-id')
        .set('Authorization', user);
      expect(noSuchId.status).toBe(404);
      expect(await allowed.knex('dsomm_evidence')).toEqual([]);
    });
  },
);
