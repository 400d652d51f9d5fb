import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Knex } from 'knex';
import { dsommPlugin } from '../plugin';
import { testCatalog, testConfig } from './entities';

/**
 * The features of a test backend running the plugin on `knex`: the test config, a mock
 * scheduler that does not run tasks at start, a mock catalog, and optionally a fixed
 * permission result.
 */
export function dsommTestFeatures(options: {
  knex: Knex;
  entities?: Entity[];
  config?: object;
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
}) {
  return [
    dsommPlugin,
    mockServices.rootConfig.factory({ data: options.config ?? testConfig }),
    mockServices.database.factory({ knex: options.knex }),
    mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
    catalogServiceMock.factory({
      entities: options.entities ?? testCatalog(),
    }),
    ...(options.permission
      ? [mockServices.permissions.factory({ result: options.permission })]
      : []),
  ];
}
