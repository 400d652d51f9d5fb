import request from 'supertest';
import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { indexModel } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { createTestDatabases } from '../__testUtils__/databases';
import { dsommTestFeatures } from '../__testUtils__/backend';
import {
  hidingOwnedBy,
  startCallerViewBackend,
} from '../__testUtils__/callerViewBackend';
import { component, testCatalog } from '../__testUtils__/entities';
import { assertMatchesSpec } from '../__testUtils__/openapi';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const ADMIN = 'user:default/admin';
const admin = mockCredentials.user.header(ADMIN);
// Sees only the components team-b does not own (see startBackend).
const caller = mockCredentials.user.header();
const index = indexModel(getBuiltInModel());
const VERSION_CONTROL = index.resolve('version-control')!.id;

/** The test catalog and two more standard-tier components, one owned by team-b. */
function entities(): Entity[] {
  return [
    ...testCatalog(),
    component(
      'epsilon',
      { owner: 'team-a' },
      {
        'dsomm.owasp.org/tier': 'standard',
        'dsomm.owasp.org/implemented': 'version-control, defined-build-process',
      },
    ),
    component(
      'zeta',
      { owner: 'team-b' },
      { 'dsomm.owasp.org/tier': 'standard' },
    ),
  ];
}

async function startBackend(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const events: { eventId: string; outcome: string }[] = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async options => ({
      success: async () => {
        events.push({ eventId: options.eventId, outcome: 'success' });
      },
      fail: async () => {
        events.push({ eventId: options.eventId, outcome: 'fail' });
      },
    }),
  });
  const { server } = await startCallerViewBackend({
    knex,
    entities: entities(),
    visibleToCaller: e => e.spec?.owner !== 'team-b',
    admin: ADMIN,
    // The caller may read only what team-b does not own, in the catalog and in DSOMM.
    decision: hidingOwnedBy('group:default/team-b'),
    features: [auditor.factory],
  });
  for (const name of ['alpha', 'beta', 'gamma', 'epsilon', 'zeta']) {
    const res = await request(server)
      .post(`/api/dsomm/entities/component/default/${name}/refresh`)
      .set('Authorization', admin);
    expect(res.status).toBe(200);
  }
  return { server, events };
}

type Server = Awaited<ReturnType<typeof startBackend>>['server'];

async function get(server: Server, url: string, auth = admin) {
  const res = await request(server)
    .get(`/api/dsomm${url}`)
    .set('Authorization', auth);
  expect([res.status, res.body.error?.message]).toEqual([200, undefined]);
  return res.body;
}

async function create(server: Server, body: object) {
  const res = await request(server)
    .post('/api/dsomm/campaigns')
    .set('Authorization', admin)
    .send(body);
  expect([res.status, res.body.error?.message]).toEqual([201, undefined]);
  assertMatchesSpec('post', '/campaigns', res);
  return res.body.id as string;
}

async function progress(server: Server, id: string, auth = admin) {
  const body = await get(server, `/campaigns/${id}`, auth);
  assertMatchesSpec('get', '/campaigns/{id}', { status: 200, body });
  return body;
}

const deadline = '2099-12-31';

