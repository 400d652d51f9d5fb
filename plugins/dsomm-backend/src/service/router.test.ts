import {
  TestDatabaseId,
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { assertMatchesSpec, openApiSpec } from '../__testUtils__/openapi';
import { dsommTestFeatures } from '../__testUtils__/backend';
import { testCatalog } from '../__testUtils__/entities';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const SECRETS_IN_CODE = 'c6e3c812-56e2-41b0-ae01-b7afc41a004c';
const BUILD_PROCESS = 'f6f7737f-25a9-4317-8de2-09bf59f29b5b';
const user = mockCredentials.user.header();

async function startBackend(
  databaseId: TestDatabaseId,
  options: {
    entities?: Entity[];
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  } = {},
) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: dsommTestFeatures({
      knex,
      entities: options.entities,
      permission: options.permission,
    }),
  });
  return { server, knex };
}

describe.each(databases.eachSupportedId())(
  'dsomm REST API on %p',
  databaseId => {
    it('scores an entity from its annotations, with target, gap, next steps and warnings', async () => {
      const { server } = await startBackend(databaseId);
      const res = await request(server)
        .get('/api/dsomm/entities/component/default/alpha')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      const body = res.body;
      expect(body).toMatchObject({
        entityRef: 'component:default/alpha',
        owner: 'group:default/team-a',
        system: 'system:default/payments',
        domain: 'domain:default/commerce',
        tier: 'critical',
        modelVersion: '4.3.1',
        overallLevel: 0,
        meetsTarget: false,
        target: { level: 3, dimensions: { 'Test and Verification': 2 } },
        warnings: [],
      });
      expect(body.activities).toHaveLength(194);
      const secrets = body.activities.find(
        (a: any) => a.activityId === SECRETS_IN_CODE,
      );
      expect(secrets.status).toBe('implemented');
      // listed twice (by key and by uuid) but counted once
      expect(secrets.evidence).toHaveLength(1);
      expect(secrets.evidence[0]).toMatchObject({
        source: 'annotation',
        details: { annotation: 'dsomm.owasp.org/implemented' },
      });
      const sonar = body.activities.find(
        (a: any) => a.activityId === '6c05c837-8c99-46e2-828b-7c903e27dba4',
      );
      expect(sonar.evidence[0].details).toMatchObject({
        annotation: 'sonarqube.org/project-key',
        value: 'alpha',
      });
      const gapTest = body.gap.dimensions.find(
        (d: any) => d.dimension === 'Test and Verification',
      );
      expect(gapTest.target).toBe(2);
      expect(gapTest.missingActivityIds).not.toContain(SECRETS_IN_CODE);
      expect(body.score).toBeGreaterThan(0);
      expect(body.nextSteps.length).toBeGreaterThan(0);
      expect(body.nextSteps[0].level).toBe(1);
    });

    it('reports unknown activity keys as warnings, applies not-applicable and tier fallbacks', async () => {
      const { server } = await startBackend(databaseId);
      const beta = await request(server)
        .get('/api/dsomm/entities/component/default/beta')
        .set('Authorization', user);
      expect(beta.status).toBe(200);
      expect(beta.body.warnings).toEqual([
        'dsomm.owasp.org/implemented: unknown activity "not-a-real-activity"',
      ]);
      expect(beta.body.owner).toBe('group:default/team-b');
      const notApplicable = beta.body.activities.filter(
        (a: any) => a.status === 'not-applicable',
      );
      expect(notApplicable.map((a: any) => a.activityId)).toEqual([
        '0cb2626b-fb0d-4a0f-9688-57f787310d97', // blue-green-deployment
      ]);
      expect(
        beta.body.activities.find(
          (a: any) => a.activityId === '066084c6-1135-4635-9cc5-9e75c7c5459f',
        ).status,
      ).toBe('implemented');

      const gamma = await request(server)
        .get('/api/dsomm/entities/component/default/gamma')
        .set('Authorization', user);
      expect(gamma.body).toMatchObject({
        tier: 'experimental',
        target: { level: 0 },
        meetsTarget: true,
        overallLevel: 0,
      });
    });

    it('answers 404 for an entity not in the catalog or of a kind without scores, and 400 for a malformed ref', async () => {
      const { server } = await startBackend(databaseId, {
        entities: [
          ...testCatalog(),
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Resource',
            metadata: { name: 'db', namespace: 'default' },
            spec: { type: 'database', owner: 'team-a' },
          },
        ],
      });
      const missing = await request(server)
        .get('/api/dsomm/entities/component/default/nope')
        .set('Authorization', user);
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toBe(
        'Entity component:default/nope is not in the catalog',
      );
      const resource = await request(server)
        .get('/api/dsomm/entities/resource/default/db')
        .set('Authorization', user);
      expect(resource.status).toBe(404);
      expect(resource.body.error.message).toContain('is a Resource');
      // A System answers the roll-up of its components (see rollup.test.ts).
      const system = await request(server)
        .get('/api/dsomm/entities/system/default/payments')
        .set('Authorization', user);
      expect(system.status).toBe(200);
      expect(system.body).toMatchObject({
        type: 'rollup',
        entityRef: 'system:default/payments',
      });
      assertMatchesSpec('get', '/entities/{kind}/{namespace}/{name}', system);
      const bad = await request(server)
        .get('/api/dsomm/entities/component/default/%20bad')
        .set('Authorization', user);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe(
        'name: must match pattern "^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$"; got " bad"',
      );
    });

    it('answers 401 without credentials', async () => {
      const { server } = await startBackend(databaseId);
      const res = await request(server)
        .get('/api/dsomm/scorecard')
        .set('Authorization', mockCredentials.none.header());
      expect(res.status).toBe(401);
    });

    it('serves its OpenAPI spec with the paths as mounted', async () => {
      const { server } = await startBackend(databaseId);
      const res = await request(server)
        .get('/api/dsomm/openapi.json')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      expect(res.body.openapi).toMatch(/^3\./);
      expect(Object.keys(res.body.paths)).toContain('/api/dsomm/scorecard');
      expect(
        Object.keys(res.body.paths).every(p => p.startsWith('/api/dsomm/')),
      ).toBe(true);
    });

    it('records, shows and revokes an attestation', async () => {
      const { server } = await startBackend(databaseId);
      const base = '/api/dsomm/entities/component/default/gamma';
      const created = await request(server)
        .post(`${base}/attestations`)
        .set('Authorization', user)
        .send({
          activity: 'defined-build-process',
          comment: 'Builds run in our CI template',
          link: 'https://ci.example.com/gamma',
        });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        entityRef: 'component:default/gamma',
        activityId: BUILD_PROCESS,
        comment: 'Builds run in our CI template',
        link: 'https://ci.example.com/gamma',
        attestedBy: 'user:default/mock',
      });
      // default expiry: 365 days
      const days =
        (Date.parse(created.body.expiresAt) -
          Date.parse(created.body.attestedAt)) /
        86_400_000;
      expect(days).toBe(365);

      const scored = await request(server).get(base).set('Authorization', user);
      const activity = scored.body.activities.find(
        (a: any) => a.activityId === BUILD_PROCESS,
      );
      expect(activity.status).toBe('implemented');
      expect(activity.evidence[0]).toMatchObject({
        source: 'attestation',
        details: {
          actor: 'user:default/mock',
          url: 'https://ci.example.com/gamma',
        },
      });
      expect(scored.body.attestations).toHaveLength(1);

      const revoked = await request(server)
        .delete(`${base}/attestations/${created.body.id}`)
        .set('Authorization', user);
      expect(revoked.status).toBe(204);
      const after = await request(server).get(base).set('Authorization', user);
      expect(
        after.body.activities.find((a: any) => a.activityId === BUILD_PROCESS)
          .status,
      ).toBe('missing');
      expect(after.body.attestations).toEqual([]);

      const again = await request(server)
        .delete(`${base}/attestations/${created.body.id}`)
        .set('Authorization', user);
      expect(again.status).toBe(404);
    });

    it('rejects bad attestations with 400 naming the problem, storing nothing', async () => {
      const { server, knex } = await startBackend(databaseId);
      const url = '/api/dsomm/entities/component/default/gamma/attestations';
      const cases: Array<[object, string]> = [
        [
          { activity: 'nope', comment: 'x' },
          'activity: unknown activity "nope"',
        ],
        [{ activity: 'defined-build-process' }, 'body.comment: is required'],
        [
          { activity: 'defined-build-process', comment: 'x', link: 'ftp://x' },
          'body.link: must be an http or https URL',
        ],
        [
          {
            activity: 'defined-build-process',
            comment: 'x',
            expiresAt: 'soon',
          },
          'body.expiresAt: must match pattern "^\\d{4}-\\d{2}-\\d{2}"; got "soon"',
        ],
        [
          {
            activity: 'defined-build-process',
            comment: 'x',
            expiresAt: '2030-13-45',
          },
          'body.expiresAt: must be an ISO 8601 date; got "2030-13-45"',
        ],
        [
          { activity: 'defined-build-process', comment: '   ' },
          'body.comment: must be a non-empty string',
        ],
        [
          { activity: 'defined-build-process', comment: 'x'.repeat(2001) },
          'body.comment: must NOT have more than 2000 characters',
        ],
        [
          {
            activity: 'defined-build-process',
            comment: 'x',
            expiresAt: '2001-01-01',
          },
          'expiresAt: must be in the future',
        ],
        [
          { activity: 'defined-build-process', comment: 'x', extra: 1 },
          'body.extra: unknown field',
        ],
      ];
      for (const [body, message] of cases) {
        const res = await request(server)
          .post(url)
          .set('Authorization', user)
          .send(body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(message);
      }
      const missing = await request(server)
        .post('/api/dsomm/entities/component/default/nope/attestations')
        .set('Authorization', user)
        .send({ activity: 'defined-build-process', comment: 'x' });
      expect(missing.status).toBe(404);
      const [{ n }] = await knex('dsomm_evidence').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });

    it('answers 403 without permission and stores nothing', async () => {
      const { server, knex } = await startBackend(databaseId, {
        permission: AuthorizeResult.DENY,
      });
      const res = await request(server)
        .post('/api/dsomm/entities/component/default/gamma/attestations')
        .set('Authorization', user)
        .send({ activity: 'defined-build-process', comment: 'x' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'Missing permission dsomm.attestation.create',
      );
      const refresh = await request(server)
        .post('/api/dsomm/entities/component/default/gamma/refresh')
        .set('Authorization', user);
      expect(refresh.status).toBe(403);
      const [{ n }] = await knex('dsomm_evidence').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });

    it('records a waiver that makes an activity not applicable, and revokes it', async () => {
      const { server } = await startBackend(databaseId);
      const base = '/api/dsomm/entities/component/default/gamma';
      const expiresAt = new Date(Date.now() + 100 * 86_400_000).toISOString();
      const created = await request(server)
        .post(`${base}/waivers`)
        .set('Authorization', user)
        .send({
          activity: 'test-for-stored-secrets-in-code',
          justification: 'No source code: configuration only',
          expiresAt,
        });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        activityId: SECRETS_IN_CODE,
        grantedBy: 'user:default/mock',
        expiresAt,
      });
      const scored = await request(server).get(base).set('Authorization', user);
      expect(
        scored.body.activities.find(
          (a: any) => a.activityId === SECRETS_IN_CODE,
        ).status,
      ).toBe('not-applicable');
      expect(scored.body.waivers).toHaveLength(1);
      const revoked = await request(server)
        .delete(`${base}/waivers/${created.body.id}`)
        .set('Authorization', user);
      expect(revoked.status).toBe(204);
      const after = await request(server).get(base).set('Authorization', user);
      expect(
        after.body.activities.find((a: any) => a.activityId === SECRETS_IN_CODE)
          .status,
      ).toBe('missing');
    });

    it('gives a waiver without expiry the default lifetime, and refuses an expiry past the limit', async () => {
      const { server, knex } = await startBackend(databaseId);
      const base = '/api/dsomm/entities/component/default/gamma';
      const before = Date.now();
      const created = await request(server)
        .post(`${base}/waivers`)
        .set('Authorization', user)
        .send({
          activity: 'test-for-stored-secrets-in-code',
          justification: 'Configuration only',
        });
      expect(created.status).toBe(201);
      const lifetimeDays =
        (Date.parse(created.body.expiresAt) - before) / 86_400_000;
      expect(lifetimeDays).toBeGreaterThan(179.9);
      expect(lifetimeDays).toBeLessThan(180.1);

      const tooLate = new Date(before + 1100 * 86_400_000).toISOString();
      for (const [route, text] of [
        ['waivers', 'justification'],
        ['attestations', 'comment'],
      ]) {
        const refused = await request(server)
          .post(`${base}/${route}`)
          .set('Authorization', user)
          .send({
            activity: 'defined-build-process',
            [text]: 'x',
            expiresAt: tooLate,
          });
        expect(refused.status).toBe(400);
        expect(refused.body.error.message).toBe(
          'expiresAt: must be within 1095 days (dsomm.evidence.maxExpiryDays)',
        );
      }
      const [{ n }] = await knex('dsomm_waivers').count({ n: '*' });
      expect(Number(n)).toBe(1);
      // attestations are stored as manual evidence
      const [{ m }] = await knex('dsomm_evidence').count({ m: '*' });
      expect(Number(m)).toBe(0);
    });

    it('serves the scorecard with groups, filters, sorting, paging and CSV export', async () => {
      const { server } = await startBackend(databaseId);
      for (const name of ['alpha', 'beta', 'gamma']) {
        const res = await request(server)
          .post(`/api/dsomm/entities/component/default/${name}/refresh`)
          .set('Authorization', user);
        expect(res.status).toBe(200);
      }
      const byOwner = await request(server)
        .get('/api/dsomm/scorecard?groupBy=owner&sort=score&order=desc')
        .set('Authorization', user);
      expect(byOwner.status).toBe(200);
      expect(byOwner.body.groups.map((g: any) => [g.key, g.count])).toEqual([
        ['group:default/team-a', 1],
        ['group:default/team-b', 2],
      ]);
      expect(byOwner.body.total.count).toBe(3);
      expect(byOwner.body.totalRows).toBe(3);
      const scores = byOwner.body.rows.map((r: any) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      expect(byOwner.body.rows[0].entityRef).toBe('component:default/alpha');

      const byTier = await request(server)
        .get(
          '/api/dsomm/scorecard?groupBy=tier&tier=critical,standard&limit=1&offset=1&sort=name',
        )
        .set('Authorization', user);
      expect(byTier.body.groups.map((g: any) => g.key)).toEqual([
        'critical',
        'standard',
      ]);
      expect(byTier.body.totalRows).toBe(2);
      expect(byTier.body.rows.map((r: any) => r.name)).toEqual(['beta']);

      const byDomain = await request(server)
        .get(
          '/api/dsomm/scorecard?groupBy=domain&domain=domain:default/commerce',
        )
        .set('Authorization', user);
      expect(byDomain.body.rows.map((r: any) => r.name)).toEqual(['alpha']);

      const csv = await request(server)
        .get(
          '/api/dsomm/scorecard/export?format=csv&owner=group:default/team-b',
        )
        .set('Authorization', user);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toMatch(
        /^entityRef,title,owner,system,domain,tier,lifecycle,overallLevel/,
      );
      expect(lines.slice(1).map(l => l.split(',')[0])).toEqual([
        'component:default/beta',
        'component:default/gamma',
      ]);

      const history = await request(server)
        .get('/api/dsomm/entities/component/default/alpha/history')
        .set('Authorization', user);
      expect(history.status).toBe(200);
      expect(history.body.history).toHaveLength(1);
      expect(history.body.history[0].day).toBe(
        new Date().toISOString().slice(0, 10),
      );
    });

    it('rejects bad scorecard parameters with 400 naming the parameter', async () => {
      const { server } = await startBackend(databaseId);
      const cases: Array<[string, string]> = [
        [
          'groupBy=team',
          'groupBy: must be one of owner, system, domain, tier; got "team"',
        ],
        ['limit=0', 'limit: must be >= 1; got 0'],
        ['limit=501', 'limit: must be <= 500; got 501'],
        ['offset=-1', 'offset: must be >= 0; got -1'],
        ['offset=1.5', 'offset: must be integer; got "1.5"'],
        ['sort=colour', 'sort: must be one of'],
        ['order=up', 'order: must be one of asc, desc'],
        ['groupBy=owner&groupBy=tier', 'groupBy: must be string; got 2 items'],
      ];
      for (const [query, message] of cases) {
        const res = await request(server)
          .get(`/api/dsomm/scorecard?${query}`)
          .set('Authorization', user);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(message);
      }
      const csv = await request(server)
        .get('/api/dsomm/scorecard/export?format=xlsx')
        .set('Authorization', user);
      expect(csv.status).toBe(400);
      expect(csv.body.error.message).toContain('format: must be one of csv');
      const grouped = await request(server)
        .get('/api/dsomm/scorecard/export?groupBy=team')
        .set('Authorization', user);
      expect(grouped.status).toBe(400);
      expect(grouped.body.error.message).toContain(
        'groupBy: must be one of owner, system, domain, tier; got "team"',
      );
    });

    it('answers every endpoint as the OpenAPI spec describes', async () => {
      const { server } = await startBackend(databaseId);
      const base = '/api/dsomm/entities/component/default/alpha';
      const entityPath = '/entities/{kind}/{namespace}/{name}';
      const check = async (
        method: 'get' | 'post' | 'delete',
        specPath: string,
        url: string,
        body?: object,
      ) => {
        const req = request(server)[method](url).set('Authorization', user);
        const res = body ? await req.send(body) : await req;
        assertMatchesSpec(method, specPath, res);
        return res;
      };
      await check('get', '/model', '/api/dsomm/model');
      await check('get', '/targets', '/api/dsomm/targets');
      expect((await check('get', entityPath, base)).status).toBe(200);
      expect(
        (
          await check(
            'get',
            entityPath,
            '/api/dsomm/entities/component/default/nope',
          )
        ).status,
      ).toBe(404);
      await check('post', `${entityPath}/refresh`, `${base}/refresh`);
      await check('get', `${entityPath}/history`, `${base}/history?days=30`);
      const attestation = await check(
        'post',
        `${entityPath}/attestations`,
        `${base}/attestations`,
        {
          activity: 'simple-scan',
          comment: 'ZAP baseline in CI',
        },
      );
      expect(attestation.status).toBe(201);
      await check(
        'post',
        `${entityPath}/attestations`,
        `${base}/attestations`,
        { activity: 'x' },
      );
      await check(
        'delete',
        `${entityPath}/attestations/{id}`,
        `${base}/attestations/${attestation.body.id}`,
      );
      const waiver = await check(
        'post',
        `${entityPath}/waivers`,
        `${base}/waivers`,
        {
          activity: 'simple-scan',
          justification: 'No web interface',
        },
      );
      expect(waiver.status).toBe(201);
      await check(
        'delete',
        `${entityPath}/waivers/{id}`,
        `${base}/waivers/${waiver.body.id}`,
      );
      const card = await check(
        'get',
        '/scorecard',
        '/api/dsomm/scorecard?groupBy=tier',
      );
      expect(card.body.rows.length).toBeGreaterThan(0);
      await check('get', '/scorecard', '/api/dsomm/scorecard?limit=9999');
      const trend = await check(
        'get',
        '/scorecard/trend',
        '/api/dsomm/scorecard/trend?days=7',
      );
      expect(trend.body.points).toHaveLength(1);
      // the check itself rejects a body the spec does not allow
      expect(() =>
        assertMatchesSpec('get', '/targets', {
          status: 200,
          body: { tiers: {} },
        }),
      ).toThrow(
        "does not match the spec: data must have required property 'default'",
      );
      // every path in the spec is exercised above, in reports.test.ts, progress.api.test.ts,
      // levelSummaries.api.test.ts, rollup/liftPreview.api.test.ts,
      // scopes/scopedEvidence.api.test.ts, gate/gate.api.test.ts, service/audit.api.test.ts,
      // service/approvals.api.test.ts or campaigns/campaigns.api.test.ts
      expect(Object.keys(openApiSpec.paths).sort()).toEqual(
        [
          '/model',
          '/targets',
          entityPath,
          `${entityPath}/history`,
          `${entityPath}/preview`,
          `${entityPath}/refresh`,
          `${entityPath}/gate`,
          `${entityPath}/attestations`,
          `${entityPath}/attestations/{id}`,
          `${entityPath}/waivers`,
          `${entityPath}/waivers/{id}`,
          `${entityPath}/reports`,
          '/reports',
          '/scorecard',
          '/scorecard/trend',
          '/scorecard/export',
          '/progress/import',
          '/progress/export',
          '/organization',
          '/organization/attestations',
          '/organization/attestations/{id}',
          '/organization/waivers',
          '/organization/waivers/{id}',
          '/scores/summary',
          '/scores/below-target',
          '/audit',
          `${entityPath}/attestations/{id}/approve`,
          `${entityPath}/attestations/{id}/deny`,
          `${entityPath}/waivers/{id}/approve`,
          `${entityPath}/waivers/{id}/deny`,
          '/organization/attestations/{id}/approve',
          '/organization/attestations/{id}/deny',
          '/organization/waivers/{id}/approve',
          '/organization/waivers/{id}/deny',
          '/approvals',
          '/campaigns',
          '/campaigns/{id}',
        ].sort(),
      );
    });

    it('serves the model and the targets', async () => {
      const { server } = await startBackend(databaseId);
      const model = await request(server)
        .get('/api/dsomm/model')
        .set('Authorization', user);
      expect(model.body.activities).toHaveLength(194);
      // The default rules and mapping, by id, for the "how to prove it" drawer.
      const byKey = new Map<string, string>(
        model.body.activities.map((a: { key: string; id: string }) => [
          a.key,
          a.id,
        ]),
      );
      expect(model.body.evidenceRules.annotations).toContainEqual({
        annotation: 'jenkins.io/job-full-name',
        activityIds: [byKey.get('defined-build-process')],
      });
      expect(model.body.evidenceRules.reports.secrets).toEqual([
        byKey.get('test-for-stored-secrets-in-code'),
      ]);
      const targets = await request(server)
        .get('/api/dsomm/targets')
        .set('Authorization', user);
      expect(targets.status).toBe(200);
      expect(targets.body.tiers.critical).toEqual({
        level: 3,
        dimensions: { 'Test and Verification': 2 },
      });
      expect(targets.body.default).toEqual({ level: 1, dimensions: {} });
    });
  },
);
