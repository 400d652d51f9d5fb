import fs from 'fs';
import os from 'os';
import path from 'path';
import knexFactory, { Knex } from 'knex';
import { Db } from './options';

/** Where one side's run keeps its data: a SQLite file or a PostgreSQL database of its own. */
export type DatabaseLocation =
  | { db: 'sqlite'; filename: string }
  | { db: 'postgres'; url: string; name: string };

function postgresUrl(): string {
  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!url) {
    throw new Error(
      'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set',
    );
  }
  return url;
}

/** Creates a fresh, empty database for one run; `drop` removes it afterwards. */
export async function createDatabase(
  db: Db,
  label: string,
): Promise<{ location: DatabaseLocation; drop: () => Promise<void> }> {
  if (db === 'sqlite') {
    const dir = fs.mkdtempSync(
      path.join(os.tmpdir(), `bench-compare-${label}-`),
    );
    return {
      location: { db, filename: path.join(dir, 'bench.sqlite') },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const url = postgresUrl();
  const name = `bench_compare_${label}_${process.pid}_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection: url });
  try {
    await admin.raw('CREATE DATABASE ??', [name]);
  } finally {
    await admin.destroy();
  }
  return {
    location: { db, url, name },
    drop: async () => {
      const dropper = knexFactory({ client: 'pg', connection: url });
      try {
        await dropper.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      } finally {
        await dropper.destroy();
      }
    },
  };
}

/** A connection to a database made by `createDatabase`. */
export function connect(location: DatabaseLocation): Knex {
  if (location.db === 'sqlite') {
    return knexFactory({
      client: 'better-sqlite3',
      connection: { filename: location.filename },
      useNullAsDefault: true,
    });
  }
  return knexFactory({
    client: 'pg',
    connection: `${location.url.replace(/\/$/, '')}/${location.name}`,
  });
}
