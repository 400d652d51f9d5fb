import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  AuditEntry,
  EntityScoreResponse,
  PendingApproval,
  indexModel,
  dsommWaiverApprovePermission,
} from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { createTestDatabases } from '../__testUtils__/databases';
import { dsommTestFeatures } from '../__testUtils__/backend';
import { testConfig } from '../__testUtils__/entities';
import { assertMatchesSpec } from '../__testUtils__/openapi';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const index = indexModel(getBuiltInModel());
const SIGNING = index.resolve('signing-of-artifacts')!.id;
const BACKUP = index.resolve('backup')!.id;
const ALPHA = 'component:default/alpha';
const ALPHA_PATH = '/api/dsomm/entities/component/default/alpha';
const BETA_PATH = '/api/dsomm/entities/component/default/beta';

// Alice asks, Bob and Dave may approve, Carol may not.
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const CAROL = 'user:default/carol';
const DAVE = 'user:default/dave';
const as = (ref: string) => mockCredentials.user.header(ref);
const APPROVERS = new Set([ALICE, BOB, DAVE]);

/** Every permission is allowed, except dsomm.waiver.approve for anyone not an approver. */
function decisionFor(
  permissionName: string,
  credentials: BackstageCredentials,
) {
  const who = (credentials.principal as { userEntityRef?: string })
    .userEntityRef;
  return permissionName === dsommWaiverApprovePermission.name &&
    !APPROVERS.has(who ?? '')
    ? AuthorizeResult.DENY
    : AuthorizeResult.ALLOW;
}

interface AuditorEvent {
  eventId: string;
  outcome: 'success' | 'fail';
  meta?: object;
}

async function startBackend(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const events: AuditorEvent[] = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async options => ({
      success: async (o?: { meta?: object }) => {
        events.push({
          eventId: options.eventId,
          outcome: 'success',
          meta: { ...options.meta, ...o?.meta },
        });
      },
      fail: async () => {
        events.push({ eventId: options.eventId, outcome: 'fail' });
      },
    }),
  });
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, options) =>
      requests.map(r => ({
        result: decisionFor(r.permission.name, options.credentials),
      })) as any,
    authorizeConditional: async (requests, options) =>
      requests.map(r => ({
        result: decisionFor(r.permission.name, options.credentials),
      })) as any,
  });
  const config = {
    dsomm: {
      ...testConfig.dsomm,
      approvals: { waivers: true },
      targets: {
        ...testConfig.dsomm.targets,
        tiers: {
          ...testConfig.dsomm.targets.tiers,
          critical: {
            ...testConfig.dsomm.targets.tiers.critical,
            attestationsRequireApproval: true,
          },
        },
      },
    },
  };
  const { server } = await startTestBackend({
    features: [
      ...dsommTestFeatures({ knex, config }),
      auditor.factory,
      permissions.factory,
    ],
  });
  return { server, knex, events };
}

type Server = Awaited<ReturnType<typeof startBackend>>['server'];

async function scoreOf(
  server: Server,
  path = ALPHA_PATH,
): Promise<EntityScoreResponse> {
  const res = await request(server).get(path).set('Authorization', as(ALICE));
  expect([res.status, res.body.error?.message]).toEqual([200, undefined]);
  assertMatchesSpec('get', '/entities/{kind}/{namespace}/{name}', res);
  return res.body;
}

const statusOf = (score: EntityScoreResponse, activityId: string) =>
  score.activities.find(a => a.activityId === activityId)!.status;

async function approvalsOf(
  server: Server,
  user: string,
): Promise<PendingApproval[]> {
  const res = await request(server)
    .get('/api/dsomm/approvals?status=pending')
    .set('Authorization', as(user));
  expect([res.status, res.body.error?.message]).toEqual([200, undefined]);
  assertMatchesSpec('get', '/approvals', res);
  return res.body.requests;
}

async function auditOf(server: Server, entity: string) {
  const res = await request(server)
    .get('/api/dsomm/audit')
    .query({ entity })
    .set('Authorization', as(CAROL));
  expect(res.status).toBe(200);
  return (res.body.entries as AuditEntry[]).reverse();
}

