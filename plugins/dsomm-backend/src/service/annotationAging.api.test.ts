import {
  TestDatabaseId,
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';
import request from 'supertest';
import { dsommTestFeatures } from '../__testUtils__/backend';
import { createTestDatabases } from '../__testUtils__/databases';
import { component, testConfig } from '../__testUtils__/entities';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const SECRETS = 'c6e3c812-56e2-41b0-ae01-b7afc41a004c';
const IMPLEMENTED = 'dsomm.owasp.org/implemented';
const DAY_MS = 24 * 60 * 60 * 1000;
const user = mockCredentials.user.header();
const t0 = new Date('2026-01-01T10:00:00Z');

/** The plugin reads the time from `Date`: only it is faked, the timers the backend uses stay real. */
function fakeClock() {
  jest.useFakeTimers({
    now: t0,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  return (days: number) =>
    jest.setSystemTime(new Date(t0.getTime() + days * DAY_MS));
}

async function startBackend(knex: Knex, entities: Entity[]) {
  return startTestBackend({
    features: dsommTestFeatures({
      knex,
      entities,
      config: {
        dsomm: {
          ...testConfig.dsomm,
          evidence: { maxAgeDays: { annotation: 30 } },
        },
      },
    }),
  });
}

async function refreshedStatus(backend: { server: any }) {
  const res = await request(backend.server)
    .post('/api/dsomm/entities/component/default/x/refresh')
    .set('Authorization', user);
  expect(res.status).toBe(200);
  const activity = res.body.activities.find(
    (a: { activityId: string }) => a.activityId === SECRETS,
  );
  return {
    status: activity.status as string,
    observedAt: activity.evidence[0]?.observedAt as string | undefined,
  };
}

describe.each(databases.eachSupportedId())(
  'annotation evidence age through the REST API on %p',
  (databaseId: TestDatabaseId) => {
    afterEach(() => jest.useRealTimers());

    it('turns an unchanged annotation stale past maxAgeDays.annotation and a changed one fresh', async () => {
      const knex = await databases.init(databaseId);
      const at = fakeClock();
      const first = await startBackend(knex, [
        component('x', { owner: 'team-a' }, { [IMPLEMENTED]: SECRETS }),
      ]);
      try {
        expect(await refreshedStatus(first)).toEqual({
          status: 'implemented',
          observedAt: t0.toISOString(),
        });
        at(31);
        expect(await refreshedStatus(first)).toEqual({
          status: 'stale',
          observedAt: t0.toISOString(),
        });
      } finally {
        await first.stop();
      }

      // The catalog now has another value: a new backend on the same database sees it.
      const second = await startBackend(knex, [
        component(
          'x',
          { owner: 'team-a' },
          { [IMPLEMENTED]: `${SECRETS}, version-control` },
        ),
      ]);
      try {
        expect(await refreshedStatus(second)).toEqual({
          status: 'implemented',
          observedAt: new Date(t0.getTime() + 31 * DAY_MS).toISOString(),
        });
      } finally {
        await second.stop();
      }
    });
  },
);
