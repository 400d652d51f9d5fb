import fs from 'fs';
import path from 'path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fc from 'fast-check';
import request from 'supertest';
import { dsommPlugin } from '../plugin';
import { createTestDatabases } from '../__testUtils__/databases';
import { testCatalog, testConfig } from '../__testUtils__/entities';

jest.setTimeout(120_000);

/**
 * Random query strings, path parts and bodies against every endpoint of the REST API: whatever
 * a client sends, the answer is never a 5xx, and every 4xx carries a JSON error message.
 */
const databases = createTestDatabases();
const user = mockCredentials.user.header();
const fixture = (name: string) =>
  fs.readFileSync(path.resolve(__dirname, '../reports/__fixtures__', name));

type Server = Parameters<typeof request>[0];
let server: Server;

beforeAll(async () => {
  const knex = await databases.init('SQLITE_3');
  ({ server } = await startTestBackend({
    features: [
      dsommPlugin,
      mockServices.rootConfig.factory({
        data: {
          ...testConfig,
          dsomm: { ...testConfig.dsomm, reports: { maxBytes: 64 * 1024 } },
        },
      }),
      mockServices.database.factory({ knex }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      catalogServiceMock.factory({ entities: testCatalog() }),
    ],
  }));
});

/** Status classes seen per property: the inputs must get past validation too, not only fail. */
let seen = new Set<string>();
beforeEach(() => {
  seen = new Set();
});

/** Throws (so fast-check shrinks and reports the input) unless the answer is sane. */
function check(res: request.Response, what: string) {
  seen.add(`${Math.floor(res.status / 100)}xx`);
  const message = res.body?.error?.message;
  if (res.status >= 500 || (res.status >= 400 && typeof message !== 'string')) {
    throw new Error(
      `${what} answered ${res.status}: ${String(res.text).slice(0, 500)}`,
    );
  }
}

const percentBytes = fc
  .uint8Array({ minLength: 1, maxLength: 6 })
  .map(bytes =>
    [...bytes].map(b => `%${b.toString(16).padStart(2, '0')}`).join(''),
  );

/**
 * One non-empty path segment, already URL-encoded (possibly with invalid encodings). Empty
 * segments are left out: a path that matches no route (e.g. `/entities//default/x`) is
 * answered by the framework's not-found handler with an empty 404, outside the plugin.
 */
const segment = fc.oneof(
  fc.constantFrom(
    'component',
    'Component',
    'system',
    'default',
    'alpha',
    'beta',
    'gamma',
    'payments',
    'nope',
    '-x',
    '.',
    '..',
    '%',
    '%zz',
    'a'.repeat(300),
  ),
  fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent),
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 10 })
    .map(encodeURIComponent),
  percentBytes,
);

const queryKey = fc.oneof(
  fc.constantFrom(
    'entity',
    'format',
    'source',
    'days',
    'sort',
    'order',
    'offset',
    'limit',
    'groupBy',
    'owner',
    'system',
    'domain',
    'tier',
    'lifecycle',
    'kind',
    '__proto__',
    'constructor',
  ),
  fc.string({ maxLength: 10 }),
);
const queryValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '',
    'component:default/alpha',
    'component:default/nope',
    'system:default/payments',
    'group:default/team-a',
    'alpha',
    'csv',
    'json',
    'trivy',
    'semgrep',
    '-1',
    '0',
    '1',
    '1.5',
    '1e3',
    '99999999999999999999',
    'NaN',
    'asc',
    'desc',
    'score',
    'owner',
    'x'.repeat(3000),
  ),
  fc.integer().map(String),
);
const queryPart = fc.oneof(
  fc
    .tuple(
      queryKey,
      fc.constantFrom('', '[]', '[a]', '[0]', '[][x]'),
      queryValue,
    )
    .map(
      ([key, suffix, value]) =>
        `${encodeURIComponent(key)}${suffix}=${encodeURIComponent(value)}`,
    ),
  fc.constantFrom('%', '%zz', '=', '&', 'a', 'format', 'days=%E0%A4%A'),
  percentBytes,
);
const query = fc
  .array(queryPart, { maxLength: 6 })
  .map(parts => (parts.length ? `?${parts.join('&')}` : ''));

/** Mostly a user (so requests get past authentication), sometimes anything else. */
const auth = fc.oneof(
  { arbitrary: fc.constant<string | undefined>(user), weight: 6 },
  {
    arbitrary: fc.constantFrom<string | undefined>(
      mockCredentials.service.header(),
      mockCredentials.none.header(),
      'Bearer not-a-token',
      undefined,
    ),
    weight: 1,
  },
);
/** Usually `valid`, sometimes a random segment. */
const mostly = (valid: fc.Arbitrary<string>) =>
  fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: segment, weight: 1 });
/** Usually no query at all, sometimes a random one. */
const sometimesQuery = fc.oneof(
  { arbitrary: fc.constant(''), weight: 2 },
  { arbitrary: query, weight: 1 },
);

