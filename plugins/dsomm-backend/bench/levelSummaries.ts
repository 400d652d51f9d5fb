/* eslint-disable no-console */
/**
 * Catalog column and filter reads at 10,000 components: `POST /scores/summary` for a page of
 * 20, 100 and 1,000 refs, and `GET /scores/below-target`, as the service answers them, with
 * the caller allowed everything and with the caller's visible refs as a list (a catalog rule
 * that does not map onto columns). Prints figures; asserts nothing.
 *
 *   npm run bench:summaries -w @dsomm/plugin-dsomm-backend [-- --db sqlite|postgres --n 10000]
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import knexFactory from 'knex';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { readDsommConfig } from '../src/config/readDsommConfig';
import { DsommStore } from '../src/database/DsommStore';
import { Visibility } from '../src/database/visibilityFilter';
import { LevelSummaryService } from '../src/service/LevelSummaryService';
import { ScoringService } from '../src/service/ScoringService';
import { fakeCatalog } from './fakeCatalog';
import { syntheticOrg } from './syntheticOrg';
import { percentile } from './benchDb';

async function main() {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const db = option('--db') ?? 'sqlite';
  const n = Number(option('--n') ?? 10_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsomm-bench-summaries-'));
  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  const dbName = `dsomm_bench_summaries_${process.pid}`;
  const admin =
    db === 'postgres'
      ? knexFactory({ client: 'pg', connection: url })
      : undefined;
  if (admin) await admin.raw(`CREATE DATABASE ${dbName}`);
  const knex = admin
    ? knexFactory({ client: 'pg', connection: `${url}/${dbName}` })
    : knexFactory({
        client: 'better-sqlite3',
        connection: { filename: path.join(dir, 'bench.sqlite') },
        useNullAsDefault: true,
      });
  try {
    const model = getBuiltInModel();
    const config = readDsommConfig(new ConfigReader({}), model);
    const store = await DsommStore.create({
      database: mockServices.database({ knex }),
    });
    const catalog = fakeCatalog(syntheticOrg(n, model));
    const scored = await new ScoringService({
      model,
      config,
      store,
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.rootLogger({ level: 'error' }),
    }).recomputeAll();
    const refs = (
      await knex('dsomm_scores').select('entity_ref').orderBy('entity_ref')
    ).map(row => row.entity_ref as string);
    const service = new LevelSummaryService(store);
    const visibilities: [string, Visibility][] = [
      ['all', { type: 'all' }],
      ['refs list', { type: 'refs', refs }],
    ];
    console.log(`\n${db}, ${scored.scored} components, 20 requests after 1`);
    console.log(
      '| request | visibility | answered | first ms | p50 ms | p95 ms |',
    );
    console.log('| --- | --- | ---: | ---: | ---: | ---: |');
    for (const [label, visibility] of visibilities) {
      const cases: [string, () => Promise<number>][] = [
        ...[20, 100, 1000].map(
          size =>
            [
              `summary of ${size} refs`,
              async () => {
                // A page from a random place in the catalog.
                const start = Math.floor(
                  Math.random() * Math.max(1, refs.length - size),
                );
                const page = refs.slice(start, start + size);
                return (await service.summaries(page, visibility)).summaries
                  .length;
              },
            ] as [string, () => Promise<number>],
        ),
        [
          'below-target',
          async () => (await service.belowTarget(visibility)).entityRefs.length,
        ],
      ];
      for (const [name, run] of cases) {
        const timed = async () => {
          const started = performance.now();
          const answered = await run();
          return { ms: performance.now() - started, answered };
        };
        const first = await timed();
        const times: number[] = [];
        for (let i = 0; i < 20; i++) times.push((await timed()).ms);
        console.log(
          `| ${name} | ${label} | ${first.answered} | ${first.ms.toFixed(
            1,
          )} | ${percentile(times, 50).toFixed(1)} | ${percentile(
            times,
            95,
          ).toFixed(1)} |`,
        );
      }
    }
  } finally {
    await knex.destroy();
    if (admin) {
      await admin.raw(`DROP DATABASE ${dbName}`);
      await admin.destroy();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
