/* eslint-disable no-console */
/**
 * Roll-up latency at 10,000 components: a System (about 50 components), a Domain (about
 * 1,000), a team Group (about 25) and an organisation Group whose child teams own every
 * component. Each request is what the route does: read the scope and the tree from the
 * catalog, ask the caller's visibility (ALLOW), then aggregate, list and count. Then the
 * preview of marking ten level-1 activities implemented at the same scopes (`POST .../preview`).
 * Prints figures; asserts nothing.
 *
 *   npm run bench:rollup -w @dsomm/plugin-dsomm-backend [-- --db sqlite|postgres --n 10000]
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import knexFactory from 'knex';
import { ConfigReader } from '@backstage/config';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { readDsommConfig } from '../src/config/readDsommConfig';
import { DsommStore } from '../src/database/DsommStore';
import { RollupService } from '../src/service/RollupService';
import { LiftPreviewService } from '../src/rollup/LiftPreviewService';
import { ScoringService } from '../src/service/ScoringService';
import { VisibilityService } from '../src/service/visibility';
import { fakeCatalog } from './fakeCatalog';
import { syntheticOrg } from './syntheticOrg';
import { percentile } from './benchDb';

const entity = (kind: string, name: string, spec: object): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec,
});

/** The fake catalog plus the org's groups (one org over every team) and its 10 domains. */
function withScopes(catalog: CatalogService, teams: number): CatalogService {
  const teamNames = Array.from({ length: teams }, (_, i) => `team-${i}`);
  const groups = [
    entity('Group', 'org', { type: 'org', children: teamNames }),
    ...teamNames.map(name =>
      entity('Group', name, { type: 'team', children: [] }),
    ),
  ];
  const domains = Array.from({ length: 10 }, (_, i) =>
    entity('Domain', `domain-${i}`, {}),
  );
  const extra: Record<string, Entity[]> = { group: groups, domain: domains };
  return {
    ...catalog,
    async *streamEntities(request: any, options: any) {
      const kinds = ([] as string[]).concat(request?.filter?.kind ?? []);
      if (kinds.includes('Group')) yield groups;
      if (kinds.includes('System') || kinds.includes('Component')) {
        yield* catalog.streamEntities(request, options);
      }
    },
    async getEntityByRef(ref: any, options: any) {
      const { kind, name } =
        typeof ref === 'string' ? parseEntityRef(ref) : ref;
      const own = extra[kind.toLocaleLowerCase('en-US')];
      if (own) return own.find(e => e.metadata.name === name);
      return catalog.getEntityByRef(ref, options);
    },
  } as CatalogService;
}

async function main() {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const db = option('--db') ?? 'sqlite';
  const n = Number(option('--n') ?? 10_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsomm-bench-rollup-'));
  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  const dbName = `dsomm_bench_rollup_${process.pid}`;
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
    const teams = Math.max(5, Math.round(n / 25));
    const catalog = withScopes(fakeCatalog(syntheticOrg(n, model)), teams);
    const scored = await new ScoringService({
      model,
      config,
      store,
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.rootLogger({ level: 'error' }),
    }).recomputeAll();
    const rollups = new RollupService({
      model,
      store,
      catalog,
      auth: mockServices.auth(),
      visibility: new VisibilityService({
        permissions: {
          authorize: async requests =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })),
          authorizeConditional: async requests =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })),
        } as PermissionsService,
        catalog,
      }),
      scopes: { descendantGroups: true },
    });
    const credentials = mockCredentials.user();
    const scopes = [
      'system:default/system-0',
      'group:default/team-0',
      'domain:default/domain-0',
      'group:default/org',
    ];
    console.log(
      `\n${db}, ${scored.scored} components: GET /entities/<scope> roll-up, 20 requests after 1`,
    );
    console.log('| scope | components | first ms | p50 ms | p95 ms |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const scope of scopes) {
      const request = async () => {
        const started = performance.now();
        const body = await rollups.rollup(scope, credentials);
        return { ms: performance.now() - started, count: body.rollup.count };
      };
      const first = await request();
      const times: number[] = [];
      for (let i = 0; i < 20; i++) times.push((await request()).ms);
      console.log(
        `| ${scope} | ${first.count} | ${first.ms.toFixed(1)} | ${percentile(
          times,
          50,
        ).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`,
      );
    }

    // The same reads as the roll-up, then every visible component's stored statuses.
    const previews = new LiftPreviewService({
      model,
      store,
      catalog,
      auth: mockServices.auth(),
      visibility: new VisibilityService({
        permissions: {
          authorize: async requests =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })),
          authorizeConditional: async requests =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })),
        } as PermissionsService,
        catalog,
      }),
      scopes: { descendantGroups: true },
    });
    const activities = model.activities
      .filter(a => a.level === 1)
      .slice(0, 10)
      .map(a => a.id);
    console.log(
      `\n${db}, ${scored.scored} components: POST /entities/<scope>/preview of ${activities.length} level-1 activities, 20 requests after 1`,
    );
    console.log(
      '| scope | components | changed | lifted | first ms | p50 ms | p95 ms | heap MB after |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    // Up to a domain (about 1,000 components): what a team lead selects for; the org group
    // would re-read all 10k stored details per request.
    for (const scope of scopes.filter(s => s !== 'group:default/org')) {
      const request = async () => {
        const started = performance.now();
        const body = await previews.preview(
          scope,
          { activities, status: 'implemented' },
          credentials,
        );
        return { ms: performance.now() - started, body };
      };
      const first = await request();
      const times: number[] = [];
      for (let i = 0; i < 20; i++) times.push((await request()).ms);
      const { count, changed, lifted } = first.body;
      console.log(
        `| ${scope} | ${count} | ${changed} | ${lifted} | ${first.ms.toFixed(
          1,
        )} | ${percentile(times, 50).toFixed(1)} | ${percentile(
          times,
          95,
        ).toFixed(1)} | ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(
          0,
        )} |`,
      );
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
