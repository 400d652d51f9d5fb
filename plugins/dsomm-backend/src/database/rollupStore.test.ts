import { mockServices } from '@backstage/backend-test-utils';
import { AchievedLevel } from '@dsomm/plugin-dsomm-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { DsommStore } from './DsommStore';
import { levelScore } from '../__testUtils__/storedScores';

const databases = createTestDatabases();

/** A stored score of component `c<i>`, owned by team `t<i>`, in system `s<i mod 3>`. */
const score = (i: number, level: AchievedLevel, value: number) =>
  levelScore(i, level, {
    owner: `group:default/t${i}`,
    system: `system:default/s${i % 3}`,
    score: value,
    activities: [
      { activityId: `a${i}`, level: 1, status: 'implemented', evidence: [] },
    ],
  });

const ALL = { type: 'all' } as const;
const owners = (n: number) =>
  Array.from({ length: n }, (_, i) => `group:default/t${i}`);

describe.each(databases.eachSupportedId())(
  'DsommStore roll-ups on %p',
  databaseId => {
    it('filters by owners or systems, long lists included, and honours visibility', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      // 300 components: levels 0, 1, 2 in turn, scores rising with i.
      await store.saveScores(
        Array.from({ length: 300 }, (_, i) =>
          score(i, (i % 3) as AchievedLevel, i / 10),
        ),
        '2026-11-01',
      );

      // 250 owners: over the length bound one parameter per value (see whereInList).
      const many = await store.rollupAggregate(
        { all: false, owners: owners(250), systems: [] },
        ALL,
      );
      expect(many.count).toBe(250);
      expect(many.overall.distribution).toEqual([84, 83, 83, 0, 0, 0]);
      expect(many.meetingTarget).toBe(166);

      // Owner or system: t1 is in s1 already, t2 is in s2.
      const either = await store.rollupAggregate(
        {
          all: false,
          owners: ['group:default/t1', 'group:default/t2'],
          systems: ['system:default/s1'],
        },
        ALL,
      );
      expect(either.count).toBe(101);

      const none = await store.rollupAggregate(
        { all: false, owners: [], systems: [] },
        ALL,
      );
      expect(none.count).toBe(0);
      // A value shaped like SQL is only a value.
      const quoted = await store.rollupAggregate(
        { all: false, owners: ["group:default/x' or '1'='1"], systems: [] },
        ALL,
      );
      expect(quoted.count).toBe(0);
      expect((await store.rollupAggregate({ all: true }, ALL)).count).toBe(300);

      // Visibility by refs and by a condition on the owner column.
      const visibleRefs = {
        type: 'refs' as const,
        refs: ['component:default/c0', 'component:default/c3'],
      };
      const s0 = {
        all: false as const,
        owners: [],
        systems: ['system:default/s0'],
      };
      expect((await store.rollupAggregate(s0, visibleRefs)).count).toBe(2);
      expect(
        (
          await store.rollupAggregate(s0, {
            type: 'criteria',
            criteria: {
              not: { column: 'owner', values: ['group:default/t0'] },
            },
          })
        ).count,
      ).toBe(99);
      expect((await store.rollupAggregate(s0, { type: 'none' })).count).toBe(0);
    });

    it('lists below-target components worst first, pages every row and reads stored statuses', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      await store.saveScores(
        [
          score(1, 0, 30),
          score(2, 0, 10),
          score(3, 2, 5), // meets its target
          score(4, 0, 10), // same level and score as c2: by ref
          score(5, 1, 1),
        ],
        '2026-11-01',
      );
      const everyone = { all: true } as const;
      const worst = await store.rollupBelowTarget(everyone, ALL, 50);
      expect(worst.map(r => r.name)).toEqual(['c2', 'c4', 'c1']);
      expect(
        (await store.rollupBelowTarget(everyone, ALL, 2)).map(r => r.name),
      ).toEqual(['c2', 'c4']);

      const pages: string[][] = [];
      for await (const page of store.rollupRows(everyone, ALL, 2)) {
        pages.push(page.map(row => row.name));
      }
      const statuses = await store.storedStatuses([
        'component:default/c2',
        'component:default/c9',
      ]);
      expect(statuses).toEqual([
        {
          entityRef: 'component:default/c2',
          computedAt: '2026-11-01T00:00:00.000Z',
          target: { level: 1 },
          statuses: [
            { activityId: 'a2', status: 'implemented', ownEvidence: false },
          ],
        },
      ]);
      expect(pages).toEqual([['c1', 'c2'], ['c3', 'c4'], ['c5']]);
    });
  },
);
