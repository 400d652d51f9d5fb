import http from 'http';
import { AddressInfo } from 'net';
import {
  TestDatabaseId,
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { testConfig } from '../__testUtils__/entities';
import { dsommTestFeatures } from '../__testUtils__/backend';
import { parseEndChannel, parseStartChannel } from '../reports/pool/ParsePool';

jest.setTimeout(180_000);

const databases = createTestDatabases();
const user = mockCredentials.user.header();
const ENTITY = 'component:default/gamma';

/**
 * A valid SARIF log with `results` high findings, each with its own message and location, so
 * that its parsed tree is several times its size.
 */
function sarifReport(results: number, scannedAt = '2026-01-01T00:00:00Z') {
  const items: string[] = [];
  for (let i = 0; i < results; i++) {
    items.push(
      JSON.stringify({
        ruleId: `rule-${i % 97}`,
        level: 'error',
        message: { text: `finding ${i} ${'x'.repeat(i % 150)}` },
        properties: { 'security-severity': '8.0' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: `src/file-${i}.js` },
              region: { startLine: i % 5000 },
            },
          },
        ],
      }),
    );
  }
  return Buffer.from(
    `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"HostileScan","version":"1.0"}},` +
      `"invocations":[{"startTimeUtc":"${scannedAt}"}],"results":[${items.join(
        ',',
      )}]}]}`,
  );
}

/** Resolves with the next message published on a channel. */
function next(channel: typeof parseStartChannel): Promise<unknown> {
  return new Promise(resolve => {
    const listener = (message: unknown) => {
      channel.unsubscribe(listener);
      resolve(message);
    };
    channel.subscribe(listener);
  });
}

/** Records the order in which labelled promises settle. */
function recorder() {
  const order: string[] = [];
  const track = <T>(label: string, promise: PromiseLike<T>): Promise<T> =>
    Promise.resolve(promise).then(
      value => {
        order.push(label);
        return value;
      },
      error => {
        order.push(label);
        throw error;
      },
    );
  return { order, track };
}

/** The highest main-thread heap use seen while `work` runs, above the use before it. */
async function heapGrowthDuring<T>(
  work: () => Promise<T>,
): Promise<{ result: T; growthMb: number }> {
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { result, growthMb: (peak - before) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

/** A raw HTTP request, for bodies supertest cannot send: chunked, or never finished. */
function rawUpload(
  server: http.Server,
  path: string,
  headers: Record<string, string>,
  write: (req: http.ClientRequest) => void,
): Promise<{ status: number; body: any; req: http.ClientRequest }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        port,
        path,
        method: 'POST',
        headers: { Authorization: user, ...headers },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
            req,
          }),
        );
        res.on('error', reject);
      },
    );
    // Writes after the server closed the connection fail; the answer is what matters.
    req.on('error', () => {});
    write(req);
  });
}

async function startBackend(
  databaseId: TestDatabaseId,
  reports: Record<string, unknown>,
) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: dsommTestFeatures({
      knex,
      config: { ...testConfig, dsomm: { ...testConfig.dsomm, reports } },
    }),
  });
  const stored = async () =>
    Number((await knex('dsomm_reports').count({ n: '*' }))[0].n);
  const score = async () =>
    (
      await request(server)
        .get(`/api/dsomm/entities/component/default/gamma`)
        .set('Authorization', user)
    ).body.score;
  const upload = (body: Buffer | string, query = `entity=${ENTITY}`) =>
    request(server)
      .post(`/api/dsomm/reports?${query}`)
      .set('Authorization', user)
      .set('Content-Type', 'application/octet-stream')
      .send(body);
  const model = () =>
    request(server).get('/api/dsomm/model').set('Authorization', user);
  return { server, stored, score, upload, model };
}

