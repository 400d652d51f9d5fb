import fs from 'fs';
import path from 'path';
import {
  TestDatabaseId,
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { testConfig } from '../__testUtils__/entities';
import { dsommTestFeatures } from '../__testUtils__/backend';
import { assertMatchesSpec } from '../__testUtils__/openapi';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const user = mockCredentials.user.header();
const fixture = (name: string) =>
  fs.readFileSync(path.resolve(__dirname, '../reports/__fixtures__', name));

const SCA_SERVER_SIDE = 'd918cd44-a972-43e9-a974-eff3f4a5dcfe';
const SAST_SERVER_SIDE = '6c05c837-8c99-46e2-828b-7c903e27dba4';

async function startBackend(
  databaseId: TestDatabaseId,
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    maxBytes?: number;
  } = {},
) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: dsommTestFeatures({
      knex,
      config: {
        ...testConfig,
        dsomm: {
          ...testConfig.dsomm,
          reports: { maxBytes: options.maxBytes ?? 10 * 1024 * 1024 },
        },
      },
      permission: options.permission,
    }),
  });
  const count = async (table: string) =>
    Number((await knex(table).count({ n: '*' }))[0].n);
  return { server, knex, count };
}

const upload = (
  server: Parameters<typeof request>[0],
  body: Buffer | string,
  query = 'entity=component:default/gamma',
) =>
  request(server)
    .post(`/api/dsomm/reports?${query}`)
    .set('Authorization', user)
    .set('Content-Type', 'application/octet-stream')
    .send(body);

