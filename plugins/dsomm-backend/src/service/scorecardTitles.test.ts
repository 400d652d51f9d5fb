import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '../__testUtils__/databases';
import { SCORECARD_QUERY, levelScore } from '../__testUtils__/storedScores';
import { DsommStore } from '../database/DsommStore';
import { DIMENSION_COLUMNS } from '../database/rows';
import { ScorecardService } from './ScorecardService';

const databases = createTestDatabases();

const group = (name: string, title?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
  spec: { type: 'team', children: [] },
});

const query = SCORECARD_QUERY;

/** Two groups a page, by key: which groups a page shows changes when a new key sorts first. */
const page = { sort: 'key', order: 'asc', offset: 0, limit: 2 } as const;

describe.each(databases.eachSupportedId())(
  'Group titles of the scorecard on %p',
  databaseId => {
    it('asks for the titles of the groups shown last while scanning, and for the others after', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      const owner = (name: string) => `group:default/${name}`;
      await store.saveScores(
        [0, 1, 2].map(i => levelScore(i, 1, { owner: owner(`t${i}`) })),
        '2026-11-01',
      );
      const catalog = catalogServiceMock({
        entities: [
          group('t0', 'Team Zero'),
          group('t1'),
          group('t2', 'Team Two'),
          group('a-new', 'Team New'),
        ],
      });
      const asked = jest.spyOn(catalog, 'getEntitiesByRefs');
      const scorecard = new ScorecardService(
        store,
        DIMENSION_COLUMNS.map(c => c.dimension),
        { catalog, auth: mockServices.auth() },
      );
      const credentials = mockCredentials.user();
      const read = async () => {
        const answer = await scorecard.scorecard(
          'owner',
          query,
          credentials,
          undefined,
          page,
        );
        return answer.groups.map(g => [g.key, g.title]);
      };
      const refsAsked = () =>
        asked.mock.calls.map(([request]) => request.entityRefs);

      expect(await read()).toEqual([
        [owner('t0'), 'Team Zero'],
        [owner('t1'), 't1'],
      ]);
      expect(refsAsked()).toEqual([[owner('t0'), owner('t1')]]);

      // Read again: the groups shown last are asked for once, and are the answer's.
      expect(await read()).toEqual([
        [owner('t0'), 'Team Zero'],
        [owner('t1'), 't1'],
      ]);
      expect(refsAsked()).toEqual([
        [owner('t0'), owner('t1')],
        [owner('t0'), owner('t1')],
      ]);

      // A new group now sorts first: only its title is asked for after the scan.
      await store.saveScores(
        [levelScore(3, 2, { owner: owner('a-new') })],
        '2026-11-01',
      );
      expect(await read()).toEqual([
        [owner('a-new'), 'Team New'],
        [owner('t0'), 'Team Zero'],
      ]);
      expect(refsAsked().slice(2)).toEqual([
        [owner('t0'), owner('t1')],
        [owner('a-new')],
      ]);

      // The early request failing only means asking again once the groups are known.
      asked.mockRejectedValueOnce(new Error('catalog down'));
      expect(await read()).toEqual([
        [owner('a-new'), 'Team New'],
        [owner('t0'), 'Team Zero'],
      ]);
      expect(refsAsked().slice(4)).toEqual([
        [owner('a-new'), owner('t0')],
        [owner('a-new'), owner('t0')],
      ]);
    });
  },
);
