import {
  BackendFeature,
  BackstageCredentials,
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { dsommPlugin } from '../plugin';
import { testConfig } from './entities';

/**
 * A DSOMM test backend in which one user, "the caller" (any user but `admin`), sees only part
 * of the catalog: the catalog answers the caller's credentials with the `visibleToCaller`
 * entities and every other principal (the admin, the plugin itself) with all of them, and the
 * caller's conditional permission decisions are `policy.decision` (changeable by the test;
 * ALLOW unless `decision` is given). Every other permission is allowed.
 */
export async function startCallerViewBackend(options: {
  knex: Knex;
  entities: Entity[];
  visibleToCaller: (entity: Entity) => boolean;
  admin: string;
  decision?: PolicyDecision;
  /** More features, e.g. the real actions registry. */
  features?: BackendFeature[];
}) {
  const { knex, entities, admin } = options;
  const full = catalogServiceMock({ entities });
  const restricted = catalogServiceMock({
    entities: entities.filter(options.visibleToCaller),
  });
  const isCaller = (credentials?: BackstageCredentials) => {
    const principal = credentials?.principal as
      | BackstageUserPrincipal
      | undefined;
    return principal?.type === 'user' && principal.userEntityRef !== admin;
  };
  const catalog = new Proxy(full, {
    get(target, prop) {
      const method = (target as any)[prop];
      if (typeof method !== 'function') return method;
      return (...args: any[]) => {
        const credentials = args[args.length - 1]?.credentials;
        return ((isCaller(credentials) ? restricted : full) as any)[prop](
          ...args,
        );
      };
    },
  });
  const policy: { decision: PolicyDecision } = {
    decision: options.decision ?? { result: AuthorizeResult.ALLOW },
  };
  const { server } = await startTestBackend({
    features: [
      dsommPlugin,
      mockServices.rootConfig.factory({ data: testConfig }),
      mockServices.database.factory({ knex }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
      createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () => ({
          authorize: async (requests: any[]) =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })),
          authorizeConditional: async (
            requests: any[],
            { credentials }: { credentials: BackstageCredentials },
          ) =>
            requests.map(() =>
              isCaller(credentials)
                ? policy.decision
                : { result: AuthorizeResult.ALLOW },
            ),
        }),
      }),
      ...(options.features ?? []),
    ],
  });
  return { server, policy };
}

/**
 * A conditional catalog decision that hides what `groupRef` owns, as a catalog permission
 * policy may say: the caller of a `startCallerViewBackend` sees everything else.
 */
export function hidingOwnedBy(groupRef: string): PolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'catalog',
    resourceType: 'catalog-entity',
    conditions: {
      not: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: [groupRef] },
      },
    },
  };
}
