import { mockServices } from '@backstage/backend-test-utils';
import { AchievedLevel } from '@dsomm/plugin-dsomm-common';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { levelScore } from '../__testUtils__/storedScores';
import { DsommStore } from './DsommStore';
import { VISIBLE_TO_ALL } from './visibilityFilter';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'The scorecard’s default page on %p',
  databaseId => {
    it('is read from the worst-first index, in its order, without sorting every score', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      const scores = Array.from({ length: 3000 }, (_, i) =>
        levelScore(i, (i % 6) as AchievedLevel, {
          owner: `group:default/t${i % 40}`,
          score: (i * 7919) % 100,
        }),
      );
      for (let i = 0; i < scores.length; i += 500) {
        await store.saveScores(scores.slice(i, i + 500), '2026-11-01');
      }
      await knex.raw('analyze');

      const statements: { sql: string; bindings: Knex.RawBinding[] }[] = [];
      const listen = (q: { sql: string; bindings: Knex.RawBinding[] }) =>
        statements.push(q);
      knex.on('query', listen);
      const page = await store.scorecardPage({
        filters: {},
        visibility: VISIBLE_TO_ALL,
        sort: { field: 'worstFirst', order: 'asc' },
        offset: 0,
        limit: 50,
      });
      knex.off('query', listen);

      // The page itself: target level 1 everywhere, so level 0 first, lower scores first.
      const expected = scores
        .map(s => ({
          ref: s.facts.entityRef,
          gap: s.overallLevel - 1,
          score: s.score,
        }))
        .sort(
          (a, b) =>
            a.gap - b.gap || a.score - b.score || a.ref.localeCompare(b.ref),
        )
        .slice(0, 50)
        .map(s => s.ref);
      expect(page.map(r => r.entityRef)).toEqual(expected);

      const select = statements.find(s => /order by/i.test(s.sql))!;
      const sqlite = knex.client.config.client === 'better-sqlite3';
      const plan = JSON.stringify(
        await knex.raw(
          // PostgreSQL's statements come numbered ($1); knex binds `?`.
          `explain ${sqlite ? 'query plan ' : ''}${select.sql.replace(
            /\$\d+/g,
            '?',
          )}`,
          select.bindings,
        ),
      );
      expect(plan).toContain('dsomm_scores_worst_first_idx');
      // No sort of the matching scores: the index gives their order.
      expect(plan).not.toMatch(sqlite ? /TEMP B-TREE/ : /Sort Key/);
    });
  },
);
