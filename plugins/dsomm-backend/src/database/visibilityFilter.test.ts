import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import { ScorecardService } from '../service/ScorecardService';
import { DsommStore } from './DsommStore';
import { DIMENSION_COLUMNS } from './rows';
import { Visibility } from './visibilityFilter';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/** A stored score row with the given owner and overall level. */
function scoreRow(name: string, owner: string | null, level: number) {
  return {
    entity_ref: `component:default/${name}`,
    kind: 'component',
    namespace: 'default',
    name,
    owner,
    overall_level: level,
    score: level * 10,
    warning_count: 0,
    computed_at: '2026-11-01T00:00:00.000Z',
    dimension_levels: '{}',
    ...Object.fromEntries(DIMENSION_COLUMNS.map(c => [c.column, level])),
  };
}

async function seed(knex: Knex) {
  const store = await DsommStore.create({
    database: mockServices.database({ knex }),
  });
  await knex('dsomm_scores').insert([
    scoreRow('a', 'group:default/x', 1),
    scoreRow('b', 'group:default/y', 2),
    scoreRow('c', null, 3),
  ]);
  await knex('dsomm_score_history').insert(
    ['a', 'b', 'c'].map((name, i) => ({
      entity_ref: `component:default/${name}`,
      day: '2026-11-01',
      overall_level: i,
      score: i,
      meets_target: true,
      dimension_levels: '{}',
    })),
  );
  return store;
}

describe.each(databases.eachSupportedId())(
  'scorecard visibility in SQL on %p',
  databaseId => {
    it('filters rows, pages, both aggregate paths, trend and export the same way', async () => {
      const knex = await databases.init(databaseId);
      const store = await seed(knex);
      const sql = new ScorecardService(
        store,
        DIMENSION_COLUMNS.map(c => c.dimension),
      );
      // A model without level columns: aggregates computed from the rows instead.
      const inMemory = new ScorecardService(store, ['no level column']);
      // More refs than either database accepts as bound parameters, in one parameter.
      const manyRefs = Array.from(
        { length: 70_000 },
        (_, i) => `component:default/absent-${i}`,
      );
      const cases: Array<[Visibility, string[]]> = [
        [{ type: 'all' }, ['a', 'b', 'c']],
        [{ type: 'none' }, []],
        [{ type: 'refs', refs: [] }, []],
        [
          {
            type: 'refs',
            refs: [...manyRefs, 'component:default/a', 'component:default/c'],
          },
          ['a', 'c'],
        ],
        [
          {
            type: 'criteria',
            criteria: { column: 'owner', values: ['group:default/y'] },
          },
          ['b'],
        ],
        [
          {
            type: 'criteria',
            criteria: {
              not: { column: 'owner', values: ['group:default/x'] },
            },
          },
          ['b', 'c'],
        ],
        [
          {
            type: 'criteria',
            criteria: {
              anyOf: [
                { column: 'owner', values: ['group:default/x'] },
                {
                  allOf: [
                    { column: 'kind', values: ['component'] },
                    { not: { column: 'owner', values: ['group:default/y'] } },
                  ],
                },
              ],
            },
          },
          ['a', 'c'],
        ],
        [
          {
            type: 'refs',
            refs: ['component:default/b', 'component:default/c'],
          },
          ['b', 'c'],
        ],
        [
          {
            type: 'criteria',
            criteria: {
              not: {
                column: 'owner',
                values: [
                  ...manyRefs.map(r => r.replace('component:', 'group:')),
                  'group:default/y',
                ],
              },
            },
          },
          ['a', 'c'],
        ],
        [{ type: 'criteria', criteria: { anyOf: [] } }, []],
        [{ type: 'criteria', criteria: { allOf: [] } }, ['a', 'b', 'c']],
      ];
      for (const [visibility, names] of cases) {
        const query = {
          filters: {},
          visibility,
          sort: { field: 'entityRef' as const, order: 'asc' as const },
          offset: 0,
          limit: 50,
        };
        const fromSql = await sql.scorecard('owner', query);
        expect(fromSql.rows.map(r => r.name)).toEqual(names);
        expect(fromSql.totalRows).toBe(names.length);
        expect(fromSql.total.count).toBe(names.length);
        const levels = names.map(n => ({ a: 1, b: 2, c: 3 }[n]!));
        expect(fromSql.total.overall.mean).toBeCloseTo(
          levels.length === 0
            ? 0
            : levels.reduce((x, y) => x + y, 0) / levels.length,
        );
        const fromRows = await inMemory.scorecard('owner', query);
        expect(fromRows.total.count).toBe(names.length);
        expect(fromRows.groups.map(g => [g.key, g.count])).toEqual(
          fromSql.groups.map(g => [g.key, g.count]),
        );
        const trend = await sql.trend(
          {},
          visibility,
          3660,
          new Date('2026-11-02T00:00:00Z'),
        );
        expect(trend.points.map(p => p.count)).toEqual(
          names.length === 0 ? [] : [names.length],
        );
        let csv = '';
        for await (const chunk of sql.exportCsv({}, visibility, [])) {
          csv += chunk;
        }
        expect(
          csv
            .trim()
            .split('\r\n')
            .slice(1)
            .map(l => l.split(',')[0]),
        ).toEqual(names.map(n => `component:default/${n}`));
      }
    });
  },
);
