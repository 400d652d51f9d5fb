/* eslint-disable no-console */
/**
 * Benchmark (not a test): a real test backend on SQLite takes hostile uploads while a client
 * polls `GET /api/dsomm/model`; for each upload it prints the answer, the time, the largest
 * main-thread heap growth, the process's peak RSS so far and the worst `/model` latency
 * during the upload. Run with `npm run bench:uploads -w @dsomm/plugin-dsomm-backend`.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { performance } from 'perf_hooks';
import knexFactory from 'knex';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { component, testConfig } from '../src/__testUtils__/entities';
import { dsommTestFeatures } from '../src/__testUtils__/backend';

const MB = 1024 * 1024;

/** A SARIF log of `results` high findings, each with its own message and location. */
function sarif(results: number): Buffer {
  const items: string[] = [];
  for (let i = 0; i < results; i++) {
    items.push(
      JSON.stringify({
        ruleId: `rule-${i % 97}`,
        message: { text: `finding ${i} ${'x'.repeat(i % 150)}` },
        properties: { 'security-severity': '8.0' },
        locations: [
          { physicalLocation: { artifactLocation: { uri: `src/${i}.js` } } },
        ],
      }),
    );
  }
  return Buffer.from(
    `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"Bench"}},"results":[${items.join(
      ',',
    )}]}]}`,
  );
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsomm-hostile-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'bench.sqlite') },
    useNullAsDefault: true,
  });
  const backend = await startTestBackend({
    features: dsommTestFeatures({
      knex,
      entities: [component('target', { owner: 'team-a' })],
      config: {
        ...testConfig,
        dsomm: {
          ...testConfig.dsomm,
          reports: {
            maxBytes: 100 * MB,
            parse: { maxHeapMb: 256, timeoutSeconds: 10 },
          },
        },
      },
    }),
  });
  const base = `http://localhost:${backend.server.port()}/api/dsomm`;
  const headers = { Authorization: mockCredentials.user.header() };

  const cases: Array<[string, Buffer]> = [
    ['SARIF 1k results (honest)', sarif(1_000)],
    ['SARIF 60k results, 12 MB', sarif(60_000)],
    ['SARIF 150k results, 30 MB (over 256 MB heap?)', sarif(150_000)],
    ['49 MB of "["', Buffer.alloc(49 * MB, '[')],
  ];
  console.log(
    'case | status | ms | max heap growth MB | peak RSS MB | worst GET /model ms',
  );
  for (const [name, body] of cases) {
    let polling = true;
    let worst = 0;
    const poll = (async () => {
      while (polling) {
        const t = performance.now();
        await fetch(`${base}/model`, { headers }).then(r => r.arrayBuffer());
        worst = Math.max(worst, performance.now() - t);
      }
    })();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => {
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 5);
    const started = performance.now();
    const res = await fetch(`${base}/reports?entity=component:default/target`, {
      method: 'POST',
      headers,
      body,
    });
    const answer = (await res.json()) as { error?: { message: string } };
    const ms = performance.now() - started;
    clearInterval(sampler);
    polling = false;
    await poll;
    console.log(
      [
        name,
        `${res.status}${answer.error ? ` ${answer.error.message}` : ''}`,
        ms.toFixed(0),
        ((heapPeak - heapBefore) / MB).toFixed(1),
        (process.resourceUsage().maxRSS / 1024).toFixed(0),
        worst.toFixed(1),
      ].join(' | '),
    );
  }
  await backend.stop();
  await knex.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
