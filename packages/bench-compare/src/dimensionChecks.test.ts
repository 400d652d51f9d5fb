import { mockServices } from '@backstage/backend-test-utils';
import { JsonRulesEngineFactCheckerFactory } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import { TechInsightsStore } from '@backstage-community/plugin-tech-insights-node';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import {
  FACT_RETRIEVER_ID,
  activityFactSchema,
  dimensionChecks,
} from './dimensionChecks';

const model = getBuiltInModel();

/** Tech Insights' JSON-rules checker over one entity's facts, with the bench's checks as config. */
function checkerWith(facts: Record<string, boolean>) {
  const schema = activityFactSchema(model);
  const store = {
    async getLatestFactsByIds() {
      return {
        [FACT_RETRIEVER_ID]: {
          id: FACT_RETRIEVER_ID,
          entity: { namespace: 'default', kind: 'component', name: 'svc-0' },
          facts,
        },
      };
    },
    async getLatestSchemas() {
      return [schema];
    },
  } as unknown as TechInsightsStore;
  return JsonRulesEngineFactCheckerFactory.fromConfig(
    mockServices.rootConfig({
      data: {
        techInsights: { factChecker: { checks: dimensionChecks(model) } },
      },
    }),
    { logger: mockServices.logger.mock() },
  ).construct(store);
}

describe('dimensionChecks', () => {
  it('makes 25 checks that cover every activity once, by dimension and level', () => {
    const checks = Object.values(dimensionChecks(model)) as Array<{
      rule: { conditions: { all: Array<{ fact: string }> } };
    }>;
    expect(checks).toHaveLength(25);
    const facts = checks.flatMap(c => c.rule.conditions.all.map(x => x.fact));
    expect(facts.sort()).toEqual(model.activities.map(a => a.key).sort());
    expect(Object.keys(activityFactSchema(model))).toHaveLength(194);
  });

  it('passes exactly the checks whose activities are all true, in Tech Insights own checker', async () => {
    const done = model.activities.filter(
      a => a.dimension === 'Implementation' && a.level === 1,
    );
    const facts = Object.fromEntries(
      model.activities.map(a => [a.key, done.includes(a)]),
    );
    // One activity short of Implementation level 2.
    const level2 = model.activities.filter(
      a => a.dimension === 'Implementation' && a.level === 2,
    );
    for (const a of level2.slice(1)) facts[a.key] = true;

    const checker = checkerWith(facts);
    for (const check of await checker.getChecks()) {
      expect(await checker.validate(check)).toEqual({ valid: true });
    }
    const results = await checker.runChecks('component:default/svc-0');
    expect(results).toHaveLength(25);
    expect(results.filter(r => r.result).map(r => r.check.id)).toEqual([
      'dsomm-implementation-level-1',
    ]);
  });
});
