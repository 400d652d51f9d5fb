import { mockServices } from '@backstage/backend-test-utils';
import { AchievedLevel } from '@dsomm/plugin-dsomm-common';
import { createTestDatabases } from '../__testUtils__/databases';
import { levelScore } from '../__testUtils__/storedScores';
import { DsommStore } from '../database/DsommStore';
import { DIMENSION_COLUMNS, StoredScore } from '../database/rows';
import { VISIBLE_TO_ALL } from '../database/visibilityFilter';
import { ScorecardService } from './ScorecardService';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const dimensions = DIMENSION_COLUMNS.map(c => c.dimension);
const TIERS = ['critical', 'standard', undefined];

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % below;
  };
}

function score(
  i: number,
  level: AchievedLevel,
  pick: (below: number) => number,
  computedAt: string,
): StoredScore {
  const base = levelScore(i, level, {
    // Some components have no owner: the group without a key.
    owner: pick(5) === 0 ? '' : `group:default/t${pick(4)}`,
    system: `system:default/s${pick(3)}`,
    score: level * 10 + pick(10),
    computedAt,
  });
  const tier = TIERS[pick(TIERS.length)];
  return {
    ...base,
    facts: {
      ...base.facts,
      owner: base.facts.owner || undefined,
      ...(tier ? { tier } : {}),
    },
    // Below the target, or without one.
    meetsTarget: level >= 1 || (pick(2) === 0 && null),
  } as StoredScore;
}

const query = (filters: Record<string, string[]> = {}) =>
  ({
    filters,
    visibility: VISIBLE_TO_ALL,
    sort: { field: 'entityRef', order: 'asc' },
    offset: 0,
    limit: 5,
  } as const);

describe.each(databases.eachSupportedId())(
  'The scorecard after writes, scanning only the groups that changed, on %p',
  databaseId => {
    it('answers what a scorecard that keeps nothing answers, after any sequence of writes and removals', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      // Writes come from another replica: its own store on the same database.
      const other = new DsommStore(knex);
      const pick = random(7);
      const dayOf = (d: number) => `2026-11-${String(d).padStart(2, '0')}`;
      await other.saveScores(
        Array.from({ length: 30 }, (_, i) =>
          score(i, pick(4) as AchievedLevel, pick, `${dayOf(1)}T00:00:00.000Z`),
        ),
        dayOf(1),
      );
      const kept = new ScorecardService(store, dimensions);
      const shapes = [
        ['owner', query()],
        ['system', query()],
        ['tier', query()],
        ['owner', query({ tier: ['critical'] })],
      ] as const;
      const scans = jest.spyOn(store, 'scorecardSummary');
      for (const [groupBy, q] of shapes) await kept.scorecard(groupBy, q);

      let partialScans = 0;
      for (let step = 0; step < 25; step++) {
        const day = dayOf(2 + (step % 20));
        const op = pick(4);
        if (op === 0) {
          await other.removeEntity(`component:default/c${pick(34)}`);
        } else {
          // One to three components: a new level, and maybe another owner, system or tier.
          const n = 1 + pick(3);
          await other.transaction(tx =>
            tx.saveScores(
              Array.from({ length: n }, () =>
                score(
                  pick(34),
                  pick(6) as AchievedLevel,
                  pick,
                  `${day}T00:00:00.000Z`,
                ),
              ),
              day,
            ),
          );
        }
        scans.mockClear();
        for (const [groupBy, q] of shapes) {
          const answer = await kept.scorecard(groupBy, q);
          const fresh = await new ScorecardService(
            new DsommStore(knex),
            dimensions,
          ).scorecard(groupBy, q);
          expect({ step, groupBy, answer }).toEqual({
            step,
            groupBy,
            answer: fresh,
          });
        }
        partialScans += scans.mock.calls.filter(
          call => call[4] !== undefined,
        ).length;
      }
      // Most reads after a write scanned only the groups it changed.
      expect(partialScans).toBeGreaterThan(25);
    });
  },
);
