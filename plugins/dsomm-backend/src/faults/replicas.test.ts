import fs from 'fs';
import path from 'path';
import { Worker } from 'worker_threads';
import knexFactory, { Knex } from 'knex';
import {
  mockCredentials,
  startTestBackend,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { MIGRATION_LOCK_KEY } from '../database/DsommStore';
import { createTestDatabases } from '../__testUtils__/databases';
import { dsommTestFeatures } from '../__testUtils__/backend';
import { component } from '../__testUtils__/entities';

jest.setTimeout(300_000);

const databases = createTestDatabases();
const user = mockCredentials.user.header();
const directory = path.resolve(__dirname, '../../migrations');
const migrationFiles = fs
  .readdirSync(directory)
  .filter(f => f.endsWith('.js'))
  .sort();

/** Threads spinning on every core until stopped: the machine is as slow as it gets. */
function busyCpu(threads: number): () => Promise<void> {
  const workers = Array.from(
    { length: threads },
    () => new Worker('for (;;) {}', { eval: true }),
  );
  return async () => {
    await Promise.all(workers.map(w => w.terminate()));
  };
}

/** Waits until `condition` holds; the jest timeout is the only limit. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) {
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

/**
 * A knex of its own per replica on PostgreSQL, as separate processes would have (own pool, own
 * sessions); SQLite's in-memory database exists only in its one knex.
 */
function replicaKnex(databaseId: TestDatabaseId, knex: Knex): Knex {
  return databaseId === 'POSTGRES_15'
    ? knexFactory({ ...knex.client.config })
    : knex;
}

async function startReplica(knex: Knex) {
  const { server } = await startTestBackend({
    features: dsommTestFeatures({
      knex,
      entities: [component('replicated', { owner: 'team-a' })],
    }),
  });
  return server;
}

/** The migrations recorded as done, and whether knex's migration lock is free. */
async function migrationState(knex: Knex) {
  return {
    done: ((await knex('knex_migrations').pluck('name')) as string[]).sort(),
    locked: (await knex('knex_migrations_lock').pluck('is_locked')).map(Number),
  };
}

describe.each(databases.eachSupportedId())('replicas on %p', databaseId => {
  it('three replicas starting together on a fresh database while the CPU is busy all come up with the whole schema', async () => {
    const knex = await databases.init(databaseId);
    const knexes = [0, 1, 2].map(() => replicaKnex(databaseId, knex));
    const stopCpu = busyCpu(2);
    try {
      const servers = await Promise.all(knexes.map(startReplica));
      for (const server of servers) {
        const res = await request(server)
          .post('/api/dsomm/entities/component/default/replicated/refresh')
          .set('Authorization', user);
        expect(res.status).toBe(200);
      }
    } finally {
      await stopCpu();
      await Promise.all(knexes.filter(k => k !== knex).map(k => k.destroy()));
    }
    expect(await migrationState(knex)).toEqual({
      done: migrationFiles,
      locked: [0],
    });
    expect(await knex('dsomm_scores').pluck('entity_ref')).toEqual([
      'component:default/replicated',
    ]);
  });

  it('starts when a process killed while migrating left the migration lock taken', async () => {
    const knex = await databases.init(databaseId);
    // Two migrations done, then the lock row left taken, as knex leaves it when the process
    // dies between taking and freeing it.
    await knex.migrate.up({ directory });
    await knex.migrate.up({ directory });
    await knex('knex_migrations_lock').update({ is_locked: 1 });
    // knex alone refuses to migrate from here.
    const plain = await knex.migrate.latest({ directory }).then(
      () => 'migrated',
      (error: Error) => error.name,
    );
    expect(plain).toBe('MigrationLocked');

    const server = await startReplica(knex);
    const res = await request(server)
      .get('/api/dsomm/entities/component/default/replicated')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(await migrationState(knex)).toEqual({
      done: migrationFiles,
      locked: [0],
    });
  });
});

const postgres = databases
  .eachSupportedId()
  .some(([id]) => id === 'POSTGRES_15');

// CI always configures PostgreSQL (and sets DSOMM_REQUIRE_POSTGRES), so this always runs there.
(postgres ? describe : describe.skip)('replicas on PostgreSQL', () => {
  it('waits for as long as another replica migrates, then comes up', async () => {
    const id: TestDatabaseId = 'POSTGRES_15';
    const knex = await databases.init(id);
    const other = replicaKnex(id, knex);
    // Another replica holds the migration lock (its session is migrating).
    const holder = await knex.transaction();
    try {
      await holder.raw('select pg_advisory_xact_lock(?, 0)', [
        MIGRATION_LOCK_KEY,
      ]);
      let started = false;
      const starting = startReplica(other).then(server => {
        started = true;
        return server;
      });
      // The new replica is waiting on the lock, not failing or giving up.
      await until(
        async () =>
          (
            await knex('pg_locks').where({
              locktype: 'advisory',
              granted: false,
            })
          ).length > 0,
      );
      expect(started).toBe(false);
      await holder.commit();
      const server = await starting;
      const res = await request(server)
        .get('/api/dsomm/model')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect((await migrationState(knex)).done).toEqual(migrationFiles);
    } finally {
      if (!holder.isCompleted()) await holder.rollback();
      await other.destroy();
    }
  });
});
