import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
  createServiceFactory,
  BackendFeature,
} from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  TestDatabases,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogService,
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { Knex } from 'knex';
import { dsommPlugin } from '../plugin';
import { testConfig } from './entities';

const LOCATION = 'url:https://example.com/dsomm-test-catalog.yaml';

/** A catalog module that feeds `entities` into the real catalog once, at start. */
export function entityProviderModule(entities: Entity[]) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'dsomm-test-entities',
    register(env) {
      env.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider({
            getProviderName: () => 'dsomm-test-entities',
            connect: async connection =>
              connection.applyMutation({
                type: 'full',
                entities: entities.map(entity => ({
                  locationKey: 'dsomm-test',
                  entity: {
                    ...entity,
                    metadata: {
                      ...entity.metadata,
                      annotations: {
                        ...entity.metadata.annotations,
                        'backstage.io/managed-by-location': LOCATION,
                        'backstage.io/managed-by-origin-location': LOCATION,
                      },
                    },
                  },
                })),
              }),
          });
        },
      });
    },
  });
}

/**
 * The mock auth service, except that a plugin calling another on behalf of a user passes the
 * user with the plugin as actor, as the real auth service does: the permission backend only
 * accepts conditional queries from plugins acting for a user, not from the user directly.
 */
const actorAwareMockAuth = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const auth = mockServices.auth({
      pluginId: plugin.getId(),
      disableDefaultAuthPolicy: false,
    });
    return {
      authenticate: auth.authenticate.bind(auth),
      isPrincipal: auth.isPrincipal.bind(auth) as typeof auth.isPrincipal,
      getNoneCredentials: auth.getNoneCredentials.bind(auth),
      getOwnServiceCredentials: auth.getOwnServiceCredentials.bind(auth),
      getLimitedUserToken: auth.getLimitedUserToken.bind(auth),
      listPublicServiceKeys: auth.listPublicServiceKeys.bind(auth),
      async getPluginRequestToken(options) {
        if (auth.isPrincipal(options.onBehalfOf, 'user')) {
          return {
            token: mockCredentials.user.token(
              options.onBehalfOf.principal.userEntityRef,
              { actor: { subject: `plugin:${plugin.getId()}` } },
            ),
          };
        }
        return auth.getPluginRequestToken(options);
      },
    };
  },
});

/**
 * Each plugin its own database of `databaseId` (as in a real deployment): DSOMM and the
 * catalog keep separate migration tables.
 */
function perPluginDatabases(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  knexes: Map<string, Promise<Knex>>,
) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory({ plugin }) {
      const id = plugin.getId();
      if (!knexes.has(id)) knexes.set(id, databases.init(databaseId));
      return { getClient: () => knexes.get(id)! };
    },
  });
}

/**
 * The features of a test backend with the real catalog backend serving `entities`, the
 * DSOMM plugin, and whatever `extra` features (policy, auth services) a test adds. DSOMM
 * talks to the catalog over HTTP, as in a portal.
 */
export function catalogStackFeatures(options: {
  databases: TestDatabases;
  databaseId: TestDatabaseId;
  entities: Entity[];
  config?: object;
  /** Features replacing the actor-aware mock auth, e.g. the real auth services. */
  auth?: BackendFeature[];
  extra?: BackendFeature[];
}) {
  const knexes = new Map<string, Promise<Knex>>();
  return {
    dsommKnex: () => knexes.get('dsomm')!,
    features: [
      dsommPlugin,
      catalogPlugin,
      entityProviderModule(options.entities),
      perPluginDatabases(options.databases, options.databaseId, knexes),
      mockServices.rootConfig.factory({
        data: { ...testConfig, ...options.config },
      }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      ...(options.auth ?? [actorAwareMockAuth]),
      ...(options.extra ?? []),
    ],
  };
}

/**
 * The real catalog backend alone serving `entities` on its own database of `databaseId`, and
 * the catalog service as a plugin is given it (over HTTP), for tests that call it directly.
 */
export function realCatalogFeatures(options: {
  databases: TestDatabases;
  databaseId: TestDatabaseId;
  entities: Entity[];
}) {
  let catalog: CatalogService | undefined;
  const probe = createBackendPlugin({
    pluginId: 'catalog-probe',
    register(env) {
      env.registerInit({
        deps: { service: catalogServiceRef },
        async init({ service }) {
          catalog = service;
        },
      });
    },
  });
  return {
    catalog: () => catalog!,
    features: [
      catalogPlugin,
      entityProviderModule(options.entities),
      perPluginDatabases(options.databases, options.databaseId, new Map()),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      probe,
    ],
  };
}
