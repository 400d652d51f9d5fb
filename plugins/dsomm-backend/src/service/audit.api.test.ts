import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { AuditEntry, indexModel } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { createTestDatabases } from '../__testUtils__/databases';
import { dsommTestFeatures } from '../__testUtils__/backend';
import { DsommStore } from '../database/DsommStore';
import { assertMatchesSpec } from '../__testUtils__/openapi';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const user = mockCredentials.user.header();
const USER = mockCredentials.user().principal.userEntityRef;
const index = indexModel(getBuiltInModel());
const SIGNING = index.resolve('signing-of-artifacts')!.id;
const BACKUP = index.resolve('backup')!.id;
const ALPHA = 'component:default/alpha';

interface AuditorEvent {
  eventId: string;
  outcome: 'success' | 'fail';
  meta?: object;
}

async function startBackend(
  databaseId: Parameters<typeof databases.init>[0],
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const knex = await databases.init(databaseId);
  const events: AuditorEvent[] = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async options => ({
      success: async () => {
        events.push({
          eventId: options.eventId,
          outcome: 'success',
          meta: options.meta,
        });
      },
      fail: async () => {
        events.push({ eventId: options.eventId, outcome: 'fail' });
      },
    }),
  });
  const { server } = await startTestBackend({
    features: [...dsommTestFeatures({ knex, permission }), auditor.factory],
  });
  return { server, knex, events };
}

type Server = Awaited<ReturnType<typeof startBackend>>['server'];

async function auditOf(server: Server, query: string) {
  const res = await request(server)
    .get(`/api/dsomm/audit${query}`)
    .set('Authorization', user);
  expect([res.status, res.body.error?.message]).toEqual([200, undefined]);
  assertMatchesSpec('get', '/audit', { status: 200, body: res.body });
  return res.body.entries as AuditEntry[];
}

