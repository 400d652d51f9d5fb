import {
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
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
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { dsommAttestationCreatePermission } from '@dsomm/plugin-dsomm-common';
import request from 'supertest';
import { parse } from 'yaml';
import { catalogStackFeatures } from '../__testUtils__/catalogStack';
import { createTestDatabases } from '../__testUtils__/databases';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const LEAD = 'example.com/team-lead';
const BUILD_PROCESS = 'f6f7737f-25a9-4317-8de2-09bf59f29b5b';

const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const userEntityRef: string = credentials.principal.userEntityRef;
      return { userEntityRef, ownershipEntityRefs: [userEntityRef] };
    },
  }),
});

/**
 * A group's lead (an annotation) records evidence for it; groups labelled hidden are visible
 * to their lead only. Both decided by the catalog on the group entity.
 */
class TeamLeadPolicy {
  async handle(
    query: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const lead = catalogConditions.hasAnnotation({
      annotation: LEAD,
      value: user?.info.userEntityRef ?? '',
    });
    const { permission } = query;
    if (isPermission(permission, catalogEntityReadPermission)) {
      return createCatalogConditionalDecision(permission, {
        anyOf: [{ not: catalogConditions.hasLabel({ label: 'hidden' }) }, lead],
      });
    }
    if (
      isResourcePermission(permission, 'catalog-entity') &&
      isPermission(permission, dsommAttestationCreatePermission)
    ) {
      return createCatalogConditionalDecision(permission, lead);
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

const policyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'dsomm-progress-test-policy',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new TeamLeadPolicy());
      },
    });
  },
});

function group(name: string, lead: string, hidden = false): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      namespace: 'default',
      annotations: { [LEAD]: lead },
      ...(hidden ? { labels: { hidden: 'true' } } : {}),
    },
    spec: { type: 'team', children: [] },
  };
}

const entities = [
  group('team-a', ALICE),
  group('team-b', BOB),
  group('secret-team', BOB, true),
];

const progressFile = (...teams: string[]) =>
  `progress:\n  ${BUILD_PROCESS}:\n${teams
    .map(t => `    ${t}:\n      Implemented: 2025-05-01\n`)
    .join('')}`;

async function startPortal(databaseId: Parameters<typeof databases.init>[0]) {
  const stack = catalogStackFeatures({
    databases,
    databaseId,
    entities,
    config: { permission: { enabled: true } },
    extra: [permissionPlugin, policyModule, userInfoFactory],
  });
  const { server } = await startTestBackend({ features: stack.features });
  // The catalog processes the provided entities in the background: wait for all of them.
  for (const { metadata } of entities) {
    for (;;) {
      const res = await request(server)
        .get(`/api/catalog/entities/by-name/group/default/${metadata.name}`)
        .set('Authorization', mockCredentials.service.header());
      if (res.status === 200) break;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
  return { server, knex: await stack.dsommKnex() };
}

const importAs = (server: any, user: string, body: string) =>
  request(server)
    .post('/api/dsomm/progress/import')
    .set('Authorization', mockCredentials.user.header(user))
    .set('Content-Type', 'application/yaml')
    .send(body);

const exportAs = (server: any, user: string, query = '') =>
  request(server)
    .get(`/api/dsomm/progress/export${query}`)
    .set('Authorization', mockCredentials.user.header(user));

describe.each(databases.eachSupportedId())(
  'DSOMM progress permissions and visibility with the real permission backend and catalog on %p',
  databaseId => {
    it('imports only for groups the caller may write, and exports only groups the caller can read', async () => {
      const { server, knex } = await startPortal(databaseId);
      const storedRefs = async () =>
        (await knex('dsomm_evidence').select('entity_ref'))
          .map(r => r.entity_ref)
          .sort();

      // Alice leads team-a, not team-b: the whole file is refused, naming team-b.
      const denied = await importAs(
        server,
        ALICE,
        progressFile('team-a', 'team-b'),
      );
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        'Missing permission dsomm.attestation.create for group:default/team-b',
      );
      expect(await storedRefs()).toEqual([]);

      expect(
        (await importAs(server, ALICE, progressFile('team-a'))).status,
      ).toBe(200);
      const bob = await importAs(
        server,
        BOB,
        progressFile('team-b', 'secret-team'),
      );
      expect(bob.status).toBe(200);
      expect(
        bob.body.imported.map((e: any) => (e.attestationId ? e.groupRef : '')),
      ).toEqual(['group:default/team-b', 'group:default/secret-team']);
      expect(await storedRefs()).toEqual([
        'group:default/secret-team',
        'group:default/team-a',
        'group:default/team-b',
      ]);

      // The hidden group is exported to its lead only.
      const teamsOf = async (user: string) =>
        Object.keys(
          parse((await exportAs(server, user)).text).progress[BUILD_PROCESS],
        ).sort();
      expect(await teamsOf(ALICE)).toEqual(['team-a', 'team-b']);
      expect(await teamsOf(BOB)).toEqual(['secret-team', 'team-a', 'team-b']);
      expect((await exportAs(server, ALICE, '?group=secret-team')).status).toBe(
        404,
      );
      expect((await exportAs(server, BOB, '?group=secret-team')).status).toBe(
        200,
      );
    });
  },
);
