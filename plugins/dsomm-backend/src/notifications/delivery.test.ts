import knexFactory, { Knex } from 'knex';
import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { readDsommConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { CampaignService } from '../campaigns/CampaignService';
import { createTestDatabases } from '../__testUtils__/databases';
import { NotificationEvent } from './events';
import { Notifier } from './Notifier';
import { VisibilityService } from '../service/visibility';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const model = getBuiltInModel();

const event = (
  key: string,
  owner = 'group:default/team-a',
): NotificationEvent => ({
  kind: 'sla-passed',
  key,
  owner,
  entityRef: `component:default/${key}`,
  text: `finding of ${key} passed its SLA`,
  link: `/catalog/default/component/${key}/dsomm`,
  severity: 'high',
});

/** A notifications service that records what it sends, or fails while `failing` is set. */
function recorder() {
  const sent: NotificationSendOptions[] = [];
  const state = { failing: false };
  return {
    sent,
    state,
    service: {
      async send(options: NotificationSendOptions) {
        await new Promise(resolve => setImmediate(resolve));
        if (state.failing) throw new Error('notifications backend is down');
        sent.push(options);
      },
    },
  };
}

function notifier(
  store: DsommStore,
  send: ReturnType<typeof recorder>['service'],
  digest: 'weekly' | 'none',
  now: () => Date,
) {
  const config = readDsommConfig(
    new ConfigReader({ dsomm: { notifications: { enabled: true, digest } } }),
    model,
  );
  return new Notifier({
    config,
    model,
    store,
    campaigns: new CampaignService({
      store,
      model,
      now,
      // No campaigns in these tests: the catalog is never asked.
      scopes: {
        catalog: catalogServiceMock(),
        auth: mockServices.auth(),
        visibility: new VisibilityService({
          permissions: mockServices.permissions(),
          catalog: catalogServiceMock(),
        }),
        scopes: config.scopes,
      },
    }),
    notifications: send,
    logger: mockServices.logger.mock(),
    now,
  });
}

function replicaKnex(databaseId: TestDatabaseId, knex: Knex): Knex {
  return databaseId === 'POSTGRES_15'
    ? knexFactory({ ...knex.client.config })
    : knex;
}

describe.each(databases.eachSupportedId())(
  'notification delivery on %p',
  databaseId => {
    it('records an event once however often it is recorded', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      const at = '2026-11-25T10:00:00.000Z';
      expect(
        await store.recordNotifications(
          [event('a'), event('b'), event('a')],
          at,
        ),
      ).toBe(2);
      expect(
        await store.recordNotifications([event('b'), event('c')], at),
      ).toBe(1);
      // A key far longer than an index entry may be is stored by its hash.
      expect(
        await store.recordNotifications([event('x'.repeat(10_000))], at),
      ).toBe(1);
      expect(
        await store.recordNotifications([event('x'.repeat(10_000))], at),
      ).toBe(0);
    });

    it('two replicas delivering at once send each event once; a failed send is sent by a later delivery', async () => {
      const knex = await databases.init(databaseId);
      const other = replicaKnex(databaseId, knex);
      try {
        const storeA = await DsommStore.create({
          database: mockServices.database({ knex }),
        });
        const storeB = new DsommStore(other);
        const now = () => new Date('2026-11-25T12:00:00.000Z');
        const rec = recorder();
        const a = notifier(storeA, rec.service, 'none', now);
        const b = notifier(storeB, rec.service, 'none', now);
        const events = Array.from({ length: 30 }, (_, i) =>
          event(`c${i}`, `group:default/team-${i % 3}`),
        );
        await storeA.recordNotifications(events, '2026-11-25T10:00:00.000Z');

        rec.state.failing = true;
        expect(await a.deliver()).toBe(0);
        expect(rec.sent).toEqual([]);

        rec.state.failing = false;
        const [sentA, sentB] = await Promise.all([a.deliver(), b.deliver()]);
        expect(sentA + sentB).toBe(30);
        const keys = rec.sent.map(s => s.payload.scope);
        expect(new Set(keys).size).toBe(30);
        expect(await a.deliver()).toBe(0);
        expect(await b.deliver()).toBe(0);
        expect(rec.sent).toHaveLength(30);
      } finally {
        if (other !== knex) await other.destroy();
      }
    });

    it('with the weekly digest sends one message per owner group for each week that is over', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      let time = new Date('2026-11-26T12:00:00.000Z'); // Thursday of 2026-W48
      const rec = recorder();
      const weekly = notifier(store, rec.service, 'weekly', () => time);
      await store.recordNotifications(
        [event('a'), event('b'), event('c', 'group:default/team-b')],
        '2026-11-24T10:00:00.000Z',
      );
      // The week is not over: nothing yet.
      expect(await weekly.deliver()).toBe(0);

      time = new Date('2026-11-30T08:00:00.000Z'); // Monday of 2026-W49
      await store.recordNotifications([event('d')], time.toISOString());
      expect(await weekly.deliver()).toBe(2);
      const byOwner = [...rec.sent].sort((x, y) =>
        x.payload.title.localeCompare(y.payload.title),
      );
      expect(
        byOwner.map(s => [s.recipients, s.payload.title, s.payload.topic]),
      ).toEqual([
        [
          { type: 'entity', entityRef: 'group:default/team-b' },
          'DSOMM weekly digest 2026-W48: 1 event',
          'dsomm-weekly-digest',
        ],
        [
          { type: 'entity', entityRef: 'group:default/team-a' },
          'DSOMM weekly digest 2026-W48: 2 events',
          'dsomm-weekly-digest',
        ],
      ]);
      expect(byOwner[1].payload.description).toBe(
        'DSOMM: findings past their SLA (2):\n- finding of a passed its SLA\n- finding of b passed its SLA',
      );
      expect(await weekly.deliver()).toBe(0);

      time = new Date('2026-12-07T00:00:00.000Z'); // 2026-W50
      expect(await weekly.deliver()).toBe(1);
      expect(rec.sent[2].payload.title).toBe(
        'DSOMM weekly digest 2026-W49: 1 event',
      );
    });
  },
);