describe.each(databases.eachSupportedId())('campaigns on %p', databaseId => {
  it('counts a tier and level goal as the scorecard does, for each caller', async () => {
    const { server, events } = await startBackend(databaseId);
    for (const auth of [admin, caller]) {
      const card = await get(
        server,
        '/scorecard?tier=standard,experimental&limit=500',
        auth,
      );
      for (const level of [1, 2]) {
        const id = await create(server, {
          name: `Level ${level}`,
          owner: 'security',
          scope: { tier: ['standard', 'experimental'] },
          goal: { level },
          deadline,
        });
        const body = await progress(server, id, auth);
        const done = card.rows.filter((r: any) => r.overallLevel >= level);
        expect({ inScope: body.inScope, done: body.done }).toEqual({
          inScope: card.totalRows,
          done: done.length,
        });
        expect(body.components.map((c: any) => c.entityRef).sort()).toEqual(
          card.rows.map((r: any) => r.entityRef).sort(),
        );
        // The burn-up ends today at the campaign's own counts.
        expect(body.burnUp[body.burnUp.length - 1]).toEqual({
          day: new Date().toISOString().slice(0, 10),
          inScope: body.inScope,
          done: body.done,
        });
        const owners = new Set(card.rows.map((r: any) => r.owner ?? null));
        expect(body.remainingPerOwner).toHaveLength(owners.size);
        for (const entry of body.remainingPerOwner) {
          const mine = card.rows.filter(
            (r: any) => (r.owner ?? null) === entry.owner,
          );
          expect(entry.inScope).toBe(mine.length);
          expect(entry.remaining).toBe(
            mine.filter((r: any) => r.overallLevel < level).length,
          );
        }
      }
    }
    // Of the standard and experimental components, beta, gamma and zeta are team-b's: the
    // caller counts only epsilon.
    const list = await get(server, '/campaigns');
    const mine = await get(server, '/campaigns', caller);
    expect(list.campaigns.map((c: any) => c.inScope)).toEqual([4, 4, 4, 4]);
    expect(mine.campaigns.map((c: any) => c.inScope)).toEqual([1, 1, 1, 1]);
    expect(events.filter(e => e.eventId === 'campaign-create')).toHaveLength(4);
  });

  it('counts a dimensions goal against the stored dimension levels, and lists what is missing from the gap', async () => {
    const { server } = await startBackend(databaseId);
    const card = await get(
      server,
      '/scorecard?owner=group:default/team-a,group:default/team-b&limit=500',
    );
    const dimension = getBuiltInModel().dimensions[0];
    const best = Math.max(
      1,
      ...card.rows.map((r: any) => r.dimensionLevels[dimension.name]),
    );
    const id = await create(server, {
      name: 'Dimension',
      owner: 'group:default/security',
      // By the dimension's key; stored by name.
      scope: { owner: ['team-a', 'group:default/TEAM-B'] },
      goal: { dimensions: { [dimension.key]: best } },
      deadline,
    });
    const body = await progress(server, id);
    expect(body.goal).toEqual({ dimensions: { [dimension.name]: best } });
    expect(body.scope).toEqual({
      owner: ['group:default/team-a', 'group:default/team-b'],
    });
    expect(body.inScope).toBe(card.totalRows);
    expect(body.done).toBe(
      card.rows.filter((r: any) => r.dimensionLevels[dimension.name] >= best)
        .length,
    );
    // Each component's remaining activities are its gap's for that target dimension.
    for (const c of body.components) {
      const score = await get(
        server,
        `/entities/${c.entityRef.replace(':', '/')}`,
      );
      const wanted = score.activities
        .filter(
          (a: any) =>
            index.byId.get(a.activityId)!.dimension === dimension.name &&
            a.level <= best &&
            a.status !== 'implemented' &&
            a.status !== 'not-applicable',
        )
        .map((a: any) => a.activityId);
      expect(c.remainingActivityIds.sort()).toEqual(wanted.sort());
    }
  });

  it('counts a sub-dimension goal against the sub-dimension levels the entity page shows', async () => {
    const { server } = await startBackend(databaseId);
    const id = await create(server, {
      name: 'Build and source control',
      owner: 'security',
      scope: {},
      // By key and by name; stored by name.
      goal: { dimensions: { build: 1, 'Development and Source Control': 1 } },
      deadline,
    });
    const body = await progress(server, id);
    expect(body.goal).toEqual({
      dimensions: { Build: 1, 'Development and Source Control': 1 },
    });
    const card = await get(server, '/scorecard?limit=500');
    expect(body.inScope).toBe(card.totalRows);
    let done = 0;
    for (const c of body.components) {
      const score = await get(
        server,
        `/entities/${c.entityRef.replace(':', '/')}`,
      );
      const subLevel = (name: string) =>
        score.dimensions
          .flatMap((d: any) => d.subDimensions)
          .find((s: any) => s.subDimension === name).level;
      const met =
        subLevel('Build') >= 1 &&
        subLevel('Development and Source Control') >= 1;
      expect([c.entityRef, c.done]).toEqual([c.entityRef, met]);
      if (met) done += 1;
      // What is left: those sub-dimensions' level-1 activities not yet settled.
      const wanted = score.activities
        .filter((a: any) => {
          const activity = index.byId.get(a.activityId)!;
          return (
            ['Build', 'Development and Source Control'].includes(
              activity.subDimension,
            ) &&
            a.level <= 1 &&
            a.status !== 'implemented' &&
            a.status !== 'not-applicable'
          );
        })
        .map((a: any) => a.activityId);
      expect(c.remainingActivityIds.sort()).toEqual(wanted.sort());
    }
    // epsilon has version control and a defined build process: it meets the goal.
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(body.inScope);
    expect(body.done).toBe(done);
  });

  it('counts an activities goal against the stored statuses', async () => {
    const { server } = await startBackend(databaseId);
    const id = await create(server, {
      name: 'Version control everywhere',
      owner: 'security',
      scope: {},
      goal: { activities: ['version-control'] },
      deadline,
    });
    const body = await progress(server, id);
    const card = await get(server, '/scorecard?limit=500');
    let done = 0;
    for (const row of card.rows) {
      const score = await get(
        server,
        `/entities/${row.entityRef.replace(':', '/')}`,
      );
      const status = score.activities.find(
        (a: any) => a.activityId === VERSION_CONTROL,
      ).status;
      if (status === 'implemented' || status === 'not-applicable') done += 1;
    }
    expect(done).toBeGreaterThan(0);
    expect({ inScope: body.inScope, done: body.done }).toEqual({
      inScope: card.totalRows,
      done,
    });
    expect(body.goal).toEqual({ activities: [VERSION_CONTROL] });
    expect(body.burnUp).toHaveLength(1);
  });

  it('keeps values longer than any short column whole, and of two changes at once keeps one whole', async () => {
    const { server } = await startBackend(databaseId);
    // Text columns: a tier and a lifecycle thousands of characters long come back as sent.
    const tier = `tier-${'t'.repeat(5000)}`;
    const lifecycle = 'l'.repeat(3000);
    const id = await create(server, {
      name: 'n'.repeat(200),
      owner: `group:default/${'o'.repeat(3000)}`,
      scope: { tier: [tier], lifecycle: [lifecycle] },
      goal: { level: 1 },
      deadline,
    });
    const long = await progress(server, id);
    expect(long.name).toBe('n'.repeat(200));
    expect(long.owner).toBe(`group:default/${'o'.repeat(3000)}`);
    expect(long.scope).toEqual({ tier: [tier], lifecycle: [lifecycle] });
    expect(long.inScope).toBe(0);

    // Two writers at once: each change lands whole, the later one wins, none is mixed.
    const changes = [
      { name: 'First', deadline: '2098-01-31', scope: { tier: ['critical'] } },
      { name: 'Second', deadline: '2097-06-30', scope: { tier: ['standard'] } },
    ];
    const answers = await Promise.all(
      changes.map(body =>
        request(server)
          .patch(`/api/dsomm/campaigns/${id}`)
          .set('Authorization', admin)
          .send(body),
      ),
    );
    expect(answers.map(a => a.status)).toEqual([200, 200]);
    const after = await progress(server, id);
    const winner = changes.find(c => c.name === after.name)!;
    expect(winner).toBeDefined();
    expect({
      deadline: after.deadline.slice(0, 10),
      scope: after.scope,
    }).toEqual({
      deadline: winner.deadline,
      scope: winner.scope,
    });
  });

  it('changes, archives and restores a campaign, and refuses bad input leaving it as it was', async () => {
    const { server, events } = await startBackend(databaseId);
    const id = await create(server, {
      name: 'Q1',
      owner: 'security',
      scope: { tier: 'critical' },
      goal: { level: 1 },
      start: '2026-01-01',
      deadline: '2026-03-31',
    });
    const patch = (body: object) =>
      request(server)
        .patch(`/api/dsomm/campaigns/${id}`)
        .set('Authorization', admin)
        .send(body);
    const bad: [object, string][] = [
      [{ name: '' }, 'body.name'],
      [{ name: 'x'.repeat(201) }, 'body.name'],
      [{ owner: '  ' }, 'body.owner'],
      [{ scope: { team: ['x'] } }, 'body.scope.team'],
      [{ goal: { level: 6 } }, 'body.goal.level'],
      [{ goal: { level: 1, activities: ['version-control'] } }, 'body.goal'],
      [
        { goal: { dimensions: { Build: 1, Nope: 2 } } },
        'unknown dimensions or sub-dimensions "Nope"',
      ],
      [
        { goal: { activities: ['version-control', 'no-such', 'nor-this'] } },
        '"no-such", "nor-this"',
      ],
      [{ deadline: '2025-12-31' }, 'body.deadline: must be after the start'],
      [{ deadline: 'soon' }, 'body.deadline'],
      [{ archived: 'yes' }, 'archived'],
    ];
    for (const [body, named] of bad) {
      const res = await patch(body);
      expect([res.status, body]).toEqual([400, body]);
      expect(res.body.error.message).toContain(named);
    }
    const before = await progress(server, id);
    expect(before.name).toBe('Q1');
    expect(before.scope).toEqual({ tier: ['critical'] });
    expect(before.deadline).toBe('2026-03-31T00:00:00.000Z');

    const changed = await patch({ name: 'Q1 and Q2', deadline: '2026-06-30' });
    expect([changed.status, changed.body.name]).toEqual([200, 'Q1 and Q2']);
    assertMatchesSpec('patch', '/campaigns/{id}', changed);
    expect((await patch({ archived: true })).body.archivedAt).toBeDefined();
    expect((await get(server, '/campaigns')).campaigns).toEqual([]);
    const all = await get(server, '/campaigns?archived=true');
    expect(all.campaigns.map((c: any) => [c.id, c.name])).toEqual([
      [id, 'Q1 and Q2'],
    ]);
    expect((await patch({ archived: false })).body.archivedAt).toBeUndefined();
    expect((await get(server, '/campaigns')).campaigns).toHaveLength(1);
    expect(events.map(e => e.eventId)).toEqual([
      'campaign-create',
      'campaign-update',
      'campaign-archive',
      'campaign-restore',
    ]);

    const badCreates: [object, string][] = [
      [
        { owner: 'security', scope: {}, goal: { level: 1 }, deadline },
        'body.name',
      ],
      [
        { name: 'x', owner: 'security', scope: {}, goal: {}, deadline },
        'body.goal',
      ],
      [
        {
          name: 'x',
          owner: 'security',
          scope: { tier: [] },
          goal: { level: 1 },
          deadline,
        },
        'body.scope.tier',
      ],
      [
        {
          name: 'x',
          owner: 'security',
          scope: {},
          goal: { level: 1 },
          start: '2026-05-01',
          deadline: '2026-04-01',
        },
        'body.deadline',
      ],
    ];
    for (const [body, named] of badCreates) {
      const res = await request(server)
        .post('/api/dsomm/campaigns')
        .set('Authorization', admin)
        .send(body);
      expect([res.status, body]).toEqual([400, body]);
      expect(res.body.error.message).toContain(named);
    }
    expect(
      (await get(server, '/campaigns?archived=true')).campaigns,
    ).toHaveLength(1);
    const missing = await request(server)
      .get('/api/dsomm/campaigns/no-such-id')
      .set('Authorization', admin);
    expect(missing.status).toBe(404);
    const missingPatch = await request(server)
      .patch('/api/dsomm/campaigns/no-such-id')
      .set('Authorization', admin)
      .send({ name: 'x' });
    expect(missingPatch.status).toBe(404);
  });

  it('needs dsomm.campaign.manage to create or change, not to read', async () => {
    const knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
      features: dsommTestFeatures({ knex, permission: AuthorizeResult.DENY }),
    });
    const created = await request(server)
      .post('/api/dsomm/campaigns')
      .set('Authorization', admin)
      .send({
        name: 'x',
        owner: 'security',
        scope: {},
        goal: { level: 1 },
        deadline,
      });
    expect(created.status).toBe(403);
    expect(created.body.error.message).toContain('dsomm.campaign.manage');
    const patched = await request(server)
      .patch('/api/dsomm/campaigns/any')
      .set('Authorization', admin)
      .send({ name: 'x' });
    expect(patched.status).toBe(403);
    expect(await knex('dsomm_campaigns').pluck('id')).toEqual([]);
    expect((await get(server, '/campaigns')).campaigns).toEqual([]);
  });
});
