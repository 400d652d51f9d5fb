import path from 'path';
import knexFactory, { Knex } from 'knex';

export type BenchDb = 'sqlite' | 'postgres';

/**
 * A fresh database for one bench process: a SQLite file `<label>.sqlite` in `dir`, or a
 * PostgreSQL database `dsomm_<label>_<pid>` on the server of
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING, dropped again by `close`.
 */
export async function openBenchDb(
  db: BenchDb,
  dir: string,
  label = 'bench',
): Promise<{ knex: Knex; close: () => Promise<void> }> {
  if (db === 'sqlite') {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, `${label}.sqlite`) },
      useNullAsDefault: true,
    });
    return { knex, close: () => knex.destroy() };
  }
  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (!url) {
    throw new Error(
      'PostgreSQL benches need BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING',
    );
  }
  const name = `dsomm_${label}_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: url });
  await admin.raw(`CREATE DATABASE ${name}`);
  const knex = knexFactory({ client: 'pg', connection: `${url}/${name}` });
  return {
    knex,
    close: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE ${name}`);
      await admin.destroy();
    },
  };
}

/** The `p`th percentile (0-100) of `values`, nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}
