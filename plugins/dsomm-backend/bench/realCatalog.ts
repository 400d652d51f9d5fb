import http from 'http';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { Knex } from 'knex';
import { entityProviderModule } from '../src/__testUtils__/catalogStack';
import { SCORED_KINDS } from '../src/service/ScoringService';
import { SCORED_ENTITY_FIELDS } from '../src/service/catalogFields';
import { SyntheticOrg } from './syntheticOrg';

/** What the plugin read from the catalog: JSON bytes and pages of entities. */
export interface CatalogReads {
  bytes: number;
  pages: number;
}

/**
 * The catalog service as a plugin is given it, asked for whole entities (`full`: the `fields`
 * the plugin passes are dropped) or for the listed fields as the plugin asks, and counting
 * the JSON bytes of the entities it answers with.
 */
export function measuredCatalog(
  catalog: CatalogService,
  fields: 'listed' | 'full',
): { catalog: CatalogService; reads: CatalogReads } {
  const reads: CatalogReads = { bytes: 0, pages: 0 };
  const request = <R extends { fields?: string[] }>(r: R): R => {
    if (fields === 'listed') return r;
    const { fields: _dropped, ...rest } = r;
    return rest as R;
  };
  const count = (entities: Array<Entity | undefined>) => {
    reads.pages += 1;
    reads.bytes += Buffer.byteLength(JSON.stringify(entities));
  };
  const wrapped: Partial<CatalogService> = {
    async *streamEntities(r, options) {
      for await (const page of catalog.streamEntities(
        r && request(r),
        options,
      )) {
        count(page);
        yield page;
      }
    },
    async getEntitiesByRefs(r, options) {
      const answer = await catalog.getEntitiesByRefs(request(r), options);
      count(answer.items);
      return answer;
    },
  };
  return {
    reads,
    catalog: new Proxy(catalog, {
      get(target, property) {
        if (Object.hasOwn(wrapped, property)) {
          return wrapped[property as keyof CatalogService];
        }
        const value = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }),
  };
}

/** One pass over the components as the recompute streams them: seconds, bytes and pages. */
export async function timeComponentRead(
  catalog: CatalogService,
  fields: 'listed' | 'full',
): Promise<{ ms: number } & CatalogReads> {
  const measured = measuredCatalog(catalog, fields);
  const credentials = await mockServices.auth().getOwnServiceCredentials();
  const started = performance.now();
  for await (const _page of measured.catalog.streamEntities(
    { filter: { kind: SCORED_KINDS }, fields: SCORED_ENTITY_FIELDS },
    { credentials },
  )) {
    // Only read: counted by the measured catalog.
  }
  return { ms: performance.now() - started, ...measured.reads };
}

/**
 * Starts the real catalog backend with the synthetic org in its database `knex` (fed by an
 * entity provider, as an org's catalog is), and waits until it has processed every entity.
 * Returns the catalog service as the DSOMM plugin is given it: over HTTP, as in a portal.
 */
export async function startRealCatalog(
  org: SyntheticOrg,
  knex: Knex,
): Promise<{
  catalog: CatalogService;
  loadMs: number;
  stop: () => Promise<void>;
}> {
  const entities: Entity[] = [...org.groups, ...org.systems, ...org.domains];
  for (let i = 0; i < org.size; i++) entities.push(org.component(i));
  let catalog: CatalogService | undefined;
  const probe = createBackendPlugin({
    pluginId: 'bench-probe',
    register(env) {
      env.registerInit({
        deps: { service: catalogServiceRef },
        async init({ service }) {
          catalog = service;
        },
      });
    },
  });
  // Node's default agent keeps connections alive, and a batch written on SQLite (whose driver
  // is synchronous) can hold the event loop past the server's keep-alive timeout: the next
  // page's request then goes out on a socket the server has closed and fails with ECONNRESET.
  http.globalAgent = new http.Agent({ keepAlive: false });
  const started = performance.now();
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      entityProviderModule(entities),
      mockServices.database.factory({ knex }),
      // Not processed again during the run: the figures are the plugin's, not the refresh loop's.
      mockServices.rootConfig.factory({
        data: { catalog: { processingInterval: { hours: 1 } } },
      }),
      mockServices.rootLogger.factory({ level: 'error' }),
      probe,
    ],
  });
  const credentials = await mockServices.auth().getOwnServiceCredentials();
  // Processing runs in the background: wait until every entity can be read.
  for (;;) {
    const { totalItems } = await catalog!.queryEntities(
      {
        filter: { kind: ['Group', 'System', 'Domain', 'Component'] },
        limit: 1,
      },
      { credentials },
    );
    if (totalItems >= entities.length) break;
    if (Math.round(performance.now() - started) % 10_000 < 1000) {
      console.error(`the catalog has ${totalItems} of ${entities.length}`);
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
  return {
    catalog: catalog!,
    loadMs: performance.now() - started,
    stop: () => backend.stop(),
  };
}
