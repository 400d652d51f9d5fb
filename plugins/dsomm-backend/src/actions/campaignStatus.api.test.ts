import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { Entity } from '@backstage/catalog-model';
import { indexModel } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import request from 'supertest';
import {
  hidingOwnedBy,
  startCallerViewBackend,
} from '../__testUtils__/callerViewBackend';
import { createTestDatabases } from '../__testUtils__/databases';
import { component, testCatalog } from '../__testUtils__/entities';
import { ACTIVITIES_PER_COMPONENT } from './campaignStatus';

jest.setTimeout(120_000);

/**
 * The campaign-status action through the real actions registry, over its HTTP interface (the
 * one the MCP actions backend calls), against what the campaigns REST API answers the same
 * caller.
 */
const databases = createTestDatabases();
const ACTIONS = '/api/dsomm/.backstage/actions/v1/actions';
const ADMIN = 'user:default/admin';
const admin = mockCredentials.user.header(ADMIN);
// Sees everything but what team-b owns (beta and gamma).
const caller = mockCredentials.user.header();
const index = indexModel(getBuiltInModel());
const DAY_MS = 24 * 60 * 60 * 1000;

/** The test catalog and twelve more components of team-c, so a limit has to trim. */
function entities(): Entity[] {
  return [
    ...testCatalog(),
    ...Array.from({ length: 12 }, (_, i) =>
      component(`svc-${String(i).padStart(2, '0')}`, { owner: 'team-c' }),
    ),
  ];
}

async function startBackend(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const catalog = entities();
  const { server } = await startCallerViewBackend({
    knex,
    entities: catalog,
    admin: ADMIN,
    visibleToCaller: e => !String(e.spec?.owner).endsWith('team-b'),
    decision: hidingOwnedBy('group:default/team-b'),
    features: [actionsRegistryServiceFactory],
  });
  for (const e of catalog.filter(c => c.kind === 'Component')) {
    const res = await request(server)
      .post(`/api/dsomm/entities/component/default/${e.metadata.name}/refresh`)
      .set('Authorization', admin);
    expect(res.status).toBe(200);
  }
  const invoke = (input: object, auth: string) =>
    request(server)
      .post(`${ACTIONS}/dsomm:campaign-status/invoke`)
      .set('Authorization', auth)
      .send(input);
  const rest = async (path: string, auth: string) => {
    const res = await request(server)
      .get(`/api/dsomm${path}`)
      .set('Authorization', auth);
    expect(res.status).toBe(200);
    return res.body;
  };
  const create = async (body: object) => {
    const res = await request(server)
      .post('/api/dsomm/campaigns')
      .set('Authorization', admin)
      .send({ owner: 'security', scope: {}, ...body });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  return { invoke, rest, create, server };
}

/** The days left the action may answer, from just before to just after the call. */
const daysLeftAround = (deadline: string, before: number, after: number) => [
  Math.ceil((Date.parse(deadline) - after) / DAY_MS),
  Math.ceil((Date.parse(deadline) - before) / DAY_MS),
];

describe.each(databases.eachSupportedId())(
  'campaign-status action on %p',
  databaseId => {
    it('answers one campaign, trimmed, and the list of live ones, as the REST API counts them for the caller', async () => {
      const { invoke, rest, create, server } = await startBackend(databaseId);
      const soon = new Date(Date.now() + 10 * DAY_MS).toISOString();
      const levelOne = await create({
        name: 'Level 1',
        goal: { level: 1 },
        deadline: soon,
      });
      const vc = await create({
        name: 'Version control',
        goal: { activities: ['version-control', 'defined-build-process'] },
        deadline: '2099-12-31',
      });
      const archived = await create({
        name: 'Archived',
        goal: { level: 2 },
        deadline: '2099-12-31',
      });
      await request(server)
        .patch(`/api/dsomm/campaigns/${archived}`)
        .set('Authorization', admin)
        .send({ archived: true })
        .expect(200);

      for (const auth of [admin, caller]) {
        const { campaigns } = await rest('/campaigns', auth);
        const before = Date.now();
        const list = await invoke({}, auth);
        const after = Date.now();
        expect(list.status).toBe(200);
        expect(list.body.output.campaign).toBeUndefined();
        expect(list.body.output.campaigns.map((c: any) => c.id)).toEqual([
          levelOne,
          vc,
        ]);
        list.body.output.campaigns.forEach((c: any, i: number) => {
          const r = campaigns[i];
          expect(c).toMatchObject({
            id: r.id,
            name: r.name,
            owner: r.owner,
            deadline: r.deadline,
            inScope: r.inScope,
            done: r.done,
            remaining: r.inScope - r.done,
          });
          expect(daysLeftAround(r.deadline, before, after)).toContain(
            c.daysLeft,
          );
        });
        expect(list.body.output.campaigns[1].goal).toBe(
          'activities Version control, Defined build process',
        );

        for (const [id, limit] of [
          [levelOne, 5],
          [vc, undefined],
        ] as const) {
          const progress = await rest(`/campaigns/${id}`, auth);
          const res = await invoke(limit ? { id, limit } : { id }, auth);
          expect(res.status).toBe(200);
          const status = res.body.output.campaign;
          expect(res.body.output.campaigns).toBeUndefined();
          expect(status).toMatchObject({
            id,
            inScope: progress.inScope,
            done: progress.done,
            remaining: progress.inScope - progress.done,
            archived: false,
          });
          expect(status.remainingPerOwner).toEqual(
            progress.remainingPerOwner.filter((o: any) => o.remaining > 0),
          );
          const behind = progress.components.filter((c: any) => !c.done);
          expect(behind.length).toBeGreaterThan(limit ?? 0);
          const shown = behind.slice(0, limit ?? 10);
          expect(status.componentsShown).toBe(shown.length);
          expect(status.components).toEqual(
            shown.map((c: any) => ({
              entityRef: c.entityRef,
              owner: c.owner,
              remainingActivities: c.remainingActivityIds.length,
              activities: c.remainingActivityIds
                .slice(0, ACTIVITIES_PER_COMPONENT)
                .map((a: string) => ({
                  key: index.byId.get(a)!.key,
                  name: index.byId.get(a)!.name,
                })),
            })),
          );
        }
      }
      // A level goal leaves more activities than are listed: the rest are counted.
      const trimmed = (await invoke({ id: levelOne }, admin)).body.output;
      expect(
        trimmed.campaign.components.some(
          (c: any) =>
            c.remainingActivities > ACTIVITIES_PER_COMPONENT &&
            c.activities.length === ACTIVITIES_PER_COMPONENT,
        ),
      ).toBe(true);
      // The caller cannot read team-b's two: they are in no answer of theirs.
      const forCaller = await invoke({ id: levelOne, limit: 50 }, caller);
      const forAdmin = await invoke({ id: levelOne, limit: 50 }, admin);
      expect(forCaller.body.output.campaign.inScope).toBe(
        forAdmin.body.output.campaign.inScope - 2,
      );
      expect(JSON.stringify(forCaller.body)).not.toContain('team-b');
      expect(JSON.stringify(forAdmin.body)).toContain('team-b');
    });

    it('answers 404 for an unknown campaign and 400 for a bad limit', async () => {
      const { invoke } = await startBackend(databaseId);
      const missing = await invoke({ id: 'no-such-campaign' }, caller);
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toContain('no-such-campaign');
      const bad = await invoke({ limit: 0 }, caller);
      expect(bad.status).toBe(400);
    });
  },
);