async function requestWaiver(server: Server, path = ALPHA_PATH) {
  const res = await request(server)
    .post(`${path}/waivers`)
    .set('Authorization', as(ALICE))
    .send({ activity: BACKUP, justification: 'stateless service' });
  expect([res.status, res.body.error?.message]).toEqual([201, undefined]);
  assertMatchesSpec('post', '/entities/{kind}/{namespace}/{name}/waivers', res);
  return res.body as { id: string; status?: string };
}

const decide = (
  server: Server,
  user: string,
  path: string,
  action: 'approve' | 'deny',
  reason?: string,
) => {
  const req = request(server)
    .post(`${path}/${action}`)
    .set('Authorization', as(user));
  return reason === undefined ? req.send() : req.send({ reason });
};

describe.each(databases.eachSupportedId())('approvals on %p', databaseId => {
  it('counts a waiver only once another approver approves it; the requester and users without the permission get 403 and change nothing', async () => {
    const { server, knex, events } = await startBackend(databaseId);
    const waiver = await requestWaiver(server);
    expect(waiver.status).toBe('pending');
    const path = `${ALPHA_PATH}/waivers/${waiver.id}`;

    let score = await scoreOf(server);
    expect(score.waivers).toEqual([]);
    expect(statusOf(score, BACKUP)).not.toBe('not-applicable');
    expect(score.pending).toEqual([
      expect.objectContaining({
        id: waiver.id,
        kind: 'waiver',
        entityRef: ALPHA,
        activityId: BACKUP,
        requestedBy: ALICE,
        text: 'stateless service',
      }),
    ]);
    const before = await knex('dsomm_waivers').where({ id: waiver.id });

    // The requester may hold the permission, but never decides their own request.
    const own = await decide(server, ALICE, path, 'approve');
    expect(own.status).toBe(403);
    expect(own.body.error.name).toBe('NotAllowedError');
    expect(own.body.error.message).toBe(
      `${ALICE} requested this waiver; someone else must approve or deny it`,
    );
    const ownDeny = await decide(server, ALICE, path, 'deny', 'changed mind');
    expect(ownDeny.status).toBe(403);
    // Without dsomm.waiver.approve: 403 naming it.
    const carol = await decide(server, CAROL, path, 'approve');
    expect(carol.status).toBe(403);
    expect(carol.body.error.message).toBe(
      'Missing permission dsomm.waiver.approve',
    );
    expect(await knex('dsomm_waivers').where({ id: waiver.id })).toEqual(
      before,
    );
    expect(statusOf(await scoreOf(server), BACKUP)).not.toBe('not-applicable');

    // The approvers' list: others' requests where the caller may decide.
    expect((await approvalsOf(server, BOB)).map(r => r.id)).toEqual([
      waiver.id,
    ]);
    expect(await approvalsOf(server, ALICE)).toEqual([]);
    expect(await approvalsOf(server, CAROL)).toEqual([]);

    const approved = await decide(server, BOB, path, 'approve');
    expect([approved.status, approved.body.error?.message]).toEqual([
      204,
      undefined,
    ]);
    score = await scoreOf(server);
    expect(statusOf(score, BACKUP)).toBe('not-applicable');
    expect(score.pending).toEqual([]);
    expect(score.waivers).toEqual([
      expect.objectContaining({
        id: waiver.id,
        grantedBy: ALICE,
        approvedBy: BOB,
      }),
    ]);
    expect(await approvalsOf(server, BOB)).toEqual([]);

    // Deciding again: 409, nothing more is recorded.
    const again = await decide(server, DAVE, path, 'approve');
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('is not pending approval');
    const denyAfter = await decide(server, DAVE, path, 'deny', 'too late');
    expect(denyAfter.status).toBe(409);
    const missing = await decide(
      server,
      BOB,
      `${ALPHA_PATH}/waivers/nope`,
      'approve',
    );
    expect(missing.status).toBe(404);

    expect(
      (await auditOf(server, ALPHA)).map(e => [e.action, e.actor, e.recordId]),
    ).toEqual([
      ['request', ALICE, waiver.id],
      ['approve', BOB, waiver.id],
    ]);
    expect(events.map(e => [e.eventId, e.outcome])).toEqual([
      ['waiver-create', 'success'],
      ['waiver-approve', 'fail'],
      ['waiver-deny', 'fail'],
      ['waiver-approve', 'success'],
      ['waiver-approve', 'fail'],
      ['waiver-deny', 'fail'],
      ['waiver-approve', 'fail'],
    ]);
    expect(events[0].meta).toEqual({ entityRef: ALPHA, status: 'pending' });
  });

  it('denies with a required reason: the waiver never counts and the denial is audited', async () => {
    const { server, knex } = await startBackend(databaseId);
    const waiver = await requestWaiver(server);
    const path = `${ALPHA_PATH}/waivers/${waiver.id}`;
    const noBody = await request(server)
      .post(`${path}/deny`)
      .set('Authorization', as(BOB));
    expect(noBody.status).toBe(400);
    expect(noBody.body.error.message).toContain('body');
    for (const body of [{}, { reason: '' }, { reason: '   ' }]) {
      const res = await request(server)
        .post(`${path}/deny`)
        .set('Authorization', as(BOB))
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('reason');
    }
    const nul = await decide(server, BOB, path, 'deny', 'a\u0000b');
    expect(nul.status).toBe(400);
    expect(await knex('dsomm_waivers').pluck('status')).toEqual(['pending']);

    const reason = 'backups are required by policy B-12';
    const denied = await decide(server, BOB, path, 'deny', reason);
    expect([denied.status, denied.body.error?.message]).toEqual([
      204,
      undefined,
    ]);
    const score = await scoreOf(server);
    expect(statusOf(score, BACKUP)).not.toBe('not-applicable');
    expect(score.waivers).toEqual([]);
    expect(score.pending).toEqual([]);
    // A denied request cannot be approved later, nor denied again.
    expect((await decide(server, DAVE, path, 'approve')).status).toBe(409);
    expect((await decide(server, DAVE, path, 'deny', 'again')).status).toBe(
      409,
    );
    const trail = await auditOf(server, ALPHA);
    expect(trail.map(e => e.action)).toEqual(['request', 'deny']);
    expect(trail[1]).toMatchObject({ actor: BOB, reason, recordId: waiver.id });
  });

  it('makes attestations pending on a tier with attestationsRequireApproval, immediate on another tier', async () => {
    const { server } = await startBackend(databaseId);
    const attest = (path: string) =>
      request(server)
        .post(`${path}/attestations`)
        .set('Authorization', as(ALICE))
        .send({ activity: SIGNING, comment: 'signed in CI' });

    // beta is of tier standard: its attestation counts at once.
    const onBeta = await attest(BETA_PATH);
    expect(onBeta.status).toBe(201);
    expect(onBeta.body.status).toBeUndefined();
    const beta = await scoreOf(server, BETA_PATH);
    expect(statusOf(beta, SIGNING)).toBe('implemented');
    expect(beta.pending).toEqual([]);

    // alpha is of tier critical: its attestation waits.
    const onAlpha = await attest(ALPHA_PATH);
    expect(onAlpha.status).toBe(201);
    expect(onAlpha.body.status).toBe('pending');
    let alpha = await scoreOf(server);
    expect(statusOf(alpha, SIGNING)).toBe('missing');
    expect(alpha.attestations).toEqual([]);
    expect(alpha.pending!.map(p => [p.kind, p.id])).toEqual([
      ['attestation', onAlpha.body.id],
    ]);

    const path = `${ALPHA_PATH}/attestations/${onAlpha.body.id}`;
    expect((await decide(server, ALICE, path, 'approve')).status).toBe(403);
    expect((await decide(server, BOB, path, 'approve')).status).toBe(204);
    alpha = await scoreOf(server);
    expect(statusOf(alpha, SIGNING)).toBe('implemented');
    expect(alpha.attestations).toEqual([
      expect.objectContaining({ id: onAlpha.body.id, approvedBy: BOB }),
    ]);
  });

  it('decides organisation-scope requests only with an unconditional permission', async () => {
    const { server } = await startBackend(databaseId);
    const created = await request(server)
      .post('/api/dsomm/organization/waivers')
      .set('Authorization', as(ALICE))
      .send({ activity: BACKUP, justification: 'no state anywhere' });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('pending');
    const org = await request(server)
      .get('/api/dsomm/organization')
      .set('Authorization', as(ALICE));
    assertMatchesSpec('get', '/organization', org);
    expect(org.body.waivers).toEqual([]);
    expect(org.body.pending.map((p: PendingApproval) => p.id)).toEqual([
      created.body.id,
    ]);
    expect(
      (await approvalsOf(server, BOB)).map(r => [r.entityRef, r.id]),
    ).toEqual([['organization', created.body.id]]);
    expect(await approvalsOf(server, CAROL)).toEqual([]);

    const path = `/api/dsomm/organization/waivers/${created.body.id}`;
    expect((await decide(server, CAROL, path, 'approve')).status).toBe(403);
    expect((await decide(server, ALICE, path, 'approve')).status).toBe(403);
    expect((await decide(server, BOB, path, 'approve')).status).toBe(204);
    // Every component inherits it now.
    expect(statusOf(await scoreOf(server, BETA_PATH), BACKUP)).toBe(
      'not-applicable',
    );
  });

  it('refuses to approve a request whose expiry has passed, and lets a pending request be withdrawn', async () => {
    const { server, knex } = await startBackend(databaseId);
    const lapsed = await requestWaiver(server);
    const expiredAt = new Date(Date.now() - 60_000).toISOString();
    await knex('dsomm_waivers')
      .where({ id: lapsed.id })
      .update({ expires_at: expiredAt });
    const late = await decide(
      server,
      BOB,
      `${ALPHA_PATH}/waivers/${lapsed.id}`,
      'approve',
    );
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe(
      `The waiver ${lapsed.id} expired at ${expiredAt} before it was approved`,
    );
    expect(
      await knex('dsomm_waivers').where({ id: lapsed.id }).pluck('status'),
    ).toEqual(['pending']);

    const withdrawn = await requestWaiver(server);
    const revoke = await request(server)
      .delete(`${ALPHA_PATH}/waivers/${withdrawn.id}`)
      .query({ reason: 'asked by mistake' })
      .set('Authorization', as(ALICE));
    expect(revoke.status).toBe(204);
    expect((await scoreOf(server)).pending!.map(p => p.id)).toEqual([
      lapsed.id,
    ]);
    const gone = await decide(
      server,
      BOB,
      `${ALPHA_PATH}/waivers/${withdrawn.id}`,
      'approve',
    );
    expect(gone.status).toBe(404);
    expect(
      (await auditOf(server, ALPHA))
        .filter(e => e.recordId === withdrawn.id)
        .map(e => [e.action, e.reason]),
    ).toEqual([
      ['request', undefined],
      ['revoke', 'asked by mistake'],
    ]);
  });

  it('lets exactly one of two approvers deciding at once win', async () => {
    const { server } = await startBackend(databaseId);
    for (let round = 0; round < 3; round++) {
      const waiver = await requestWaiver(server);
      const path = `${ALPHA_PATH}/waivers/${waiver.id}`;
      const results = await Promise.all([
        decide(server, BOB, path, 'approve'),
        decide(server, DAVE, path, 'deny', 'not for this service'),
      ]);
      expect(results.map(r => r.status).sort()).toEqual([204, 409]);
      const decisions = (await auditOf(server, ALPHA)).filter(
        e => e.recordId === waiver.id && e.action !== 'request',
      );
      expect(decisions).toHaveLength(1);
      const winner = results.find(r => r.status === 204)!;
      expect(decisions[0].actor).toBe(winner === results[0] ? BOB : DAVE);
    }
  });
});