describe.each(databases.eachSupportedId())(
  'hostile uploads on %p',
  databaseId => {
    it('answers 422 for a report over the heap budget, keeps other routes and the main heap free, and replaces the worker', async () => {
      const backend = await startBackend(databaseId, {
        maxBytes: 64 * 1024 * 1024,
        parse: { maxHeapMb: 32 },
      });
      const scoreBefore = await backend.score();
      const body = sarifReport(150_000);
      expect(body.length).toBeGreaterThan(30 * 1024 * 1024);

      const { order, track } = recorder();
      const started = next(parseStartChannel);
      const { result, growthMb } = await heapGrowthDuring(async () => {
        const upload = track('upload', backend.upload(body));
        await started;
        const model = await track('model', backend.model());
        return { upload: await upload, model };
      });
      expect(result.model.status).toBe(200);
      expect(order).toEqual(['model', 'upload']);
      expect(result.upload.status).toBe(422);
      expect(result.upload.body.error.message).toBe(
        'Report needs more memory than the parse limit of 32 MB (dsomm.reports.parse.maxHeapMb)',
      );
      // Parsed here, its tree alone would be several times the 30 MB body.
      expect(growthMb).toBeLessThan(48);
      expect(await backend.stored()).toBe(0);
      expect(await backend.score()).toBe(scoreBefore);

      // A fresh worker takes the next report.
      const honest = await backend.upload(sarifReport(10));
      expect(honest.status).toBe(201);
      expect(honest.body.summary.totalFindings).toBe(10);
    });

    it('answers 422 for a report over the time budget and stores nothing', async () => {
      const backend = await startBackend(databaseId, {
        maxBytes: 64 * 1024 * 1024,
        parse: { timeoutSeconds: 0.001 },
      });
      const scoreBefore = await backend.score();
      const res = await backend.upload(sarifReport(20_000));
      expect(res.status).toBe(422);
      expect(res.body.error.message).toBe(
        'Report took longer than the parse time limit of 0.001 s (dsomm.reports.parse.timeoutSeconds)',
      );
      expect(await backend.stored()).toBe(0);
      expect(await backend.score()).toBe(scoreBefore);
    });

    it('answers 503 with Retry-After when every worker is busy and the queue is full, while /model answers', async () => {
      const backend = await startBackend(databaseId, {
        maxBytes: 64 * 1024 * 1024,
        parse: { workers: 1, maxQueue: 0, timeoutSeconds: 120 },
      });
      const { order, track } = recorder();
      const started = next(parseStartChannel);
      const ended = track('parse end', next(parseEndChannel));
      const slow = track('slow upload', backend.upload(sarifReport(60_000)));
      await started;
      const [refused, model] = await Promise.all([
        track('refused', backend.upload(sarifReport(3))),
        track('model', backend.model()),
      ]);
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('120');
      expect(refused.body.error.message).toContain(
        'Too many reports are being parsed (1 running, 0 waiting; dsomm.reports.parse.workers and .maxQueue)',
      );
      expect(model.status).toBe(200);
      expect((await slow).status).toBe(201);
      await ended;
      // Both answered while the slow report was still being parsed.
      expect(order.indexOf('model')).toBeLessThan(order.indexOf('parse end'));
      expect(order.indexOf('refused')).toBeLessThan(order.indexOf('parse end'));
      expect(await backend.stored()).toBe(1);
    });

    it('answers 413 with a body for raw, multipart and chunked bodies over maxBytes', async () => {
      const maxBytes = 100_000;
      const backend = await startBackend(databaseId, { maxBytes });
      const scoreBefore = await backend.score();
      const message = `Report is larger than the limit of ${maxBytes} bytes (dsomm.reports.maxBytes)`;

      const raw = await backend.upload(sarifReport(2_000));
      expect(raw.status).toBe(413);
      expect(raw.body.error.message).toBe(message);

      // A small file part, with a large field beside it: the whole body counts.
      const multipart = await request(backend.server)
        .post(`/api/dsomm/reports?entity=${ENTITY}`)
        .set('Authorization', user)
        .field('padding', 'p'.repeat(2 * maxBytes))
        .attach('report', sarifReport(3), 'report.sarif');
      expect(multipart.status).toBe(413);
      expect(multipart.body.error.message).toBe(message);

      // Chunked: no Content-Length to refuse up front; reading stops at the limit.
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      const chunked = await rawUpload(
        backend.server,
        `/api/dsomm/reports?entity=${ENTITY}`,
        { 'Transfer-Encoding': 'chunked' },
        req => {
          req.write('{"version":"2.1.0","runs":[]');
          // 4 MB offered; the server answers long before the end.
          for (let i = 0; i < 256; i++) req.write(chunk);
          req.end();
        },
      );
      expect(chunked.status).toBe(413);
      expect(chunked.body.error.message).toBe(message);

      expect(await backend.stored()).toBe(0);
      expect(await backend.score()).toBe(scoreBefore);
    });

    it('answers 404 for an unknown entity before reading the body', async () => {
      const backend = await startBackend(databaseId, {});
      // The body never ends: an answer proves it was not waited for.
      const res = await rawUpload(
        backend.server,
        '/api/dsomm/reports?entity=component:default/nope',
        { 'Transfer-Encoding': 'chunked' },
        req => {
          req.write('{"version":"2.1.0",');
        },
      );
      res.req.destroy();
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(
        'Entity component:default/nope is not in the catalog',
      );
      expect(await backend.stored()).toBe(0);
    });

    it('answers 400 naming the problem for a script source and for broken JSON', async () => {
      const backend = await startBackend(databaseId, {});
      const scoreBefore = await backend.score();
      const script = await backend.upload(
        sarifReport(3),
        // eslint-disable-next-line no-script-url -- the hostile input under test
        `entity=${ENTITY}&source=${encodeURIComponent('javascript:alert(1)')}`,
      );
      expect(script.status).toBe(400);
      expect(script.body.error.message).toBe(
        'source: must be an http(s) URL or a label without a scheme; got a "javascript:" URL',
      );

      const broken = await request(backend.server)
        .post(`/api/dsomm/reports?entity=${ENTITY}`)
        .set('Authorization', user)
        .set('Content-Type', 'application/json')
        .send('{"version": "2.1.0", "runs": [');
      expect(broken.status).toBe(400);
      expect(broken.body.error.message).toMatch(
        /^Report body looks like JSON but does not parse: /,
      );

      const notJson = await request(backend.server)
        .post(`/api/dsomm/reports?entity=${ENTITY}`)
        .set('Authorization', user)
        .set('Content-Type', 'application/json')
        .send('version=2.1.0');
      expect(notJson.status).toBe(400);
      expect(notJson.body.error.message).toBe(
        'Body is sent as JSON but is not JSON: Report body is neither JSON nor XML; expected a JSON or XML scanner report',
      );

      // Neither JSON nor XML, and not claimed to be: still 415.
      const text = await backend.upload('version=2.1.0');
      expect(text.status).toBe(415);

      expect(await backend.stored()).toBe(0);
      expect(await backend.score()).toBe(scoreBefore);
    });
  },
);
