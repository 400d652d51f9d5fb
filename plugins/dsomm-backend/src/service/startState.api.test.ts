import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import request from 'supertest';
import { dsommTestFeatures } from '../__testUtils__/backend';
import { createTestDatabases } from '../__testUtils__/databases';
import { component, testConfig } from '../__testUtils__/entities';
import { assertMatchesSpec } from '../__testUtils__/openapi';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const user = mockCredentials.user.header();
const model = getBuiltInModel();
const [first, second] = model.activities;

function group(name: string, annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'team', children: [] },
  };
}

/**
 * team-b's components: two without any evidence, one with an annotation, one declaring an
 * activity not applicable. team-a's only component has nothing of its own but inherits its
 * group's annotation.
 */
function catalog(): Entity[] {
  return [
    group('team-a', { 'dsomm.owasp.org/implemented': first.key }),
    group('team-b'),
    component('fresh-1', { owner: 'team-b' }),
    component('fresh-2', { owner: 'team-b' }),
    component(
      'annotated',
      { owner: 'team-b' },
      { 'dsomm.owasp.org/implemented': second.key },
    ),
    component(
      'declared',
      { owner: 'team-b' },
      { 'dsomm.owasp.org/not-applicable': second.key },
    ),
    component('inherits', { owner: 'team-a' }),
  ];
}

const NAMES = ['fresh-1', 'fresh-2', 'annotated', 'declared', 'inherits'];

/** Odd numbers, so the answer cannot match a default by chance. */
const config = {
  dsomm: {
    ...testConfig.dsomm,
    evidence: {
      attestationExpiryDays: 41,
      waiverExpiryDays: 97,
      maxExpiryDays: 503,
    },
  },
};

async function backend(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: dsommTestFeatures({ knex, entities: catalog(), config }),
  });
  for (const name of NAMES) {
    const res = await request(server)
      .post(`/api/dsomm/entities/component/default/${name}/refresh`)
      .set('Authorization', user);
    expect(res.status).toBe(200);
  }
  return server;
}

describe.each(databases.eachSupportedId())('start state on %p', databaseId => {
  it('tells components not assessed yet apart, with the expiry settings on components and scopes', async () => {
    const server = await backend(databaseId);
    const assessed: Record<string, boolean> = {};
    for (const name of NAMES) {
      const res = await request(server)
        .get(`/api/dsomm/entities/component/default/${name}`)
        .set('Authorization', user);
      expect(res.status).toBe(200);
      assertMatchesSpec('get', '/entities/{kind}/{namespace}/{name}', res);
      assessed[name] = res.body.assessed;
      expect(res.body.expiryDays).toEqual({
        attestation: 41,
        waiver: 97,
        max: 503,
      });
    }
    // The team matrix's dialogs read the same figures from a scope's roll-up.
    const rollup = await request(server)
      .get('/api/dsomm/entities/group/default/team-b')
      .set('Authorization', user);
    expect(rollup.status).toBe(200);
    assertMatchesSpec('get', '/entities/{kind}/{namespace}/{name}', rollup);
    expect(rollup.body.scope.expiryDays).toEqual({
      attestation: 41,
      waiver: 97,
      max: 503,
    });
    expect(assessed).toEqual({
      'fresh-1': false,
      'fresh-2': false,
      annotated: true,
      declared: true,
      inherits: true,
    });
  });

  it('counts components not assessed apart in each scorecard group and the total, until evidence comes', async () => {
    const server = await backend(databaseId);
    const scorecard = async () => {
      const res = await request(server)
        .get('/api/dsomm/scorecard?groupBy=owner&limit=100')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      assertMatchesSpec('get', '/scorecard', res);
      return res.body;
    };
    const before = await scorecard();
    expect(before.total.notAssessed).toBe(2);
    expect(before.total.count).toBe(5);
    const byKey = (body: any) =>
      Object.fromEntries(body.groups.map((g: any) => [g.key, g.notAssessed]));
    expect(byKey(before)).toEqual({
      'group:default/team-a': 0,
      'group:default/team-b': 2,
    });
    const rows = Object.fromEntries(
      before.rows.map((r: any) => [r.name, r.assessed]),
    );
    expect(rows).toEqual({
      'fresh-1': false,
      'fresh-2': false,
      annotated: true,
      declared: true,
      inherits: true,
    });

    const attested = await request(server)
      .post('/api/dsomm/entities/component/default/fresh-2/attestations')
      .set('Authorization', user)
      .send({ activity: first.key, comment: 'pipeline reviewed' });
    expect(attested.status).toBe(201);

    const after = await scorecard();
    expect(after.total.notAssessed).toBe(1);
    expect(byKey(after)['group:default/team-b']).toBe(1);
    const entity = await request(server)
      .get('/api/dsomm/entities/component/default/fresh-2')
      .set('Authorization', user);
    expect(entity.body.assessed).toBe(true);
  });
});
