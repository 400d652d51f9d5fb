import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import techInsightsPlugin from '@backstage-community/plugin-tech-insights-backend';
import techInsightsModuleJsonRulesEngineFactCheckerFactory from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import {
  TechInsightFact,
  techInsightsFactRetrieversExtensionPoint,
} from '@backstage-community/plugin-tech-insights-node';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { Knex } from 'knex';
import { ScopeEvidence } from './activityFacts';
import {
  ORGANIZATION_IMPLEMENTED,
  benchCatalogFactory,
  benchOrg,
} from './benchOrg';
import { benchHttp } from './benchHttp';
import {
  FACT_RETRIEVER_ID,
  activityFactSchema,
  dimensionChecks,
} from './dimensionChecks';
import { recordingScheduler } from './recordingScheduler';
import { StartedSide } from './side';

/**
 * A tech-insights module adding the fact retriever: for every component in the catalog, one
 * boolean per DSOMM activity, read from the same annotations DSOMM reads (the component's,
 * its owner's and system's and their parents', and the organisation's).
 */
const dsommActivitiesModule = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'dsomm-activities',
  register(env) {
    env.registerInit({
      deps: {
        retrievers: techInsightsFactRetrieversExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({ retrievers, catalog, auth }) {
        const model = getBuiltInModel();
        retrievers.addFactRetrievers({
          [FACT_RETRIEVER_ID]: {
            id: FACT_RETRIEVER_ID,
            version: '0.1.0',
            title: 'DSOMM activities',
            description: 'One boolean per DSOMM activity: implemented or not',
            entityFilter: [{ kind: 'component' }],
            schema: activityFactSchema(model),
            async handler() {
              const credentials = await auth.getOwnServiceCredentials();
              const scopes = new ScopeEvidence(model, ORGANIZATION_IMPLEMENTED);
              const components: Entity[] = [];
              // Groups, systems and domains come first in the stream, components last.
              for await (const page of catalog.streamEntities(
                {
                  filter: { kind: ['Group', 'System', 'Domain', 'Component'] },
                },
                { credentials },
              )) {
                for (const entity of page) {
                  if (entity.kind === 'Component') components.push(entity);
                  else scopes.add(entity);
                }
              }
              return components.map(
                (entity): TechInsightFact => ({
                  entity: {
                    namespace: entity.metadata.namespace ?? 'default',
                    kind: entity.kind,
                    name: entity.metadata.name,
                  },
                  facts: scopes.factsOf(entity),
                }),
              );
            },
          },
        });
      },
    });
  },
});

/**
 * Tech Insights on the bench's org: its backend plugin, the fact retriever above and the
 * JSON-rules fact checker with one check per DSOMM dimension and level.
 */
export async function startTechInsightsSide(
  knex: Knex,
  size: number,
  sample: number,
): Promise<StartedSide> {
  const scheduler = recordingScheduler();
  const backend = await startTestBackend({
    features: [
      techInsightsPlugin,
      techInsightsModuleJsonRulesEngineFactCheckerFactory,
      dsommActivitiesModule,
      mockServices.rootConfig.factory({
        data: {
          techInsights: {
            factRetrievers: {
              // The plugin registers only retrievers with config; the recording scheduler
              // never runs it by the cadence.
              [FACT_RETRIEVER_ID]: { cadence: '0 3 * * *' },
            },
            factChecker: { checks: dimensionChecks(getBuiltInModel()) },
          },
        },
      }),
      mockServices.database.factory({ knex }),
      benchCatalogFactory(benchOrg(size)),
      scheduler.factory,
    ],
  });
  const http = benchHttp(backend.server.port());
  const checkCount = Object.keys(dimensionChecks(getBuiltInModel())).length;
  const sampled = Math.min(sample, size);
  return {
    runJob: () => scheduler.run(FACT_RETRIEVER_ID),
    async readEntity(index) {
      const { ms, json } = await http.post(
        `/api/tech-insights/checks/run/default/component/svc-${index}`,
        {},
      );
      // A check without its facts is skipped silently; count them so a broken setup shows.
      if (!Array.isArray(json) || json.length !== checkCount) {
        throw new Error(
          `checks for svc-${index} answered ${JSON.stringify(json).slice(
            0,
            200,
          )}, not ${checkCount} results`,
        );
      }
      return ms;
    },
    async orgView() {
      // Its bulk run for every component is minutes at 10k; a spread sample is scaled up.
      const entities = Array.from(
        { length: sampled },
        (_, i) => `component:default/svc-${Math.floor((i * size) / sampled)}`,
      );
      const { ms } = await http.post('/api/tech-insights/checks/run', {
        entities,
      });
      return sampled === size
        ? { ms }
        : { ms: (ms * size) / sampled, extrapolatedFrom: sampled };
    },
    port: backend.server.port(),
    stop: () => backend.stop(),
  };
}
