import {
  createMockDirectory,
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

  it('serves the model from dsomm.model.file, with its texts', async () => {
    const dir = createMockDirectory();
    dir.addContent({
      'model.yaml': [
        'meta:',
        '  version: 9.9.9',
        '---',
        'Build and Deployment:',
        '  Build:',
        '    Defined build process:',
        '      uuid: f6f7737f-25a9-4317-8de2-09bf59f29b5b',
        '      level: 1',
        '      description: Our own words about builds.',
        '      references:',
        '        iso27001-2022:',
        '          - 8.10',
        '    Pinning of artifacts:',
        '      uuid: f3c4971e-9f4d-4e59-8ed0-f0bdb6262477',
        '      level: 2',
        '      dependsOn:',
        '        - f6f7737f-25a9-4317-8de2-09bf59f29b5b',
        '',
      ].join('\n'),
    });
    const { server } = await startTestBackend({
      features: [
        dsommPlugin,
        mockServices.rootConfig.factory({
          data: { dsomm: { model: { file: dir.resolve('model.yaml') } } },
        }),
      ],
    });
    const res = await request(server)
      .get('/api/dsomm/model')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.version).toBe('9.9.9');
    expect(res.body.source).toBe(dir.resolve('model.yaml'));
    expect(res.body.activities.map((a: { key: string }) => a.key)).toEqual([
      'defined-build-process',
      'pinning-of-artifacts',
    ]);
    expect(res.body.activities[0].texts).toEqual({
      description: 'Our own words about builds.',
    });
    expect(res.body.activities[0].references['iso27001-2022']).toEqual([
      '8.10',
    ]);
  });

  it('fails to start on an invalid model file, naming file, activity and field', async () => {
    const dir = createMockDirectory();
    dir.addContent({
      'model.yaml':
        'meta:\n  version: 1\n---\nBuild and Deployment:\n  Build:\n    Broken:\n      uuid: x\n      level: 9\n',
    });
    await expect(
      startTestBackend({
        features: [
          dsommPlugin,
          mockServices.rootConfig.factory({
            data: { dsomm: { model: { file: dir.resolve('model.yaml') } } },
          }),
        ],
      }),
    ).rejects.toThrow(/model\.yaml.*activity "Broken".*level/);
  });
});
