import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { dsommPlugin } from './plugin';

describe('dsomm backend plugin', () => {
  it('serves the built-in DSOMM model at /api/dsomm/model', async () => {
    const { server } = await startTestBackend({ features: [dsommPlugin] });

    const res = await request(server)
      .get('/api/dsomm/model')
      .set('Authorization', mockCredentials.user.header());

    expect(res.status).toBe(200);
    expect(res.body.version).toBe('4.3.1');
    expect(res.body.source).toBe('built-in');
    expect(res.body.activities).toHaveLength(194);
    expect(res.body.dimensions).toHaveLength(5);
    const secrets = res.body.activities.find(
      (a: { key: string }) => a.key === 'test-for-stored-secrets-in-code',
    );
    expect(secrets).toMatchObject({
      id: 'c6e3c812-56e2-41b0-ae01-b7afc41a004c',
      level: 1,
      dimension: 'Test and Verification',
      subDimension: 'Static depth for infrastructure',
    });
  });

  it('rejects a request without credentials', async () => {
    const { server } = await startTestBackend({ features: [dsommPlugin] });
    const res = await request(server)
      .get('/api/dsomm/model')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('fails to start when dsomm.model.file cannot be read, naming the file', async () => {
    await expect(
      startTestBackend({
        features: [
          dsommPlugin,
          mockServices.rootConfig.factory({
            data: { dsomm: { model: { file: '/nonexistent/model.yaml' } } },
          }),
        ],
      }),
    ).rejects.toThrow('/nonexistent/model.yaml');
  });
});
