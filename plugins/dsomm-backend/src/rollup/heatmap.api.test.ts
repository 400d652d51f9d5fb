import {
  BackstageCredentials,
  BackstageUserPrincipal,
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { hidingOwnedBy } from '../__testUtils__/callerViewBackend';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import request from 'supertest';
import { DsommStore } from '../database/DsommStore';
import { dsommPlugin } from '../plugin';
import { createTestDatabases } from '../__testUtils__/databases';
import { component, testConfig } from '../__testUtils__/entities';
import { assertMatchesSpec } from '../__testUtils__/openapi';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const ADMIN = 'user:default/admin';
const admin = mockCredentials.user.header(ADMIN);
// Any other user sees no component of team-b (c3), as a catalog permission policy may say.
const caller = mockCredentials.user.header();
const isAdmin = (credentials?: BackstageCredentials) =>
  (credentials?.principal as BackstageUserPrincipal | undefined)
    ?.userEntityRef === ADMIN;
const HIDE_TEAM_B = hidingOwnedBy('group:default/team-b');

const model = getBuiltInModel();
const byKey = (key: string) => model.activities.find(a => a.key === key)!;
const cellOf = (key: string) => {
  const a = byKey(key);
  return model.activities.filter(
    b => b.subDimension === a.subDimension && b.level === a.level,
  );
};
// Cell X: version-control's sub-dimension and level; cell Y: mfa-for-admins'.
const X = cellOf('parametrization');
const Y = cellOf('mfa-for-admins');
const keys = (activities: { key: string }[]) =>
  activities.map(a => a.key).join(',');

/**
 * System shop holds c1 (all of cell X), c2 (version-control, the rest of X not applicable)
 * and c3 (nothing of its own, owned by team-b); the system itself implements mfa-for-admins, which its
 * components inherit. c4 is in another system and must not count.
 */
function catalog(): Entity[] {
  const system = (name: string, annotations: Record<string, string>) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name, namespace: 'default', annotations },
    spec: { owner: 'team-a' },
  });
  return [
    system('shop', { 'dsomm.owasp.org/implemented': 'mfa-for-admins' }),
    system('other', {}),
    component(
      'c1',
      { owner: 'team-a', system: 'shop' },
      { 'dsomm.owasp.org/implemented': keys(X) },
    ),
    component(
      'c2',
      { owner: 'team-a', system: 'shop' },
      {
        'dsomm.owasp.org/implemented': 'parametrization',
        'dsomm.owasp.org/not-applicable': keys(
          X.filter(a => a.key !== 'parametrization'),
        ),
      },
    ),
    component('c3', { owner: 'team-b', system: 'shop' }),
    component(
      'c4',
      { owner: 'team-a', system: 'other' },
      { 'dsomm.owasp.org/implemented': keys([...X, ...Y]) },
    ),
  ];
}

async function startBackend(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: [
      dsommPlugin,
      mockServices.rootConfig.factory({ data: testConfig }),
      mockServices.database.factory({ knex }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalogServiceMock({ entities: catalog() }),
      }),
      createServiceFactory({
        service: coreServices.permissions,
        deps: {},
        factory: () => ({
          authorize: async (requests: any[]) =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })),
          authorizeConditional: async (
            requests: any[],
            options: { credentials: BackstageCredentials },
          ) =>
            requests.map(() =>
              isAdmin(options.credentials)
                ? { result: AuthorizeResult.ALLOW }
                : HIDE_TEAM_B,
            ),
        }),
      }),
    ],
  });
  const refresh = async (name: string) => {
    const res = await request(server)
      .post(`/api/dsomm/entities/component/default/${name}/refresh`)
      .set('Authorization', admin);
    expect(res.status).toBe(200);
  };
  for (const name of ['c1', 'c2', 'c3', 'c4']) await refresh(name);
  const heatmap = async (auth = admin) => {
    const res = await request(server)
      .get('/api/dsomm/entities/system/default/shop')
      .set('Authorization', auth);
    expect(res.status).toBe(200);
    assertMatchesSpec('get', '/entities/{kind}/{namespace}/{name}', res);
    return res.body.heatmap;
  };
  return { knex, refresh, heatmap };
}

/** The heatmap cell holding activity `key`. */
function cell(heatmap: any, key: string) {
  const a = byKey(key);
  const row = heatmap.subDimensions.find(
    (r: any) => r.subDimension === a.subDimension,
  );
  expect(row.dimension).toBe(a.dimension);
  return row.levels[a.level - 1];
}

describe.each(databases.eachSupportedId())(
  'roll-up heatmap on %p',
  databaseId => {
    it('counts complete components and activities per sub-dimension and level', async () => {
      const { heatmap } = await startBackend(databaseId);
      const body = await heatmap();
      expect(body.components).toBe(3);
      expect(body.subDimensions.map((r: any) => r.subDimension)).toEqual(
        model.dimensions.flatMap(d => d.subDimensions.map(s => s.name)),
      );
      expect([X.length, Y.length]).toEqual([3, 3]);
      // c1 implements all 3 of X; c2 one, the other 2 not applicable to it; c3 none of 3.
      expect(cell(body, 'parametrization')).toEqual({
        level: 1,
        activities: 3,
        complete: 2,
        implemented: 3 + 1,
        applicable: 3 + 1 + 3,
      });
      // mfa-for-admins comes from the system to all three; the other 2 of Y from none.
      expect(cell(body, 'mfa-for-admins')).toEqual({
        level: 1,
        activities: 3,
        complete: 0,
        implemented: 3,
        applicable: 9,
      });
      // Nothing else is implemented anywhere.
      const others = body.subDimensions
        .flatMap((r: any) => r.levels)
        .filter(
          (c: any) =>
            c !== cell(body, 'parametrization') &&
            c !== cell(body, 'mfa-for-admins'),
        );
      for (const c of others) {
        expect(c.implemented).toBe(0);
        expect(c.applicable).toBe(3 * c.activities);
        expect(c.complete).toBe(c.activities === 0 ? 3 : 0);
      }
    });

    it('counts only the components the caller may see', async () => {
      const { heatmap } = await startBackend(databaseId);
      const body = await heatmap(caller);
      expect(body.components).toBe(2);
      // c1 and c2 only: c3's 3 applicable, unimplemented activities are not in the sums.
      expect(cell(body, 'parametrization')).toMatchObject({
        complete: 2,
        implemented: 4,
        applicable: 4,
      });
      expect(cell(body, 'mfa-for-admins')).toMatchObject({
        implemented: 2,
        applicable: 6,
      });
    });

    it('follows a re-scored component', async () => {
      const { knex, refresh, heatmap } = await startBackend(databaseId);
      // Read once, so the roll-up has c3's summary cached.
      expect(cell(await heatmap(), 'parametrization').complete).toBe(2);
      const store = new DsommStore(knex);
      for (const a of X) {
        await store.insertAttestation({
          id: `c3-${a.key}`,
          entityRef: 'component:default/c3',
          activityId: a.id,
          comment: 'Checked',
          attestedBy: 'user:default/admin',
          attestedAt: new Date().toISOString(),
          expiresAt: '2099-01-01T00:00:00.000Z',
        });
      }
      await refresh('c3');
      const after = cell(await heatmap(), 'parametrization');
      expect(after.complete).toBe(3);
      expect(after).toMatchObject({ implemented: 7, applicable: 7 });
    });
  },
);
