/* eslint-disable no-console */
/**
 * Scorecard latency at 10,000 components under catalog visibility: no policy (ALLOW), an
 * ownership condition (translated to SQL), and a condition the plugin cannot translate (the
 * refs the catalog shows the caller, half of the org, read once and then cached). Each
 * request is what the route does: ask the permission decision, then read the scorecard
 * (aggregates by owner and one page of 50). Prints wall-clock figures and this process's CPU
 * time per request (on SQLite the query runs in this process, so the CPU figure shows the cost
 * without waiting for a busy machine's cores). Prints figures; asserts nothing.
 *
 *   npm run bench:visibility -w @dsomm/plugin-dsomm-backend [-- --db sqlite|postgres --n 10000]
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { ConfigReader } from '@backstage/config';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { readDsommConfig } from '../src/config/readDsommConfig';
import { DsommStore } from '../src/database/DsommStore';
import { ScorecardService } from '../src/service/ScorecardService';
import { ScoringService } from '../src/service/ScoringService';
import { VisibilityService } from '../src/service/visibility';
import { fakeCatalog } from './fakeCatalog';
import { syntheticOrg } from './syntheticOrg';
import { BenchDb, openBenchDb, percentile } from './benchDb';

type Db = BenchDb;

/** The fake catalog as a restricted caller sees it: only even-numbered components. */
function halfVisible(catalog: CatalogService): CatalogService {
  return {
    ...catalog,
    async *streamEntities(request: any, options: any) {
      for await (const page of catalog.streamEntities(request, options)) {
        yield page.filter(
          e => Number(/(\d+)$/.exec(e.metadata.name)?.[1] ?? 1) % 2 === 0,
        );
      }
    },
  } as CatalogService;
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const db = (option('--db') ?? 'sqlite') as Db;
  const n = Number(option('--n') ?? 10_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsomm-bench-vis-'));
  const { knex, close } = await openBenchDb(db, dir, 'bench_vis');
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
    const scorecard = new ScorecardService(
      store,
      model.dimensions.map(d => d.name),
    );
    const credentials = mockCredentials.user();
    const owner = {
      rule: 'IS_ENTITY_OWNER',
      resourceType: 'catalog-entity',
      params: {
        claims: [
          'user:default/mock',
          'group:default/team-0',
          'group:default/team-1',
          'group:default/team-2',
        ],
      },
    };
    const policies: Array<[string, PolicyDecision, CatalogService]> = [
      ['ALLOW', { result: AuthorizeResult.ALLOW }, catalog],
      [
        'CONDITIONAL owner (SQL)',
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: owner,
        },
        catalog,
      ],
      [
        'CONDITIONAL unmapped (catalog refs)',
        {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions: {
            anyOf: [
              {
                rule: 'HAS_LABEL',
                resourceType: 'catalog-entity',
                params: { label: 'visible' },
              },
              owner,
            ],
          },
        },
        halfVisible(catalog),
      ],
    ];
    console.log(
      `\n${db}, ${scored.scored} components: scorecard (groupBy owner, page of 50) per request, 40 requests after 1`,
    );
    console.log(
      '| policy | visible rows | first request ms | p50 ms | p95 ms | this process CPU p95 ms | trend p95 ms |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const [name, decision, policyCatalog] of policies) {
      const visibility = new VisibilityService({
        // A fixed decision, as a permission backend answering quickly would give.
        permissions: {
          authorize: async requests =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })),
          authorizeConditional: async requests => requests.map(() => decision),
        } as PermissionsService,
        catalog: policyCatalog,
      });
      const request = async (i: number) => {
        const started = performance.now();
        const cpu = process.cpuUsage();
        const response = await scorecard.scorecard('owner', {
          filters: {},
          visibility: await visibility.forCredentials(credentials),
          sort: { field: 'score', order: 'desc' },
          offset: (i % 2) * 50,
          limit: 50,
        });
        const used = process.cpuUsage(cpu);
        return {
          ms: performance.now() - started,
          cpuMs: (used.user + used.system) / 1000,
          rows: response.totalRows,
        };
      };
      const first = await request(0);
      const times: number[] = [];
      const cpuTimes: number[] = [];
      for (let i = 1; i <= 40; i++) {
        const { ms, cpuMs } = await request(i);
        times.push(ms);
        cpuTimes.push(cpuMs);
      }
      const trendTimes: number[] = [];
      for (let i = 0; i < 20; i++) {
        const started = performance.now();
        await scorecard.trend(
          {},
          await visibility.forCredentials(credentials),
          90,
        );
        trendTimes.push(performance.now() - started);
      }
      console.log(
        `| ${name} | ${first.rows} | ${first.ms.toFixed(1)} | ${percentile(
          times,
          50,
        ).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${percentile(
          cpuTimes,
          95,
        ).toFixed(1)} | ${percentile(trendTimes, 95).toFixed(1)} |`,
      );
    }
  } finally {
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
