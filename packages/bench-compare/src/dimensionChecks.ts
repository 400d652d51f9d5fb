import { DsommModel } from '@dsomm/plugin-dsomm-common';

/** The id of the Tech Insights fact retriever that emits one boolean per DSOMM activity. */
export const FACT_RETRIEVER_ID = 'dsommActivitiesFactRetriever';

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/**
 * The JSON-rules checks, as `techInsights.factChecker.checks` config: one per dimension and
 * level, passing when every activity of that dimension at that level is true.
 */
export function dimensionChecks(model: DsommModel): Record<string, object> {
  const checks: Record<string, object> = {};
  for (const dimension of model.dimensions) {
    for (const level of [1, 2, 3, 4, 5]) {
      const keys = model.activities
        .filter(a => a.dimension === dimension.name && a.level === level)
        .map(a => a.key);
      if (keys.length === 0) continue;
      checks[`dsomm-${slug(dimension.name)}-level-${level}`] = {
        type: 'json-rules-engine',
        name: `${dimension.name}, level ${level}`,
        description: `All ${keys.length} activities of ${dimension.name} at level ${level} are implemented`,
        factIds: [FACT_RETRIEVER_ID],
        rule: {
          conditions: {
            all: keys.map(fact => ({ fact, operator: 'equal', value: true })),
          },
        },
      };
    }
  }
  return checks;
}

/** The fact schema: one boolean per activity. */
export function activityFactSchema(
  model: DsommModel,
): Record<string, { type: 'boolean'; description: string }> {
  return Object.fromEntries(
    model.activities.map(a => [
      a.key,
      { type: 'boolean' as const, description: `${a.name} is implemented` },
    ]),
  );
}
