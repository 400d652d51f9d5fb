import { createTestDatabases } from '@dsomm/plugin-dsomm-backend/src/__testUtils__/databases';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { ScopeEvidence } from './activityFacts';
import { ORGANIZATION_IMPLEMENTED, benchOrg } from './benchOrg';
import { benchHttp } from './benchHttp';
import { dimensionChecks } from './dimensionChecks';
import { seedDsomm, startDsommSide } from './dsommSide';
import { measureSide } from './measureSide';
import { startTechInsightsSide } from './techInsightsSide';

jest.setTimeout(240_000);

const SIZE = 40;
const databases = createTestDatabases();

function expectFigures(result: object) {
  for (const [name, value] of Object.entries(result)) {
    if (name === 'side' || name === 'orgViewExtrapolatedFrom') continue;
    expect([name, value > 0]).toEqual([name, true]);
  }
}

describe.each(databases.eachSupportedId())('the sides on %p', databaseId => {
  it('DSOMM recomputes the org and answers its entity and scorecard reads', async () => {
    const knex = await databases.init(databaseId);
    expect(await seedDsomm(knex, SIZE)).toBeGreaterThan(SIZE);
    const side = await startDsommSide(knex, SIZE);
    try {
      const result = await measureSide('dsomm', side, SIZE);
      expect(result.side).toBe('dsomm');
      expect(result.orgViewExtrapolatedFrom).toBeUndefined();
      expectFigures(result);
      const scorecard = (await benchHttp(side.port).get('/api/dsomm/scorecard'))
        .json as { total: { count: number } };
      expect(scorecard.total.count).toBe(SIZE);
    } finally {
      await side.stop();
    }
  });

  it('Tech Insights stores the activity facts and its checks pass where all of a level is true', async () => {
    const knex = await databases.init(databaseId);
    const side = await startTechInsightsSide(knex, SIZE, 10);
    try {
      const result = await measureSide('techInsights', side, SIZE);
      expect(result.orgViewExtrapolatedFrom).toBe(10);
      expectFigures(result);

      // The checks' answer for a component is what its facts say.
      const model = getBuiltInModel();
      const org = benchOrg(SIZE);
      const scopes = new ScopeEvidence(model, ORGANIZATION_IMPLEMENTED);
      [...org.groups, ...org.systems, ...org.domains].forEach(e =>
        scopes.add(e),
      );
      const checks = dimensionChecks(model) as Record<
        string,
        { rule: { conditions: { all: Array<{ fact: string }> } } }
      >;
      let passing = 0;
      for (const index of [0, 7, 33]) {
        const facts = scopes.factsOf(org.component(index));
        const expected = Object.keys(checks)
          .filter(id =>
            checks[id].rule.conditions.all.every(c => facts[c.fact]),
          )
          .sort();
        const { json } = await benchHttp(side.port).post(
          `/api/tech-insights/checks/run/default/component/svc-${index}`,
          {},
        );
        const passed = (
          json as Array<{ result: boolean; check: { id: string } }>
        )
          .filter(r => r.result)
          .map(r => r.check.id)
          .sort();
        expect(passed).toEqual(expected);
        passing += passed.length;
      }
      // The synthetic org gives these components some passing checks, not none.
      expect(passing).toBeGreaterThan(0);
    } finally {
      await side.stop();
    }
  });
});
