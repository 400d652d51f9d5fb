import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { DsommStore } from './DsommStore';

const databases = createTestDatabases();

const attestation = (id: string, entityRef: string, activityId: string) => ({
  id,
  entityRef,
  activityId,
  comment: 'c',
  attestedBy: 'user:default/a',
  attestedAt: '2025-01-01T00:00:00.000Z',
  expiresAt: '2026-01-01T00:00:00.000Z',
});

describe.each(databases.eachSupportedId())(
  'DsommStore team progress on %p',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      return DsommStore.create({ database: mockServices.database({ knex }) });
    }

    it('keeps one date per group, activity and state, the latest write winning', async () => {
      const store = await createStore();
      const a = 'group:default/a';
      await store.saveProgressStates(
        [
          {
            groupRef: a,
            activityId: 'x',
            state: 'Planned',
            date: '2025-01-01T00:00:00.000Z',
          },
          {
            groupRef: a,
            activityId: 'x',
            state: 'Started',
            date: '2025-02-01T00:00:00.000Z',
          },
          {
            groupRef: 'group:default/b',
            activityId: 'x',
            state: 'Planned',
            date: '2025-03-01T00:00:00.000Z',
          },
        ],
        'user:default/a',
        '2026-01-01T00:00:00.000Z',
      );
      await store.saveProgressStates(
        [
          {
            groupRef: a,
            activityId: 'x',
            state: 'Planned',
            date: '2025-01-15T00:00:00.000Z',
          },
        ],
        'user:default/b',
        '2026-01-02T00:00:00.000Z',
      );
      const sort = (list: { groupRef: string; state: string }[]) =>
        [...list].sort((p, q) =>
          `${p.groupRef}${p.state}`.localeCompare(`${q.groupRef}${q.state}`),
        );
      expect(sort(await store.progressStates([a]))).toEqual([
        {
          groupRef: a,
          activityId: 'x',
          state: 'Planned',
          date: '2025-01-15T00:00:00.000Z',
        },
        {
          groupRef: a,
          activityId: 'x',
          state: 'Started',
          date: '2025-02-01T00:00:00.000Z',
        },
      ]);
      expect(await store.progressStates()).toHaveLength(3);
    });

    it('lists unrevoked group attestations, of given groups or every group, past one statement of refs', async () => {
      const store = await createStore();
      await store.insertAttestation(attestation('1', 'group:default/a', 'x'));
      await store.insertAttestation(attestation('2', 'group:default/a', 'y'));
      await store.insertAttestation(
        attestation('3', 'component:default/c', 'x'),
      );
      await store.insertAttestation(attestation('4', 'group:default/b', 'x'));
      await store.revokeAttestation(
        'group:default/a',
        '2',
        'user:default/a',
        '2025-06-01T00:00:00.000Z',
      );
      expect((await store.groupAttestations()).map(a => a.id).sort()).toEqual([
        '1',
        '4',
      ]);
      // More refs than one IN list holds (500): read in slices.
      const many = [
        ...Array.from({ length: 1200 }, (_, i) => `group:default/g${i}`),
        'group:default/b',
      ];
      expect(await store.groupAttestations(many)).toEqual([
        { ...attestation('4', 'group:default/b', 'x') },
      ]);
    });
  },
);
