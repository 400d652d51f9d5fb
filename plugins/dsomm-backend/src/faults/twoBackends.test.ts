import fs from 'fs';
import path from 'path';
import { Knex } from 'knex';
import { createServiceFactory } from '@backstage/backend-plugin-api';
// The real scheduler, whose global tasks take a lock in the database. It is a dependency of
// @backstage/backend-test-utils, not declared by this package (whose package.json this fault
// suite may not change); the mock scheduler of the test backend has no shared lock.
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { dsommPlugin } from '../plugin';
import { createTestDatabases } from '../__testUtils__/databases';
import { component, testConfig } from '../__testUtils__/entities';
import { dsommTestFeatures } from '../__testUtils__/backend';

jest.setTimeout(180_000);

/**
 * Two replicas of the backend on ONE PostgreSQL database, as in a scaled deployment: both get
 * the same knex (`mockServices.database`), so the plugin's tables and the scheduler's tables
 * are shared.
 */
const databases = createTestDatabases();
const postgres = databases
  .eachSupportedId()
  .some(([id]) => id === 'POSTGRES_15');
const user = mockCredentials.user.header();

const COMPONENTS = 10;
const nameOf = (i: number) => `replica-${i}`;
const base = fs
  .readFileSync(
    path.resolve(__dirname, '../reports/__fixtures__/semgrep/empty.json'),
    'utf8',
  )
  .trimEnd();
/** A real Semgrep report; the amount of trailing whitespace makes it a distinct report. */
const bodyFor = (variant: number) => `${base}${' '.repeat(variant + 1)}\n`;

async function startReplica(knex: Knex) {
  const { server } = await startTestBackend({
    features: dsommTestFeatures({
      knex,
      // Every upload of a test is in flight at once: let them all wait for the parse worker.
      config: {
        ...testConfig,
        dsomm: {
          ...testConfig.dsomm,
          reports: { parse: { maxQueue: COMPONENTS * 10 } },
        },
      },
      entities: Array.from({ length: COMPONENTS }, (_, i) =>
        component(nameOf(i), { owner: 'team-a' }),
      ),
    }),
  });
  return server;
}

const upload = (
  server: Parameters<typeof request>[0],
  name: string,
  body: string,
) =>
  request(server)
    .post(`/api/dsomm/reports?entity=component:default/${name}&format=semgrep`)
    .set('Authorization', user)
    .set('Content-Type', 'application/octet-stream')
    .send(body);

(postgres ? describe : describe.skip)(
  'two backends on one PostgreSQL database',
  () => {
    let knex: Knex;
    let servers: Array<Parameters<typeof request>[0]>;
    const count = async () =>
      Number((await knex('dsomm_reports').count({ n: '*' }))[0].n);

    beforeAll(async () => {
      knex = await databases.init('POSTGRES_15');
      // Both replicas start at once on a fresh database: both run the migrations.
      servers = await Promise.all([startReplica(knex), startReplica(knex)]);
    });

    it('stores a report uploaded to both replicas at once exactly once', async () => {
      // For each component, bodies 0..4 each go to both replicas at the same time.
      const pairs = await Promise.all(
        Array.from({ length: COMPONENTS * 5 }, (_, n) => {
          const name = nameOf(n % COMPONENTS);
          const body = bodyFor(Math.floor(n / COMPONENTS));
          return Promise.all(servers.map(s => upload(s, name, body)));
        }),
      );
      for (const [a, b] of pairs) {
        expect([a.status, b.status].sort()).toEqual([200, 201]);
        expect(b.body.id).toBe(a.body.id);
      }
      expect(await count()).toBe(COMPONENTS * 5);
    });

    it('loses no distinct report uploaded to either replica, and both serve scores computed after the last of them', async () => {
      const before = await count();
      // Bodies 5..14 of each component, alternately to one replica and the other; a
      // component's uploads are sent next to each other so that they overlap.
      const responses = await Promise.all(
        Array.from({ length: COMPONENTS * 10 }, (_, n) =>
          upload(
            servers[n % 2],
            nameOf(Math.floor(n / 10)),
            bodyFor(5 + (n % 10)),
          ),
        ),
      );
      for (const res of responses) expect(res.status).toBe(201);
      expect(await count()).toBe(before + COMPONENTS * 10);

      for (let i = 0; i < COMPONENTS; i++) {
        const ref = `component/default/${nameOf(i)}`;
        const all = (await knex('dsomm_reports')
          .where({ entity_ref: `component:default/${nameOf(i)}` })
          .orderBy([
            { column: 'uploaded_at', order: 'desc' },
            { column: 'id', order: 'desc' },
          ])
          .pluck('id')) as string[];
        expect(all).toHaveLength(15);
        for (const server of servers) {
          const list = await request(server)
            .get(`/api/dsomm/entities/${ref}/reports`)
            .set('Authorization', user);
          expect(list.body.reports.map((r: any) => r.id).sort()).toEqual(
            [...all].sort(),
          );
          const score = await request(server)
            .get(`/api/dsomm/entities/${ref}`)
            .set('Authorization', user);
          const evidenced = new Set<string>(
            score.body.activities.flatMap((a: any) =>
              a.evidence
                .filter((e: any) => e.source === 'report')
                .map((e: any) => e.details.reportId),
            ),
          );
          // Only a tool's latest upload counts: a score that missed an upload names an
          // earlier report.
          expect({ ref, evidenced: [...evidenced] }).toEqual({
            ref,
            evidenced: [all[0]],
          });
        }
      }
    });
  },
);

