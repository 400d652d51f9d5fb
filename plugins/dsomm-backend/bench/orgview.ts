/* eslint-disable no-console */
/**
 * The org view over HTTP at 10,000 components (400 teams, 200 systems): a real test backend
 * running the plugin, its catalog the synthetic org, scores stored by a full recompute. For
 * each request shape it prints the answer's bytes and the p50/p95 of GET /scorecard as a
 * client sees it (request, permission decision, queries, catalog titles, JSON), read again
 * and read right after one component's score was written, and what one group of the answer
 * is made of. Prints figures; asserts nothing.
 *
 * With `--catalog real` the org lives in the real catalog backend (its own database, fed by
 * an entity provider, read over HTTP as in a portal; see realCatalog.ts) instead of the
 * bench's in-memory one, so the group titles cost what they cost in production.
 *
 *   npm run bench:orgview -w @dsomm/plugin-dsomm-backend [-- --db sqlite|postgres --n 10000 --requests 60 --catalog fake|real]
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { AddressInfo } from 'net';
import { ConfigReader } from '@backstage/config';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { readDsommConfig } from '../src/config/readDsommConfig';
import { DsommStore } from '../src/database/DsommStore';
import { VISIBLE_TO_ALL } from '../src/database/visibilityFilter';
import { ScoringService } from '../src/service/ScoringService';
import { dsommPlugin } from '../src/plugin';
import { fakeCatalog } from './fakeCatalog';
import { syntheticOrg } from './syntheticOrg';
import { BenchDb, openBenchDb, percentile } from './benchDb';
import { startRealCatalog } from './realCatalog';

type Db = BenchDb;

const bytesOf = (value: unknown) =>
  Buffer.byteLength(JSON.stringify(value) ?? '');

async function main() {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const db = (option('--db') ?? 'sqlite') as Db;
  const n = Number(option('--n') ?? 10_000);
  const requests = Number(option('--requests') ?? 60);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsomm-bench-orgview-'));
  const realCatalog = option('--catalog') === 'real';
  const { knex, close } = await openBenchDb(db, dir, 'bench_orgview');
  const catalogDb = realCatalog
    ? await openBenchDb(db, dir, 'bench_orgview_catalog')
    : undefined;
  let stopCatalog = async () => {};
  try {
    const model = getBuiltInModel();
    const org = syntheticOrg(n, model);
    let catalog = fakeCatalog(org);
    if (catalogDb) {
      const real = await startRealCatalog(org, catalogDb.knex);
      stopCatalog = real.stop;
      catalog = real.catalog;
      console.log(
        `the real catalog (${db}) took in the org in ${(
          real.loadMs / 1000
        ).toFixed(1)} s`,
      );
    }
    const store = await DsommStore.create({
      database: mockServices.database({ knex }),
    });
    const scored = await new ScoringService({
      model,
      config: readDsommConfig(new ConfigReader({}), model),
      store,
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.rootLogger({ level: 'error' }),
    }).recomputeAll();
    const backend = await startTestBackend({
      features: [
        dsommPlugin,
        mockServices.rootConfig.factory({ data: {} }),
        mockServices.database.factory({ knex }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalog,
        }),
      ],
    });
    const { server } = backend;
    const { port } = server.address() as AddressInfo;
    const authorization = mockCredentials.user.header();
    const get = async (query: string) => {
      const started = performance.now();
      const res = await fetch(
        `http://127.0.0.1:${port}/api/dsomm/scorecard?${query}`,
        { headers: { authorization } },
      );
      const text = await res.text();
      const ms = performance.now() - started;
      if (res.status !== 200) {
        throw new Error(`${res.status} ${text.slice(0, 300)}`);
      }
      return { ms, bytes: Buffer.byteLength(text), body: JSON.parse(text) };
    };

    const shapes = (option('--queries') ?? '')
      .split(';')
      .filter(Boolean)
      .concat(
        option('--queries')
          ? []
          : [
              'groupBy=owner',
              'groupBy=owner&groupsLimit=50',
              'groupBy=system&groupsLimit=50',
            ],
      );
    // The group aggregates are kept while the stored scores stay as they are (see
    // GenerationCache): each shape is timed as read again, and as read right after a score
    // write: one component's stored score changes (its overall level), written through the
    // store as a re-score writes it, which raises the generation. The next component each time.
    const scoredRefs = (await knex('dsomm_scores')
      .orderBy('entity_ref')
      .pluck('entity_ref')) as string[];
    let writes = 0;
    const afterWrite = async (shape: string) => {
      const ref = scoredRefs[(writes++ * 7919) % scoredRefs.length];
      const stored = (await store.getScore(ref))!;
      await store.saveScores(
        [
          {
            ...stored,
            overallLevel: ((stored.overallLevel + 1) %
              6) as typeof stored.overallLevel,
            computedAt: new Date().toISOString(),
          },
        ],
        new Date().toISOString().slice(0, 10),
      );
      return get(shape);
    };
    console.log(
      `\n${db}, ${realCatalog ? 'real' : 'in-memory'} catalog, ${
        scored.scored
      } components, ${org.groups.length} groups, ${
        org.systems.length
      } systems: GET /scorecard over HTTP, ${requests} requests after 1 (page of 50 rows each), then ${requests} each right after a score write`,
    );
    console.log(
      '| query | groups in answer | answer KB | p50 / p95 / max ms | after a write: p50 / p95 / max ms |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: |');
    let sample: any;
    for (const shape of shapes) {
      const first = await get(shape);
      sample ??= first.body;
      const times: number[] = [];
      for (let i = 0; i < requests; i++) {
        times.push((await get(shape)).ms);
      }
      const written: number[] = [];
      for (let i = 0; i < requests; i++) {
        written.push((await afterWrite(shape)).ms);
      }
      const figures = (values: number[]) =>
        [percentile(values, 50), percentile(values, 95), Math.max(...values)]
          .map(v => v.toFixed(1))
          .join(' / ');
      console.log(
        `| \`${shape}\` | ${first.body.groups.length} | ${(
          first.bytes / 1024
        ).toFixed(1)} | ${figures(times)} | ${figures(written)} |`,
      );
    }

    // What one group of the first answer is made of, field by field.
    const group = sample.groups[0];
    console.log(
      `\nOne group of \`${shapes[0]}\`: ${bytesOf(group)} bytes; rows ${bytesOf(
        sample.rows,
      )} bytes, total ${bytesOf(sample.total)} bytes`,
    );
    console.log('| field | bytes |');
    console.log('| --- | ---: |');
    for (const [field, value] of Object.entries(group)) {
      console.log(`| ${field} | ${bytesOf(value) + field.length + 4} |`);
    }

    // Where the time goes, each part alone (the route runs the scan, the page and the catalog
    // titles; the JSON is written once per answer).
    const timed = async (run: () => Promise<unknown> | unknown) => {
      const times: number[] = [];
      for (let i = 0; i < Math.max(10, requests / 2); i++) {
        const started = performance.now();
        await run();
        times.push(performance.now() - started);
      }
      return `${percentile(times, 50).toFixed(1)} | ${percentile(
        times,
        95,
      ).toFixed(1)}`;
    };
    const refs = sample.groups.map((g: any) => g.key);
    console.log('\n| part of `groupBy=owner` | p50 ms | p95 ms |');
    console.log('| --- | ---: | ---: |');
    console.log(
      `| grouped scan with stored KPIs (scorecardSummary) | ${await timed(() =>
        store.scorecardSummary({}, VISIBLE_TO_ALL, 'owner', 90),
      )} |`,
    );
    console.log(
      `| page of 50 rows (scorecardPage) | ${await timed(() =>
        store.scorecardPage({
          filters: {},
          visibility: VISIBLE_TO_ALL,
          sort: { field: 'worstFirst', order: 'asc' },
          offset: 0,
          limit: 50,
        }),
      )} |`,
    );
    console.log(
      `| catalog titles of ${refs.length} groups | ${await timed(() =>
        catalog.getEntitiesByRefs(
          { entityRefs: refs, fields: ['kind', 'metadata.name'] },
          { credentials: mockCredentials.service() },
        ),
      )} |`,
    );
    console.log(
      `| JSON.stringify of the answer | ${await timed(() =>
        JSON.stringify(sample),
      )} |`,
    );
    await backend.stop();
  } finally {
    await stopCatalog();
    await catalogDb?.close();
    await close();
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
