import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  dsommAttestationCreatePermission,
  dsommWaiverManagePermission,
} from '@dsomm/plugin-dsomm-common';
import permissionPlugin from '@backstage/plugin-permission-backend';
import request from 'supertest';
import { catalogStackFeatures } from '../__testUtils__/catalogStack';
import { createTestDatabases } from '../__testUtils__/databases';
import { component } from '../__testUtils__/entities';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const SAM = 'user:default/sam';
const SECURITY = 'group:default/security';

/** Sam is in the security group; everyone else owns only what names them as owner. */
const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const userEntityRef: string = credentials.principal.userEntityRef;
      return {
        userEntityRef,
        ownershipEntityRefs:
          userEntityRef === SAM ? [SAM, SECURITY] : [userEntityRef],
      };
    },
  }),
});

/**
 * The policy under test: owners attest and waive their own entities, the security group
 * waives anywhere; entities labelled hidden are visible to their owners only.
 */
class OwnershipPolicy {
  async handle(
    query: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const claims = user?.info.ownershipEntityRefs ?? [];
    const owner = catalogConditions.isEntityOwner({ claims });
    if (isResourcePermission(query.permission, 'catalog-entity')) {
      if (
        isPermission(query.permission, dsommWaiverManagePermission) &&
        claims.includes(SECURITY)
      ) {
        return { result: AuthorizeResult.ALLOW };
      }
      if (query.permission.name.startsWith('dsomm.')) {
        return createCatalogConditionalDecision(query.permission, owner);
      }
      if (query.permission.name === 'catalog.entity.read') {
        return createCatalogConditionalDecision(query.permission, {
          anyOf: [
            { not: catalogConditions.hasLabel({ label: 'hidden' }) },
            owner,
          ],
        });
      }
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

const policyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'dsomm-test-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new OwnershipPolicy());
      },
    });
  },
});

const hidden = component('secret-service', { owner: BOB });
hidden.metadata.labels = { hidden: 'true' };
const entities = [
  component('alice-service', { owner: ALICE }),
  component('bob-service', { owner: BOB }),
  hidden,
];

async function startPortal(databaseId: Parameters<typeof databases.init>[0]) {
  const stack = catalogStackFeatures({
    databases,
    databaseId,
    entities,
    config: { permission: { enabled: true } },
    extra: [permissionPlugin, policyModule, userInfoFactory],
  });
  const backend = await startTestBackend({ features: stack.features });
  const server = backend.server;
  // The catalog processes the provided entities in the background: wait for all of them,
  // with their ownership relations, which the ownership rule reads.
  for (const { metadata } of entities) {
    for (;;) {
      const res = await request(server)
        .get(`/api/catalog/entities/by-name/component/default/${metadata.name}`)
        .set('Authorization', mockCredentials.service.header());
      if (res.status === 200 && res.body.relations?.length) break;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
  return { server, knex: await stack.dsommKnex() };
}

const attest = (server: any, user: string, name: string) =>
  request(server)
    .post(`/api/dsomm/entities/component/default/${name}/attestations`)
    .set('Authorization', mockCredentials.user.header(user))
    .send({ activity: 'defined-build-process', comment: 'Reviewed' });

const waive = (server: any, user: string, name: string) =>
  request(server)
    .post(`/api/dsomm/entities/component/default/${name}/waivers`)
    .set('Authorization', mockCredentials.user.header(user))
    .send({ activity: 'blue-green-deployment', justification: 'Batch job' });

describe.each(databases.eachSupportedId())(
  'DSOMM resource permissions with the real permission backend and catalog on %p',
  databaseId => {
    it('lets owners attest and waive their own components only, and the security group waive anywhere', async () => {
      const { server, knex } = await startPortal(databaseId);
      const stored = async (table: string) =>
        (await knex(table).select('entity_ref')).map(r => r.entity_ref).sort();

      // Owners: allowed on their own component, 403 on another's (the catalog decided).
      expect((await attest(server, ALICE, 'alice-service')).status).toBe(201);
      const denied = await attest(server, ALICE, 'bob-service');
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        `Missing permission ${dsommAttestationCreatePermission.name}`,
      );
      expect((await waive(server, ALICE, 'alice-service')).status).toBe(201);
      expect((await waive(server, ALICE, 'bob-service')).status).toBe(403);

      // Security: waives anywhere, but attests nothing it does not own.
      expect((await waive(server, SAM, 'bob-service')).status).toBe(201);
      expect((await attest(server, SAM, 'bob-service')).status).toBe(403);

      // An entity hidden from the caller, or none at all, is denied alike: nothing revealed.
      expect((await attest(server, ALICE, 'secret-service')).status).toBe(403);
      expect((await attest(server, ALICE, 'no-such-service')).status).toBe(403);
      expect((await attest(server, BOB, 'secret-service')).status).toBe(201);

      expect(await stored('dsomm_evidence')).toEqual([
        'component:default/alice-service',
        'component:default/secret-service',
      ]);
      expect(await stored('dsomm_waivers')).toEqual([
        'component:default/alice-service',
        'component:default/bob-service',
      ]);
    });

    it('still answers 404 to a user reading a component the catalog hides from them', async () => {
      const { server } = await startPortal(databaseId);
      const read = (user: string) =>
        request(server)
          .get('/api/dsomm/entities/component/default/secret-service')
          .set('Authorization', mockCredentials.user.header(user));
      expect((await read(ALICE)).status).toBe(404);
      expect((await read(BOB)).status).toBe(200);
    });
  },
);
