import { mockServices } from '@backstage/backend-test-utils';
import { AchievedLevel } from '@dsomm/plugin-dsomm-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { DsommStore } from '../database/DsommStore';
import { DIMENSION_COLUMNS } from '../database/rows';
import { SCORECARD_QUERY, levelScore } from '../__testUtils__/storedScores';
import { ScorecardService } from './ScorecardService';

const databases = createTestDatabases();

const score = (
  i: number,
  level: AchievedLevel,
  computedAt = '2026-11-01T00:00:00.000Z',
) => levelScore(i, level, { owner: `group:default/t${i % 2}`, computedAt });

const query = SCORECARD_QUERY;

const dimensions = DIMENSION_COLUMNS.map(c => c.dimension);

describe.each(databases.eachSupportedId())(
  'The scorecard kept between score writes on %p',
  databaseId => {
    it('scans once while scores stay, and shows a write or removal made through another store at once', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      // Another replica: its own store on the same database.
      const other = new DsommStore(knex);
      await store.saveScores([score(0, 0), score(1, 1)], '2026-11-01');
      const scans = jest.spyOn(store, 'scorecardSummary');
      const pages = jest.spyOn(store, 'scorecardPage');
      const scorecard = new ScorecardService(store, dimensions);

      const generations = jest.spyOn(store, 'scoreGeneration');
      const first = await scorecard.scorecard('owner', query);
      // One read of the generation serves the aggregates and the page.
      expect(generations).toHaveBeenCalledTimes(1);
      expect(first.total.count).toBe(2);
      expect(first.total.meetingTarget).toBe(1);
      const again = await scorecard.scorecard('owner', query);
      expect(again.groups).toEqual(first.groups);
      expect(again.rows).toEqual(first.rows);
      expect(scans).toHaveBeenCalledTimes(1);
      expect(pages).toHaveBeenCalledTimes(1);

      // Written in a transaction of the other store, as a re-score writes.
      await other.transaction(tx =>
        tx.saveScores([score(0, 2, '2026-11-02T00:00:00.000Z')], '2026-11-02'),
      );
      const written = await scorecard.scorecard('owner', query);
      expect(written.total.meetingTarget).toBe(2);
      expect(
        written.groups.find(g => g.key === 'group:default/t0')?.overall
          .distribution,
      ).toEqual([0, 0, 1, 0, 0, 0]);
      expect(
        written.rows.find(r => r.entityRef === 'component:default/c0')
          ?.overallLevel,
      ).toBe(2);
      expect(scans).toHaveBeenCalledTimes(2);
      expect(pages).toHaveBeenCalledTimes(2);

      // A score written again unchanged raises nothing: still kept.
      await other.saveScores(
        [score(0, 2, '2026-11-02T00:00:00.000Z')],
        '2026-11-02',
      );
      await scorecard.scorecard('owner', query);
      expect(scans).toHaveBeenCalledTimes(2);

      await other.removeEntity('component:default/c1');
      const removed = await scorecard.scorecard('owner', query);
      expect(removed.total.count).toBe(1);
      expect(removed.rows.map(r => r.entityRef)).toEqual([
        'component:default/c0',
      ]);
      expect(scans).toHaveBeenCalledTimes(3);
      expect(pages).toHaveBeenCalledTimes(3);

      // Another request shape is its own entry.
      const byTier = await scorecard.scorecard('tier', query);
      expect(byTier.total.count).toBe(1);
      expect(scans).toHaveBeenCalledTimes(4);
    });

    it('counts two writers at once, each in its own transaction, and shows both', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      const other = new DsommStore(knex);
      await store.saveScores([score(0, 0), score(1, 0)], '2026-11-01');
      const scorecard = new ScorecardService(store, dimensions);
      expect(
        (await scorecard.scorecard('owner', query)).total.meetingTarget,
      ).toBe(0);
      const before = await store.scoreGeneration();
      // Both hold their transaction open while the other writes (on PostgreSQL the second
      // raise waits for the first commit; SQLite runs them one after the other).
      await Promise.all([
        store.transaction(tx =>
          tx.saveScores(
            [score(0, 2, '2026-11-02T00:00:00.000Z')],
            '2026-11-02',
          ),
        ),
        other.transaction(tx =>
          tx.saveScores(
            [score(1, 3, '2026-11-02T00:00:00.000Z')],
            '2026-11-02',
          ),
        ),
      ]);
      expect(await store.scoreGeneration()).toBe(before! + 2);
      const after = await scorecard.scorecard('owner', query);
      expect(after.total.meetingTarget).toBe(2);
      expect(after.rows.map(r => r.overallLevel).sort()).toEqual([2, 3]);
    });

    it('leaves the generation as it was when a score write fails and rolls back', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      await store.saveScores([score(0, 0)], '2026-11-01');
      const before = await store.scoreGeneration();
      await expect(
        store.transaction(async tx => {
          await tx.saveScores(
            [score(0, 2, '2026-11-02T00:00:00.000Z')],
            '2026-11-02',
          );
          throw new Error('later step failed');
        }),
      ).rejects.toThrow('later step failed');
      expect(await store.scoreGeneration()).toBe(before);
      await store.transaction(tx =>
        tx.saveScores([score(0, 2, '2026-11-02T00:00:00.000Z')], '2026-11-02'),
      );
      expect(await store.scoreGeneration()).toBe(before! + 1);
    });
  },
);