interface Run {
  replica: number;
  start: number;
  end: number;
}

/**
 * A replica with the real scheduler running `dsomm-recompute` every second. Its catalog records
 * when each recompute reads it (every streamEntities call belongs to a recompute) and is slow,
 * so that a second run started meanwhile would overlap.
 */
async function startScheduledReplica(knex: Knex, replica: number, runs: Run[]) {
  const entities: Entity[] = Array.from({ length: COMPONENTS }, (_, i) =>
    component(nameOf(i), { owner: 'team-a' }),
  );
  const catalog = catalogServiceMock({ entities });
  const stream = catalog.streamEntities.bind(catalog);
  catalog.streamEntities = ((...args: Parameters<typeof stream>) =>
    (async function* recorded() {
      const run: Run = { replica, start: Date.now(), end: Infinity };
      runs.push(run);
      try {
        await new Promise(resolve => setTimeout(resolve, 300));
        yield* stream(...args);
      } finally {
        run.end = Date.now();
      }
    })()) as typeof catalog.streamEntities;
  return startTestBackend({
    features: [
      dsommPlugin,
      mockServices.rootConfig.factory({
        data: {
          ...testConfig,
          dsomm: {
            ...testConfig.dsomm,
            schedule: {
              frequency: { seconds: 1 },
              timeout: { seconds: 5 },
              initialDelay: { milliseconds: 100 },
            },
          },
        },
      }),
      mockServices.database.factory({ knex }),
      schedulerServiceFactory,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: async () => catalog,
      }),
    ],
  });
}

(postgres ? describe : describe.skip)(
  'the global recompute task with two backends on one PostgreSQL database',
  () => {
    it('never runs on both replicas at once, and moves to the other when one stops', async () => {
      const knex = await databases.init('POSTGRES_15');
      const runs: Run[] = [];
      // One after the other: Backstage's own scheduler tables are created without a lock, so
      // two at once can race there (the plugin's own migrations are covered in replicas.test.ts).
      const backends = [
        await startScheduledReplica(knex, 0, runs),
        await startScheduledReplica(knex, 1, runs),
      ];
      // Until the condition holds, the test's timeout being the one limit: a fixed budget runs
      // out on a loaded machine.
      const waitFor = async (done: () => boolean) => {
        while (!done()) {
          await new Promise(resolve => setTimeout(resolve, 100));
        }
      };
      const finished = () => runs.filter(r => r.end !== Infinity);
      // at least five recomputes (two catalog reads each)
      await waitFor(() => finished().length >= 10);
      expect(finished().length).toBeGreaterThanOrEqual(10);

      // Then the replica that ran most stops: the other, held off only by the lock it shares
      // through the database, takes the task over.
      const busiest =
        runs.filter(r => r.replica === 0).length >=
        runs.filter(r => r.replica === 1).length
          ? 0
          : 1;
      await backends[busiest].stop();
      const stoppedAt = Date.now();
      await waitFor(() =>
        finished().some(r => r.replica !== busiest && r.start >= stoppedAt),
      );
      expect(
        finished().some(r => r.replica !== busiest && r.start >= stoppedAt),
      ).toBe(true);

      // Each recompute reads the catalog twice, one read after the other: any two reads
      // overlapping in time would be two recomputes running at once.
      const sorted = finished().sort((a, b) => a.start - b.start);
      const overlaps = sorted.filter(
        (r, i) => i > 0 && r.start < sorted[i - 1].end,
      );
      expect(overlaps).toEqual([]);
    });
  },
);
