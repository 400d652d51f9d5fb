import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { DsommBackendConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { ScoringService } from '../service/ScoringService';

/**
 * A ScoringService over `store` that reads `entities` from a mock catalog, with the built-in
 * model, a mock logger and, when given, a clock.
 */
export function scoringOver(options: {
  store: DsommStore;
  entities: Entity[];
  config: DsommBackendConfig;
  now?: () => Date;
}): ScoringService {
  return new ScoringService({
    model: getBuiltInModel(),
    config: options.config,
    store: options.store,
    catalog: catalogServiceMock({ entities: options.entities }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
    ...(options.now ? { now: options.now } : {}),
  });
}
