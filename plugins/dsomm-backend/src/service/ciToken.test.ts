import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { httpRouterServiceFactory } from '@backstage/backend-defaults/httpRouter';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  TestDatabaseId,
  startTestBackend,
} from '@backstage/backend-test-utils';
import fs from 'fs';
import path from 'path';
import request from 'supertest';
import { catalogStackFeatures } from '../__testUtils__/catalogStack';
import { createTestDatabases } from '../__testUtils__/databases';
import { component } from '../__testUtils__/entities';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const UPLOAD_TOKEN = 'ci-upload-token-for-dsomm-tests';
const CATALOG_TOKEN = 'ci-catalog-token-for-dsomm-tests';
const REPORT = fs.readFileSync(
  path.resolve(__dirname, '../reports/__fixtures__/semgrep/many_vulns.json'),
);

/** The minimal CI token config of the README, and a token for another plugin only. */
const externalAccess = [
  {
    type: 'static',
    options: { token: UPLOAD_TOKEN, subject: 'ci-pipeline' },
    accessRestrictions: [
      { plugin: 'dsomm', permission: 'dsomm.report.create' },
    ],
  },
  {
    type: 'static',
    options: { token: CATALOG_TOKEN, subject: 'catalog-reader' },
    accessRestrictions: [{ plugin: 'catalog' }],
  },
];

async function startPortal(databaseId: TestDatabaseId) {
  const stack = catalogStackFeatures({
    databases,
    databaseId,
    entities: [component('alpha', { owner: 'team-a' })],
    config: {
      backend: { auth: { externalAccess } },
      permission: { enabled: true },
    },
    // Real token checks: the restrictions are enforced by the real auth services.
    auth: [
      authServiceFactory,
      httpAuthServiceFactory,
      httpRouterServiceFactory,
      permissionsServiceFactory,
    ],
  });
  const { server } = await startTestBackend({ features: stack.features });
  return { server, knex: await stack.dsommKnex() };
}

const upload = (server: any, token: string, name: string) =>
  request(server)
    .post(`/api/dsomm/reports?entity=component:default/${name}`)
    .set('Authorization', `Bearer ${token}`)
    .set('Content-Type', 'application/octet-stream')
    .send(REPORT);

describe.each(databases.eachSupportedId())(
  'CI tokens restricted to DSOMM on %p',
  databaseId => {
    it('uploads with a static token restricted to dsomm.report.create, and does nothing else', async () => {
      const { server, knex } = await startPortal(databaseId);
      const reports = async () =>
        (await knex('dsomm_reports').select('entity_ref', 'uploaded_by')).map(
          r => `${r.entity_ref} ${r.uploaded_by}`,
        );

      // Wait until the catalog has processed the entity.
      while (
        (
          await request(server)
            .get('/api/catalog/entities/by-name/component/default/alpha')
            .set('Authorization', `Bearer ${CATALOG_TOKEN}`)
        ).status !== 200
      ) {
        await new Promise(resolve => setTimeout(resolve, 100));
      }

      const res = await upload(server, UPLOAD_TOKEN, 'alpha');
      expect(res.status).toBe(201);
      expect(res.body.uploadedBy).toBe('ci-pipeline');

      // Unknown entity: 404 from the plugin's own catalog read, not a 403.
      const missing = await upload(server, UPLOAD_TOKEN, 'no-such-thing');
      expect(missing.status).toBe(404);

      // The CI gate is a read: the same token may ask it, as `dsomm-upload --fail-on` does.
      const gate = await request(server)
        .get(
          '/api/dsomm/entities/component/default/alpha/gate?failOn=sla-breach',
        )
        .set('Authorization', `Bearer ${UPLOAD_TOKEN}`);
      expect(gate.status).toBe(200);
      expect(gate.body).toMatchObject({
        entityRef: 'component:default/alpha',
        failOn: ['sla-breach'],
        // Semgrep's JSON states no scan time: its findings were first seen at the upload.
        pass: true,
        failures: [],
      });

      // The token grants no other write.
      const refresh = await request(server)
        .post('/api/dsomm/entities/component/default/alpha/refresh')
        .set('Authorization', `Bearer ${UPLOAD_TOKEN}`);
      expect(refresh.status).toBe(403);
      expect(refresh.body.error.message).toBe(
        'Missing permission dsomm.refresh',
      );
      // A token for another plugin is refused by DSOMM.
      const other = await upload(server, CATALOG_TOKEN, 'alpha');
      expect(other.status).toBe(403);

      expect(await reports()).toEqual(['component:default/alpha ci-pipeline']);
    });
  },
);
