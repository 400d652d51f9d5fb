import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { DsommBackendConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { ScoringService } from '../service/ScoringService';

/**
 * A ScoringService over `store` with the built-in model and the mock auth service, reading
 * `entities` from a mock catalog (or the given `catalog`), with a mock logger unless one is
 * given and, when given, a clock and a follow-up of each full recompute.
 */
export function scoringOver(
  options: {
    store: DsommStore;
    config: DsommBackendConfig;
    now?: () => Date;
    logger?: LoggerService;
    onRecomputed?: (day: string) => Promise<unknown>;
  } & ({ entities: Entity[] } | { catalog: CatalogService }),
): ScoringService {
  return new ScoringService({
    model: getBuiltInModel(),
    config: options.config,
    store: options.store,
    catalog:
      'catalog' in options
        ? options.catalog
        : catalogServiceMock({ entities: options.entities }),
    auth: mockServices.auth(),
    logger: options.logger ?? mockServices.logger.mock(),
    ...(options.now ? { now: options.now } : {}),
    ...(options.onRecomputed ? { onRecomputed: options.onRecomputed } : {}),
  });
}