const activity = fc.oneof(
  {
    arbitrary: fc.constantFrom('version-control', 'defined-build-process'),
    weight: 4,
  },
  fc.constantFrom(
    'version-control',
    'defined-build-process',
    'c6e3c812-56e2-41b0-ae01-b7afc41a004c',
    'not-an-activity',
    '',
  ),
  fc.string({ maxLength: 30 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const text = fc.oneof(
  { arbitrary: fc.string({ maxLength: 50 }), weight: 4 },
  fc.constant('x'.repeat(2500)),
  fc.jsonValue({ maxDepth: 2 }),
);
const date = fc.oneof(
  fc.date({ noInvalidDate: true }).map(d => d.toISOString()),
  fc.constantFrom('2999-01-01', '2000-01-01', 'tomorrow', '', '2999-02-30'),
  fc.jsonValue({ maxDepth: 1 }),
);
const link = fc.oneof(
  fc.constantFrom(
    'https://example.com/x',
    // eslint-disable-next-line no-script-url
    'javascript:alert(1)',
    'ftp://x',
    'not a url',
  ),
  fc.webUrl(),
  fc.jsonValue({ maxDepth: 1 }),
);
/** A JSON body: mostly shaped like an attestation or waiver, sometimes anything. */
const jsonBody = fc.oneof(
  {
    arbitrary: fc.record(
      { activity, comment: text, link, expiresAt: date },
      { requiredKeys: ['activity', 'comment'] },
    ),
    weight: 2,
  },
  {
    arbitrary: fc.record(
      { activity, justification: text, expiresAt: date },
      { requiredKeys: ['activity', 'justification'] },
    ),
    weight: 2,
  },
  fc.record(
    {
      activity,
      comment: text,
      justification: text,
      link,
      expiresAt: date,
      extra: fc.jsonValue({ maxDepth: 1 }),
    },
    { requiredKeys: [] },
  ),
  fc.jsonValue({ maxDepth: 3 }),
);
/** A raw body with its content type. */
const rawBody = fc.oneof(
  {
    arbitrary: jsonBody.map(v => ({
      type: 'application/json',
      body: JSON.stringify(v),
    })),
    weight: 3,
  },
  fc.record({
    type: fc.constantFrom(
      'application/json',
      'application/json; charset=latin1',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      'multipart/form-data; boundary=xyz',
      'application/octet-stream',
    ),
    body: fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constantFrom('{', '{"activity":', '[]', 'null', '"x"', '', '--xyz--'),
    ),
  }),
);

/** A report body: random bytes, random JSON, or a real report cut short or intact. */
const reportFixtures = [
  'semgrep/many_vulns.json',
  'gitleaks/gitleaks8_many.json',
  'npm_audit_7_plus/no_vuln.json',
  'cyclonedx/log4j.xml',
  'zap/empty_2.9.0.xml',
  'sarif/no_runs.sarif',
  'trivy/legacy_no_vuln.json',
].map(fixture);
const reportBody = fc.oneof(
  { arbitrary: fc.constantFrom(...reportFixtures), weight: 2 },
  fc.uint8Array({ maxLength: 300 }).map(b => Buffer.from(b)),
  fc.jsonValue({ maxDepth: 4 }).map(v => Buffer.from(JSON.stringify(v))),
  fc
    .tuple(fc.nat(reportFixtures.length - 1), fc.double({ min: 0, max: 1 }))
    .map(([i, cut]) =>
      reportFixtures[i].subarray(
        0,
        Math.ceil(reportFixtures[i].length * (cut || 1)),
      ),
    ),
);
const reportParams = fc.record(
  {
    entity: fc.oneof(
      {
        arbitrary: fc.constantFrom(
          'component:default/alpha',
          'alpha',
          'Component:Default/Gamma',
        ),
        weight: 3,
      },
      fc.constantFrom(
        'system:default/payments',
        'component:default/nope',
        ':',
        'a:b:c/d/e',
      ),
      fc.string({ maxLength: 30 }),
    ),
    format: fc.oneof(
      fc.constantFrom('semgrep', 'gitleaks', 'trivy', 'zap', 'sarif', 'x'),
      fc.string({ maxLength: 10 }),
    ),
    source: fc.oneof(
      { arbitrary: fc.webUrl(), weight: 3 },
      fc.constant('s'.repeat(2100)),
    ),
  },
  { requiredKeys: [] },
);
const reportQuery = fc
  .tuple(reportParams, sometimesQuery)
  .map(([params, extra]) =>
    [
      ...Object.entries(params).map(
        ([k, v]) => `${k}=${encodeURIComponent(v)}`,
      ),
      ...(extra ? [extra.slice(1)] : []),
    ].join('&'),
  );

const withAuth = (req: request.Test, header: string | undefined) =>
  header === undefined ? req : req.set('Authorization', header);

/** Runs per property (times 2 or 3); DSOMM_FUZZ_RUNS raises it for a longer hunt. */
const RUNS = Number(process.env.DSOMM_FUZZ_RUNS ?? 100);

describe('REST API under random input (SQLite)', () => {
  it('GET entity, reports and history: never 5xx, 4xx always explained', async () => {
    await fc.assert(
      fc.asyncProperty(
        mostly(fc.constantFrom('component', 'Component', 'system')),
        mostly(fc.constantFrom('default', 'Default')),
        mostly(fc.constantFrom('alpha', 'beta', 'gamma', 'payments', 'nope')),
        fc.constantFrom('', '/reports', '/history', '/history/'),
        sometimesQuery,
        auth,
        async (kind, ns, name, tail, q, header) => {
          const url = `/api/dsomm/entities/${kind}/${ns}/${name}${tail}${q}`;
          check(await withAuth(request(server).get(url), header), url);
        },
      ),
      { numRuns: RUNS * 2 },
    );
    expect([...seen].sort()).toEqual(['2xx', '4xx']);
  });

  it('POST refresh, attestations and waivers: never 5xx, 4xx always explained', async () => {
    await fc.assert(
      fc.asyncProperty(
        mostly(fc.constant('component')),
        mostly(fc.constant('default')),
        mostly(fc.constantFrom('alpha', 'gamma', 'nope')),
        fc.constantFrom('/refresh', '/attestations', '/waivers'),
        sometimesQuery,
        rawBody,
        auth,
        async (kind, ns, name, tail, q, { type, body }, header) => {
          const url = `/api/dsomm/entities/${kind}/${ns}/${name}${tail}${q}`;
          const res = await withAuth(
            request(server).post(url).set('Content-Type', type).send(body),
            header,
          );
          check(res, `POST ${url} ${type} ${body.slice(0, 200)}`);
        },
      ),
      { numRuns: RUNS * 2 },
    );
    expect([...seen].sort()).toEqual(['2xx', '4xx']);
  });

  it('DELETE attestations and waivers: never 5xx, 4xx always explained', async () => {
    // a real attestation and waiver, so that some deletes find something
    const created = await Promise.all(
      [
        ['attestations', { activity: 'version-control', comment: 'fuzz' }],
        ['waivers', { activity: 'version-control', justification: 'fuzz' }],
      ].map(([kind, body]) =>
        request(server)
          .post(`/api/dsomm/entities/component/default/gamma/${kind}`)
          .set('Authorization', user)
          .send(body),
      ),
    );
    for (const res of created) expect(res.status).toBe(201);
    const ids = created.map(res => res.body.id as string);
    await fc.assert(
      fc.asyncProperty(
        mostly(fc.constant('component')),
        mostly(fc.constant('default')),
        mostly(fc.constantFrom('gamma', 'alpha')),
        fc.constantFrom('attestations', 'waivers'),
        mostly(fc.oneof(fc.constantFrom(...ids), fc.uuid())),
        sometimesQuery,
        auth,
        async (kind, ns, name, what, id, q, header) => {
          const url = `/api/dsomm/entities/${kind}/${ns}/${name}/${what}/${id}${q}`;
          check(await withAuth(request(server).delete(url), header), url);
        },
      ),
      { numRuns: RUNS * 2 },
    );
    expect(seen.has('4xx')).toBe(true);
  });

  it('GET scorecard, trend and export: never 5xx, 4xx always explained', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/scorecard',
          '/scorecard/trend',
          '/scorecard/export',
          '/model',
          '/targets',
        ),
        query,
        auth,
        async (route, q, header) => {
          const url = `/api/dsomm${route}${q}`;
          check(await withAuth(request(server).get(url), header), url);
        },
      ),
      { numRuns: RUNS * 3 },
    );
    expect([...seen].sort()).toEqual(['2xx', '4xx']);
  });

  it('POST reports with random bodies and parameters: never 5xx, 4xx always explained', async () => {
    await fc.assert(
      fc.asyncProperty(
        reportQuery,
        reportBody,
        fc.constantFrom(
          'application/octet-stream',
          'application/json',
          'application/xml',
          'text/plain',
          'multipart/form-data; boundary=xyz',
        ),
        auth,
        async (q, body, type, header) => {
          const url = `/api/dsomm/reports?${q}`;
          const res = await withAuth(
            request(server).post(url).set('Content-Type', type).send(body),
            header,
          );
          check(res, `POST ${url} ${type} (${body.length} bytes)`);
        },
      ),
      {
        numRuns: RUNS * 3,
        // Random parameters seldom all line up; one valid upload always runs, so the success
        // path is exercised in every run, not in most.
        examples: [
          [
            'entity=component%3Adefault%2Falpha',
            reportFixtures[0],
            'application/octet-stream',
            user,
          ],
        ],
      },
    );
    expect([...seen].sort()).toEqual(['2xx', '4xx']);
  });
});