describe.each(databases.eachSupportedId())(
  'the audit trail on %p',
  databaseId => {
    it('records every create, revoke (with its reason) and expiry once, newest first, and keeps them after the entity is gone', async () => {
      const { server, knex, events } = await startBackend(databaseId);
      const attested = await request(server)
        .post('/api/dsomm/entities/component/default/alpha/attestations')
        .set('Authorization', user)
        .send({ activity: SIGNING, comment: '=HYPERLINK("x") signed in CI' });
      expect(attested.status).toBe(201);
      const waived = await request(server)
        .post('/api/dsomm/entities/component/default/alpha/waivers')
        .set('Authorization', user)
        .send({ activity: BACKUP, justification: 'stateless service' });
      expect(waived.status).toBe(201);
      const revoked = await request(server)
        .delete(
          `/api/dsomm/entities/component/default/alpha/attestations/${attested.body.id}`,
        )
        .query({ reason: 'the pipeline stopped signing' })
        .set('Authorization', user);
      expect(revoked.status).toBe(204);
      // A revoke of nothing adds nothing.
      const again = await request(server)
        .delete(
          `/api/dsomm/entities/component/default/alpha/attestations/${attested.body.id}`,
        )
        .set('Authorization', user);
      expect(again.status).toBe(404);

      let entries = await auditOf(server, `?entity=${ALPHA}`);
      expect(
        entries.map(e => [e.action, e.recordType, e.recordId, e.activityId]),
      ).toEqual([
        ['revoke', 'attestation', attested.body.id, SIGNING],
        ['create', 'waiver', waived.body.id, BACKUP],
        ['create', 'attestation', attested.body.id, SIGNING],
      ]);
      expect(entries[0]).toMatchObject({
        entityRef: ALPHA,
        actor: USER,
        reason: 'the pipeline stopped signing',
      });
      expect(entries[1]).toMatchObject({
        actor: USER,
        text: 'stateless service',
        expiresAt: waived.body.expiresAt,
      });
      expect(entries[2]).toMatchObject({
        at: attested.body.attestedAt,
        text: '=HYPERLINK("x") signed in CI',
      });

      // The waiver's expiry passes: read back, the trail has it, once.
      const expiredAt = new Date(Date.now() - 60_000).toISOString();
      await knex('dsomm_waivers')
        .where({ id: waived.body.id })
        .update({ expires_at: expiredAt });
      await auditOf(server, '');
      entries = await auditOf(server, `?entity=${ALPHA}`);
      const expiries = entries.filter(e => e.action === 'expire');
      expect(expiries).toEqual([
        {
          at: expiredAt,
          action: 'expire',
          recordType: 'waiver',
          recordId: waived.body.id,
          entityRef: ALPHA,
          activityId: BACKUP,
          expiresAt: expiredAt,
        },
      ]);

      // `since` and `limit` narrow; other entities' entries are left out.
      expect(await auditOf(server, '?entity=component:default/beta')).toEqual(
        [],
      );
      const recent = await auditOf(
        server,
        `?since=${encodeURIComponent(waived.body.grantedAt)}`,
      );
      expect(recent.map(e => e.action).sort()).toEqual(['create', 'revoke']);
      expect(await auditOf(server, '?limit=1')).toHaveLength(1);

      // CSV: a header row and one line per entry; formula text is defused.
      const csv = await request(server)
        .get('/api/dsomm/audit')
        .query({ entity: ALPHA, format: 'csv' })
        .set('Authorization', user);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toBe(
        'at,action,recordType,recordId,entityRef,activityId,actor,reason,text,expiresAt',
      );
      expect(lines).toHaveLength(1 + entries.length);
      expect(csv.text).toContain(`"'=HYPERLINK(""x"") signed in CI"`);

      // The entity leaves the catalog and its data is removed: the trail stays.
      await DsommStore.prototype.removeEntity.call(new DsommStore(knex), ALPHA);
      expect(await knex('dsomm_waivers').where({ entity_ref: ALPHA })).toEqual(
        [],
      );
      expect(await auditOf(server, `?entity=${ALPHA}`)).toEqual(entries);

      // Each write was also a Backstage auditor event.
      expect(events.map(e => [e.eventId, e.outcome])).toEqual([
        ['attestation-create', 'success'],
        ['waiver-create', 'success'],
        ['attestation-revoke', 'success'],
        ['attestation-revoke', 'fail'],
      ]);
      expect(events[2].meta).toEqual({
        entityRef: ALPHA,
        id: attested.body.id,
      });

      // Past the retention, entries are pruned.
      const store = new DsommStore(knex);
      expect(await store.pruneAudit(new Date().toISOString())).toBe(
        entries.length,
      );
      expect(await auditOf(server, '')).toEqual([]);
    });

    it('answers 403 without dsomm.audit.read and 400 for a bad since or limit, storing nothing', async () => {
      const denied = await startBackend(databaseId, AuthorizeResult.DENY);
      const res = await request(denied.server)
        .get('/api/dsomm/audit')
        .set('Authorization', user);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('dsomm.audit.read');

      const { server, knex } = await startBackend(databaseId);
      const badSince = await request(server)
        .get('/api/dsomm/audit?since=2026-13-45')
        .set('Authorization', user);
      expect(badSince.status).toBe(400);
      expect(badSince.body.error.message).toContain('since');
      const badLimit = await request(server)
        .get('/api/dsomm/audit?limit=0')
        .set('Authorization', user);
      expect(badLimit.status).toBe(400);
      expect(badLimit.body.error.message).toContain('limit');
      const longReason = await request(server)
        .delete('/api/dsomm/entities/component/default/alpha/attestations/nope')
        .query({ reason: 'x'.repeat(2001) })
        .set('Authorization', user);
      expect(longReason.status).toBe(400);
      expect(longReason.body.error.message).toContain('reason');
      expect(await knex('dsomm_audit')).toEqual([]);
    });
  },
);