describe.each(databases.eachSupportedId())(
  'report uploads on %p',
  databaseId => {
    it('stores a real Trivy report, evidences its activities and re-scores the component', async () => {
      const { server } = await startBackend(databaseId);
      const before = await request(server)
        .get('/api/dsomm/entities/component/default/gamma')
        .set('Authorization', user);
      expect(
        before.body.activities.find(
          (a: any) => a.activityId === SCA_SERVER_SIDE,
        ).status,
      ).toBe('missing');

      const res = await upload(
        server,
        fixture('trivy/scheme_2_many_vulns.json'),
        'entity=component:default/gamma&source=https://ci.example.com/run/1',
      );
      expect(res.status).toBe(201);
      assertMatchesSpec('post', '/reports', res);
      expect(res.body).toMatchObject({
        entityRef: 'component:default/gamma',
        source: 'https://ci.example.com/run/1',
        uploadedBy: 'user:default/mock',
        summary: { format: 'trivy', tool: { name: 'Trivy' } },
      });
      expect(res.body.summary.findingKeys).toBeUndefined();
      expect(res.body.summary.totalFindings).toBeGreaterThan(0);
      expect(res.body.activityIds).toContain(SCA_SERVER_SIDE);

      const after = await request(server)
        .get('/api/dsomm/entities/component/default/gamma')
        .set('Authorization', user);
      const sca = after.body.activities.find(
        (a: any) => a.activityId === SCA_SERVER_SIDE,
      );
      expect(sca.status).toBe('implemented');
      expect(sca.evidence[0]).toMatchObject({
        source: 'report',
        details: { reportId: res.body.id, tool: 'Trivy' },
      });
      expect(after.body.score).toBeGreaterThan(before.body.score);

      const list = await request(server)
        .get('/api/dsomm/entities/component/default/gamma/reports')
        .set('Authorization', user);
      expect(list.status).toBe(200);
      assertMatchesSpec(
        'get',
        '/entities/{kind}/{namespace}/{name}/reports',
        list,
      );
      expect(list.body.reports.map((r: any) => r.id)).toEqual([res.body.id]);
    });

    it('answers 200 with the same id for an identical report and stores nothing twice', async () => {
      const { server, count } = await startBackend(databaseId);
      const first = await upload(server, fixture('semgrep/many_vulns.json'));
      expect(first.status).toBe(201);
      const second = await upload(server, fixture('semgrep/many_vulns.json'));
      expect(second.status).toBe(200);
      expect(second.body.id).toBe(first.body.id);
      expect(await count('dsomm_reports')).toBe(1);
      // the same report for another component is that component's own
      const other = await upload(
        server,
        fixture('semgrep/many_vulns.json'),
        'entity=component:default/beta',
      );
      expect(other.status).toBe(201);
      expect(await count('dsomm_reports')).toBe(2);
    });

    it('scores with the latest upload of each tool; earlier ones stay listed', async () => {
      const { server } = await startBackend(databaseId);
      const semgrep = fixture('semgrep/many_vulns.json').toString('utf8');
      const first = await upload(server, semgrep);
      const second = await upload(server, `${semgrep} `);
      const trivy = await upload(
        server,
        fixture('trivy/scheme_2_many_vulns.json'),
      );
      const third = await upload(server, `${semgrep}  `);
      expect([first, second, trivy, third].map(r => r.status)).toEqual([
        201, 201, 201, 201,
      ]);

      const score = await request(server)
        .get('/api/dsomm/entities/component/default/gamma')
        .set('Authorization', user);
      const evidenced = new Set(
        score.body.activities.flatMap((a: any) =>
          a.evidence
            .filter((e: any) => e.source === 'report')
            .map((e: any) => e.details.reportId),
        ),
      );
      // Uploads in the same millisecond are ordered by id.
      const latestSemgrep = [first, second, third]
        .map(r => r.body)
        .sort(
          (a, b) =>
            a.uploadedAt.localeCompare(b.uploadedAt) ||
            a.id.localeCompare(b.id),
        )[2];
      expect([...evidenced].sort()).toEqual(
        [latestSemgrep.id, trivy.body.id].sort(),
      );
      const list = await request(server)
        .get('/api/dsomm/entities/component/default/gamma/reports')
        .set('Authorization', user);
      expect(list.body.reports).toHaveLength(4);
    });

    it("counts one tool's scans of different kinds; a later scan supersedes only its kind", async () => {
      const { server } = await startBackend(databaseId);
      // The real Trivy report's results kept by class, as `trivy fs --scanners secret` and
      // `trivy config` of the same folder write them; the third scan finds one secret fewer.
      const doc = JSON.parse(
        fixture('trivy/misconfigurations_and_secrets.json').toString('utf8'),
      );
      const scan = (createdAt: string, results: any[]) =>
        JSON.stringify({ ...doc, CreatedAt: createdAt, Results: results });
      const secrets = doc.Results.filter((r: any) => r.Class === 'secret');
      const config = doc.Results.filter((r: any) => r.Class === 'config');
      const evidenced = async () => {
        const score = await request(server)
          .get('/api/dsomm/entities/component/default/gamma')
          .set('Authorization', user);
        return [
          ...new Set(
            score.body.activities.flatMap((a: any) =>
              a.evidence
                .filter((e: any) => e.source === 'report')
                .map((e: any) => e.details.reportId),
            ),
          ),
        ].sort();
      };
      /** Uploads once the clock has passed `after`, so the upload times are ordered. */
      const uploadAfter = async (after: string | undefined, body: string) => {
        while (after && Date.now() <= Date.parse(after)) {
          await new Promise(resolve => setImmediate(resolve));
        }
        const res = await upload(server, body);
        expect(res.status).toBe(201);
        return res.body;
      };

      const secretScan = await uploadAfter(
        undefined,
        scan('2026-01-01T00:00:00Z', secrets),
      );
      const configScan = await uploadAfter(
        secretScan.uploadedAt,
        scan('2026-01-02T00:00:00Z', config),
      );
      expect(secretScan.summary.categories).toEqual(['secrets']);
      expect(configScan.summary.categories).toEqual(['iac']);
      expect(await evidenced()).toEqual([secretScan.id, configScan.id].sort());

      const secretAgain = await uploadAfter(
        configScan.uploadedAt,
        scan('2026-01-03T00:00:00Z', secrets.slice(0, 1)),
      );
      expect(secretAgain.summary.categories).toEqual(['secrets']);
      expect(await evidenced()).toEqual([secretAgain.id, configScan.id].sort());
    });

    it('accepts Semgrep Supply Chain findings as its API exports them, and Bandit JSON', async () => {
      const { server } = await startBackend(databaseId);
      // The documented shape of the API's answer (see the fixtures' NOTICE).
      const supplyChain = await upload(
        server,
        fixture('semgrep_supply_chain/documented_shape.json'),
      );
      expect(supplyChain.status).toBe(201);
      expect(supplyChain.body.summary).toMatchObject({
        format: 'semgrep-supply-chain',
        tool: { name: 'Semgrep Supply Chain' },
        categories: ['sca'],
        totalFindings: 4,
      });
      expect(supplyChain.body.activityIds).toContain(SCA_SERVER_SIDE);
      // Bandit's JSON, detected as Bandit, no longer displaces the component's Semgrep report.
      const semgrep = await upload(server, fixture('semgrep/many_vulns.json'));
      const bandit = await upload(
        server,
        fixture('bandit/bandit_1.6.2_apt.json'),
      );
      expect([semgrep.status, bandit.status]).toEqual([201, 201]);
      expect(bandit.body.summary).toMatchObject({
        format: 'bandit',
        tool: { name: 'Bandit' },
        categories: ['sast'],
        totalFindings: 27,
        counts: { high: 3, medium: 1, low: 23, unknown: 0 },
      });
      expect(bandit.body.activityIds).toContain(SAST_SERVER_SIDE);
      const score = await request(server)
        .get('/api/dsomm/entities/component/default/gamma')
        .set('Authorization', user);
      const sast = score.body.activities.find(
        (a: any) => a.activityId === SAST_SERVER_SIDE,
      );
      expect(
        sast.evidence
          .filter((e: any) => e.source === 'report')
          .map((e: any) => e.details.reportId)
          .sort(),
      ).toEqual([semgrep.body.id, bandit.body.id].sort());
      assertMatchesSpec('post', '/reports', bandit);
    });

    it('accepts a multipart upload', async () => {
      const { server } = await startBackend(databaseId);
      const res = await request(server)
        .post(
          '/api/dsomm/reports?entity=component:default/alpha&format=gitleaks',
        )
        .set('Authorization', user)
        .attach(
          'report',
          fixture('gitleaks/gitleaks8_many.json'),
          'gitleaks.json',
        );
      expect(res.status).toBe(201);
      expect(res.body.summary).toMatchObject({
        format: 'gitleaks',
        categories: ['secrets'],
      });
    });

    it('rejects bad uploads with a clear 4xx and leaves stored data untouched', async () => {
      const { server, count } = await startBackend(databaseId, {
        maxBytes: 2000,
      });
      const scoresBefore = await count('dsomm_scores');
      const cases: Array<[Buffer | string, string, number, string]> = [
        [
          fixture('trivy/scheme_2_many_vulns.json'),
          'entity=component:default/gamma',
          413,
          'Report is larger than the limit of 2000 bytes (dsomm.reports.maxBytes)',
        ],
        [
          'hello world',
          'entity=component:default/gamma',
          415,
          'neither JSON nor XML',
        ],
        ['', 'entity=component:default/gamma', 415, 'Report body is empty'],
        [
          '{"a": 1,',
          'entity=component:default/gamma',
          400,
          'looks like JSON but does not parse',
        ],
        [
          '<a><b></a>',
          'entity=component:default/gamma',
          400,
          'looks like XML but does not parse',
        ],
        [
          '{"hello": "world"}',
          'entity=component:default/gamma',
          422,
          'JSON report of no known format: found an object with keys hello; expected one of',
        ],
        [
          '{"results": 5, "errors": []}',
          'entity=component:default/gamma&format=semgrep',
          422,
          'Semgrep report',
        ],
        [
          '{}',
          'entity=component:default/gamma&format=excel',
          400,
          'format: must be one of',
        ],
        [
          '{}',
          'entity=component:default/nope',
          404,
          'Entity component:default/nope is not in the catalog',
        ],
        ['{}', '', 400, 'entity: is required'],
      ];
      for (const [body, query, status, message] of cases) {
        const res = await upload(server, body, query);
        expect({ query, status: res.status }).toEqual({ query, status });
        expect(res.body.error.message).toContain(message);
        assertMatchesSpec('post', '/reports', res);
      }
      expect(await count('dsomm_reports')).toBe(0);
      expect(await count('dsomm_scores')).toBe(scoresBefore);
    });

    it('answers 401 without credentials and 403 without permission', async () => {
      const { server, count } = await startBackend(databaseId, {
        permission: AuthorizeResult.DENY,
      });
      const anonymous = await request(server)
        .post('/api/dsomm/reports?entity=component:default/gamma')
        .set('Authorization', mockCredentials.none.header())
        .send('{}');
      expect(anonymous.status).toBe(401);
      const denied = await upload(server, fixture('semgrep/many_vulns.json'));
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        'Missing permission dsomm.report.create',
      );
      expect(await count('dsomm_reports')).toBe(0);
    });

    it('lets a service (a CI pipeline token) upload, recording its subject', async () => {
      const { server } = await startBackend(databaseId);
      const res = await request(server)
        .post('/api/dsomm/reports?entity=component:default/alpha')
        .set('Authorization', mockCredentials.service.header())
        .send(fixture('semgrep/many_vulns.json'));
      expect(res.status).toBe(201);
      expect(res.body.uploadedBy).toBe(
        mockCredentials.service().principal.subject,
      );
      const scored = await request(server)
        .get('/api/dsomm/entities/component/default/alpha')
        .set('Authorization', user);
      expect(
        scored.body.activities
          .find((a: any) => a.activityId === SAST_SERVER_SIDE)
          .evidence.map((e: any) => e.source)
          .sort(),
      ).toEqual(['annotation', 'report']);
    });
  },
);
