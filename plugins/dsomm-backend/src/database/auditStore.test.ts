import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { DsommStore } from './DsommStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'revoking with an audit entry on %p',
  databaseId => {
    it('of two revokes of one record at once, exactly one revokes and is audited', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      const entityRef = 'component:default/alpha';
      const attestation = {
        id: '00000000-0000-4000-8000-0000000000c1',
        entityRef,
        activityId: 'a-1',
        comment: 'done',
        attestedBy: 'user:default/a',
        attestedAt: '2026-06-01T10:00:00.000Z',
      };
      const waiver = {
        id: '00000000-0000-4000-8000-0000000000c2',
        entityRef,
        activityId: 'a-2',
        justification: 'not here',
        grantedBy: 'user:default/a',
        grantedAt: '2026-06-01T10:00:00.000Z',
      };
      await store.insertAttestation(attestation);
      await store.insertWaiver(waiver);
      // Each revoke in its own transaction, as two requests would be.
      const twice = (revoke: (by: string) => Promise<boolean>) =>
        Promise.all([revoke('user:default/b'), revoke('user:default/c')]);
      const revoked = await twice(by =>
        store.revokeAttestation(
          entityRef,
          attestation.id,
          by,
          '2026-06-02T10:00:00.000Z',
          'twice',
        ),
      );
      const waived = await twice(by =>
        store.revokeWaiver(
          entityRef,
          waiver.id,
          by,
          '2026-06-02T10:00:00.000Z',
        ),
      );
      expect(revoked.filter(Boolean)).toHaveLength(1);
      expect(waived.filter(Boolean)).toHaveLength(1);

      const entries = await store.auditEntries({ limit: 10 });
      expect(
        entries
          .filter(e => e.action === 'revoke')
          .map(e => e.recordType)
          .sort(),
      ).toEqual(['attestation', 'waiver']);
      // The stored revoker is the one the audit names.
      const row = await knex('dsomm_evidence')
        .where({ id: attestation.id })
        .first();
      const audited = entries.find(
        e => e.action === 'revoke' && e.recordType === 'attestation',
      );
      expect(audited?.actor).toBe(row.revoked_by);
      expect(audited?.reason).toBe('twice');
      // A revoke of what is already revoked changes nothing.
      expect(
        await store.revokeWaiver(entityRef, waiver.id, 'user:default/d', 'x'),
      ).toBe(false);
      expect(await store.auditEntries({ limit: 10 })).toHaveLength(
        entries.length,
      );
    });
  },
);
