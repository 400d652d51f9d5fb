/* eslint-disable no-console */
/**
 * `GET /campaigns` as the service answers it: every live campaign's counts for the caller,
 * at 1,000 components and 20 campaigns of every goal form (level, dimensions, sub-dimension,
 * activities) over scopes of all, a tier or a few owners; with the caller allowed everything
 * and with the caller's visible refs as a list. Prints figures; asserts nothing.
 *
 *   npm run bench:campaigns -w @dsomm/plugin-dsomm-backend [-- --db sqlite|postgres --n 1000 --campaigns 20]
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import knexFactory from 'knex';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { CampaignGoal, CampaignScope } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { CampaignService } from '../src/campaigns/CampaignService';
import { readDsommConfig } from '../src/config/readDsommConfig';
import { DsommStore } from '../src/database/DsommStore';
import { Visibility } from '../src/database/visibilityFilter';
import { ScoringService } from '../src/service/ScoringService';
import { VisibilityService } from '../src/service/visibility';
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
  const n = Number(option('--n') ?? 1_000);
  const count = Number(option('--campaigns') ?? 20);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsomm-bench-campaigns-'));
  const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  const dbName = `dsomm_bench_campaigns_${process.pid}`;
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
    const campaigns = new CampaignService({
      store,
      model,
      scopes: {
        catalog,
        auth: mockServices.auth(),
        visibility: new VisibilityService({
          permissions: mockServices.permissions(),
          catalog,
        }),
        scopes: config.scopes,
      },
    });
    const activityIds = model.activities.map(a => a.id);
    const goals: CampaignGoal[] = [
      { level: 1 },
      { dimensions: { [model.dimensions[0].name]: 2 } },
      { dimensions: { Build: 2 } },
      { activities: activityIds.slice(0, 5) },
    ];
    const scopes: CampaignScope[] = [
      {},
      { tier: ['standard'] },
      { owner: ['group:default/team-0', 'group:default/team-1'] },
      { tier: ['critical', 'experimental'] },
      { lifecycle: ['production'] },
    ];
    for (let i = 0; i < count; i++) {
      await campaigns.create(
        {
          name: `Campaign ${i}`,
          owner: 'group:default/security',
          scope: scopes[i % scopes.length],
          goal: goals[i % goals.length],
          start: '2026-01-01T00:00:00.000Z',
          deadline: '2099-12-31T00:00:00.000Z',
        },
        'user:default/bench',
      );
    }
    const refs = (
      await knex('dsomm_scores').select('entity_ref').orderBy('entity_ref')
    ).map(row => row.entity_ref as string);
    const visibilities: [string, Visibility][] = [
      ['all', { type: 'all' }],
      ['refs list', { type: 'refs', refs }],
    ];
    console.log(
      `\n${db}, ${scored.scored} components, ${count} campaigns, GET /campaigns 10 times after 1`,
    );
    console.log('| visibility | campaigns | first ms | p50 ms | p95 ms |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const [label, visibility] of visibilities) {
      const timed = async () => {
        const started = performance.now();
        const answered = (await campaigns.list(false, visibility)).length;
        return { ms: performance.now() - started, answered };
      };
      const first = await timed();
      const times: number[] = [];
      for (let i = 0; i < 10; i++) times.push((await timed()).ms);
      console.log(
        `| ${label} | ${first.answered} | ${first.ms.toFixed(1)} | ${percentile(
          times,
          50,
        ).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`,
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
