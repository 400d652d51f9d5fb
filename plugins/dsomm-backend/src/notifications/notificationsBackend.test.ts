import { randomUUID } from 'crypto';
import request from 'supertest';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { dsommPlugin } from '../plugin';
import { DsommStore } from '../database/DsommStore';
import { createTestDatabases } from '../__testUtils__/databases';
import { component, testConfig } from '../__testUtils__/entities';

jest.setTimeout(180_000);

const databases = createTestDatabases();
const model = getBuiltInModel();
const DAY_MS = 24 * 60 * 60 * 1000;

// team-a has one member, alice; bob is in no group. The notifications backend finds a
// group's members through its hasMember relations.
const entities: Entity[] = [
  component('expiring', { owner: 'team-a' }, {}),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-a', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: 'user:default/alice' }],
  },
  ...['alice', 'bob'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: {},
  })),
];
// The catalog mock keeps relations as given; the component's owner needs its ownedBy too.
entities[0].relations = [
  { type: 'ownedBy', targetRef: 'group:default/team-a' },
];

describe.each(databases.eachSupportedId())(
  'notifications through the real notifications backend on %p',
  databaseId => {
    it("reach the owner group's members, once, and nobody else", async () => {
      const knex = await databases.init(databaseId);
      const notificationsKnex = await databases.init(databaseId);
      // The mock scheduler runs a task when asked (its type hides how).
      const scheduler = mockServices.scheduler() as unknown as {
        factory(options: { skipTaskRunOnStartup: boolean }): any;
        triggerTask(id: string): Promise<void>;
      };
      const { server } = await startTestBackend({
        features: [
          dsommPlugin,
          notificationsPlugin,
          mockServices.rootConfig.factory({
            data: {
              ...testConfig,
              app: { baseUrl: 'http://localhost:3000' },
              dsomm: { ...testConfig.dsomm, notifications: { enabled: true } },
            },
          }),
          // A database per plugin, as a real backend gives them: their migrations do not share
          // one lock table.
          createServiceFactory({
            service: coreServices.database,
            deps: { plugin: coreServices.pluginMetadata },
            factory: ({ plugin }) => ({
              getClient: async () =>
                plugin.getId() === 'notifications' ? notificationsKnex : knex,
            }),
          }),
          scheduler.factory({ skipTaskRunOnStartup: true }),
          catalogServiceMock.factory({ entities }),
        ],
      });
      const recompute = () => scheduler.triggerTask('dsomm-recompute');
      const inbox = async (user: string) => {
        const res = await request(server)
          .get('/api/notifications/notifications')
          .set('Authorization', mockCredentials.user.header(user));
        expect(res.status).toBe(200);
        return res.body.notifications as {
          origin: string;
          payload: { title: string; link?: string; topic?: string };
        }[];
      };

      await recompute();
      // An attestation that runs out in five days: inside the 14-day warning.
      const activity = model.activities[0];
      await new DsommStore(knex).insertAttestation({
        id: randomUUID(),
        entityRef: 'component:default/expiring',
        activityId: activity.id,
        comment: 'checked',
        attestedBy: 'user:default/alice',
        attestedAt: new Date(Date.now() - DAY_MS).toISOString(),
        expiresAt: new Date(Date.now() + 5 * DAY_MS).toISOString(),
      });
      await recompute();
      await recompute();

      const alice = await inbox('user:default/alice');
      expect(alice).toHaveLength(1);
      expect(alice[0]).toMatchObject({
        origin: 'plugin:dsomm',
        payload: {
          topic: 'dsomm-expiring',
          link: '/catalog/default/component/expiring/dsomm',
        },
      });
      expect(alice[0].payload.title).toContain('component:default/expiring');
      expect(await inbox('user:default/bob')).toEqual([]);
    });
  },
);
