import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { LifecycleFinding } from '../lifecycle/findingLifecycle';
import { DsommStore } from './DsommStore';

const databases = createTestDatabases();

const finding = (
  fingerprint: string,
  closedAt: string | null,
): LifecycleFinding => ({
  fingerprint,
  severity: 'high',
  category: 'sca',
  firstSeenAt: '2026-01-01T00:00:00.000Z',
  lastSeenAt: '2026-01-01T00:00:00.000Z',
  closedAt,
  reopenedCount: 0,
});

describe.each(databases.eachSupportedId())(
  'finding lifecycle store on %p',
  databaseId => {
    it('upserts and deletes per entity and tool, prunes long-closed findings and forgets a removed entity', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      const a = 'component:default/a';
      const b = 'component:default/b';
      await store.saveFindingLifecycle(a, 'Trivy', {
        upserts: [
          finding('open', null),
          finding('old', '2026-02-01T00:00:00.000Z'),
          finding('recent', '2026-05-01T00:00:00.000Z'),
        ],
        deletes: [],
      });
      await store.saveFindingLifecycle(a, 'Semgrep', {
        upserts: [finding('old', '2026-02-01T00:00:00.000Z')],
        deletes: [],
      });
      await store.saveFindingLifecycle(b, 'Trivy', {
        upserts: [finding('open', null)],
        deletes: [],
      });
      // A second write of one fingerprint replaces it; a delete touches one tool only.
      await store.saveFindingLifecycle(a, 'Trivy', {
        upserts: [{ ...finding('open', null), reopenedCount: 2 }],
        deletes: ['gone-already'],
      });
      expect(
        (await store.findingLifecycle(a, 'Trivy')).map(f => [
          f.fingerprint,
          f.reopenedCount,
        ]),
      ).toEqual([
        ['old', 0],
        ['open', 2],
        ['recent', 0],
      ]);
      expect(await store.findingLifecycle(a)).toHaveLength(4);

      expect(
        await store.pruneFindingLifecycle('2026-03-01T00:00:00.000Z'),
      ).toBe(2);
      expect(
        (await store.findingLifecycle(a)).map(
          f => `${f.toolName} ${f.fingerprint}`,
        ),
      ).toEqual(['Trivy open', 'Trivy recent']);

      await store.saveFindingLifecycle(a, 'Trivy', {
        upserts: [],
        deletes: ['recent'],
      });
      expect(await store.findingLifecycle(a, 'Trivy')).toHaveLength(1);

      await store.removeEntity(a);
      expect(await store.findingLifecycle(a)).toEqual([]);
      expect(await store.findingLifecycle(b)).toHaveLength(1);
    });
  },
);
