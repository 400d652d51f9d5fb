import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { indexModel } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import request from 'supertest';
import { dsommTestFeatures } from '../__testUtils__/backend';
import { startCallerViewBackend } from '../__testUtils__/callerViewBackend';
import { createTestDatabases } from '../__testUtils__/databases';
import { testCatalog, testConfig } from '../__testUtils__/entities';

jest.setTimeout(60_000);

/**
 * DSOMM's actions through the real actions registry of a test backend, over its HTTP
 * interface (the one the MCP actions backend calls): listed with their schemas, and each
 * answering what the REST API answers the same caller.
 */
const databases = createTestDatabases();
const user = mockCredentials.user.header();
const ACTIONS = '/api/dsomm/.backstage/actions/v1/actions';
const index = indexModel(getBuiltInModel());
const DAY_MS = 24 * 60 * 60 * 1000;

async function startBackend(
  databaseId: Parameters<typeof databases.init>[0],
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  config: object = testConfig,
) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: [
      ...dsommTestFeatures({ knex, permission, config }),
      actionsRegistryServiceFactory,
    ],
  });
  const invoke = (name: string, input: object, authorization: string = user) =>
    request(server)
      .post(`${ACTIONS}/dsomm:${name}/invoke`)
      .set('Authorization', authorization)
      .send(input);
  const rest = (path: string) =>
    request(server).get(`/api/dsomm${path}`).set('Authorization', user);
  return { server, knex, invoke, rest };
}

describe.each(databases.eachSupportedId())(
  'DSOMM actions on %p',
  databaseId => {
    it('lists the read and write actions with their input schemas', async () => {
      const { server } = await startBackend(databaseId);
      const res = await request(server).get(ACTIONS).set('Authorization', user);
      expect(res.status).toBe(200);
      const byId = new Map<string, any>(
        res.body.actions.map((a: any) => [a.id, a]),
      );
      expect([...byId.keys()].sort()).toEqual([
        'dsomm:attest-activity',
        'dsomm:campaign-status',
        'dsomm:explain-gap',
        'dsomm:get-entity-score',
        'dsomm:list-expiring',
        'dsomm:query-scorecard',
        'dsomm:request-waiver',
      ]);
      for (const id of [
        'dsomm:campaign-status',
        'dsomm:get-entity-score',
        'dsomm:explain-gap',
        'dsomm:query-scorecard',
        'dsomm:list-expiring',
      ]) {
        expect(byId.get(id).attributes).toMatchObject({ readOnly: true });
      }
      expect(byId.get('dsomm:attest-activity').attributes).toMatchObject({
        readOnly: false,
        destructive: false,
      });
      expect(byId.get('dsomm:get-entity-score').schema.input.required).toEqual([
        'entityRef',
      ]);
      expect(
        byId.get('dsomm:attest-activity').schema.input.required.sort(),
      ).toEqual(['activity', 'comment', 'entityRef']);
    });

    it("answers a component's score and gap as the REST API does", async () => {
      const { invoke, rest } = await startBackend(databaseId);
      const full = (await rest('/entities/component/default/alpha')).body;

      const score = await invoke('get-entity-score', { entityRef: 'alpha' });
      expect(score.status).toBe(200);
      expect(score.body.output).toMatchObject({
        entityRef: 'component:default/alpha',
        overallLevel: full.overallLevel,
        targetLevel: 3,
        meetsTarget: full.meetsTarget,
        score: full.score,
      });
      // The tier's own target for one dimension, the tier's level for the others.
      expect(score.body.output.dimensions).toEqual(
        full.dimensions.map((d: any) => ({
          name: d.dimension,
          level: d.level,
          targetLevel: d.dimension === 'Test and Verification' ? 2 : 3,
        })),
      );

      const gap = await invoke('explain-gap', {
        entityRef: 'component:default/alpha',
        limit: 3,
      });
      expect(gap.status).toBe(200);
      expect(gap.body.output.steps).toHaveLength(3);
      full.nextSteps.slice(0, 3).forEach((step: any, i: number) => {
        const activity = index.byId.get(step.activityId)!;
        expect(gap.body.output.steps[i]).toEqual({
          activity: activity.name,
          key: activity.key,
          dimension: step.dimension,
          subDimension: step.subDimension,
          level: step.level,
          raisesToLevel: step.raisesToLevel,
          towardTarget: step.towardTarget,
          why: step.why,
          tools: activity.tools,
          unmetDependencies: step.unmetDependencyIds.map(
            (id: string) => index.byId.get(id)!.name,
          ),
          url: activity.url,
        });
      });
      expect(gap.body.output.missingForTarget).toBe(
        new Set(full.gap.dimensions.flatMap((d: any) => d.missingActivityIds))
          .size,
      );

      // A group has a roll-up, not a score: the action says which one to use.
      const group = await invoke('get-entity-score', {
        entityRef: 'group:default/team-a',
      });
      expect(group.status).toBe(400);
      expect(group.body.error.message).toMatch(/query-scorecard/);
      // Unknown components and malformed input are refused, naming the problem.
      expect(
        (await invoke('get-entity-score', { entityRef: 'nope' })).status,
      ).toBe(404);
      const bad = await invoke('explain-gap', { entityRef: 'alpha', limit: 0 });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/Invalid input/);
    });

    it('answers the scorecard with the REST figures, filtered', async () => {
      const { server, invoke, rest } = await startBackend(databaseId);
      for (const entity of testCatalog().filter(e => e.kind === 'Component')) {
        const res = await request(server)
          .post(
            `/api/dsomm/entities/component/default/${entity.metadata.name}/refresh`,
          )
          .set('Authorization', user);
        expect(res.status).toBe(200);
      }
      const answer = await invoke('query-scorecard', {
        groupBy: 'tier',
        worst: 2,
      });
      expect(answer.status).toBe(200);
      // Groups furthest behind first, as an assistant is asked about them.
      const full = (
        await rest(
          '/scorecard?groupBy=tier&limit=2&groupsSort=shareMeetingTarget&groupsOrder=asc',
        )
      ).body;
      expect(answer.body.output.totalGroups).toBe(full.totalGroups);
      expect(answer.body.output.total).toEqual({
        count: full.total.count,
        meetingTarget: full.total.meetingTarget,
        shareMeetingTarget: full.total.shareMeetingTarget,
        meanScore: full.total.meanScore,
        meanLevel: full.total.overall.mean,
      });
      expect(
        answer.body.output.groups.map((g: any) => [g.key, g.count]),
      ).toEqual(full.groups.map((g: any) => [g.key, g.count]));
      expect(answer.body.output.worst.map((r: any) => r.entityRef)).toEqual(
        full.rows.map((r: any) => r.entityRef),
      );
      expect(answer.body.output.worst).toHaveLength(2);

      const owned = await invoke('query-scorecard', {
        filters: { owner: ['Group:default/Team-B'] },
      });
      const ownedRest = (await rest('/scorecard?owner=group:default/team-b'))
        .body;
      expect(owned.body.output.total.count).toBe(ownedRest.total.count);
      expect(owned.body.output.total.count).toBe(2);
      // A filter the scorecard does not have is refused.
      expect(
        (await invoke('query-scorecard', { filters: { colour: ['red'] } }))
          .status,
      ).toBe(400);
    });

    it('records an attestation and a waiver as the caller, and lists what expires soon', async () => {
      const { invoke, rest } = await startBackend(databaseId);
      const soon = new Date(Date.now() + 5 * DAY_MS).toISOString();
      const later = new Date(Date.now() + 60 * DAY_MS).toISOString();
      const attested = await invoke('attest-activity', {
        entityRef: 'gamma',
        activity: 'conduction-of-simple-threat-modeling-on-technical-level',
        comment: 'Reviewed in the design meeting',
        link: 'https://wiki.example.com/gamma/threats',
        expiresAt: soon,
      });
      expect(attested.status).toBe(200);
      expect(attested.body.output).toMatchObject({
        entityRef: 'component:default/gamma',
        activityId: index.resolve(
          'conduction-of-simple-threat-modeling-on-technical-level',
        )!.id,
        attestedBy: 'user:default/mock',
        expiresAt: soon,
      });
      expect(
        (
          await invoke('attest-activity', {
            entityRef: 'gamma',
            activity: 'version-control',
            comment: 'git',
            expiresAt: later,
          })
        ).status,
      ).toBe(200);
      const waived = await invoke('request-waiver', {
        entityRef: 'gamma',
        activity: 'blue-green-deployment',
        justification: 'A batch job: nothing to switch',
        expiresAt: new Date(Date.now() + 3 * DAY_MS).toISOString(),
      });
      expect(waived.status).toBe(200);

      // Both show in the REST answer, and in the audit trail as the caller's.
      const full = (await rest('/entities/component/default/gamma')).body;
      expect(full.attestations.map((a: any) => a.id)).toContain(
        attested.body.output.id,
      );
      expect(full.waivers.map((w: any) => w.id)).toEqual([
        waived.body.output.id,
      ]);
      const audit = (await rest('/audit?entity=component:default/gamma')).body;
      expect(
        audit.entries.map((e: any) => [e.action, e.recordType, e.actor]),
      ).toEqual(
        expect.arrayContaining([
          ['create', 'attestation', 'user:default/mock'],
          ['create', 'waiver', 'user:default/mock'],
        ]),
      );

      const expiring = await invoke('list-expiring', { entityRef: 'gamma' });
      expect(expiring.status).toBe(200);
      expect(
        expiring.body.output.items.map((i: any) => [i.type, i.key, i.daysLeft]),
      ).toEqual([
        ['waiver', 'blue-green-deployment', 2],
        [
          'evidence',
          'conduction-of-simple-threat-modeling-on-technical-level',
          4,
        ],
      ]);
      expect(expiring.body.output.items[1]).toMatchObject({
        source: 'attestation',
        recordedOn: 'component:default/gamma',
        url: index.resolve(
          'conduction-of-simple-threat-modeling-on-technical-level',
        )!.url,
      });
      // A wider window takes in the attestation expiring in 60 days.
      const wider = await invoke('list-expiring', {
        entityRef: 'gamma',
        withinDays: 90,
      });
      expect(wider.body.output.items.map((i: any) => i.key)).toContain(
        'version-control',
      );

      // Bad input records nothing.
      const unknown = await invoke('attest-activity', {
        entityRef: 'gamma',
        activity: 'no-such-activity',
        comment: 'x',
      });
      expect(unknown.status).toBe(400);
      const badLink = await invoke('attest-activity', {
        entityRef: 'gamma',
        activity: 'version-control',
        comment: 'x',
        link: 'ftp://files.example.com/gamma',
      });
      expect(badLink.status).toBe(400);
      expect(badLink.body.error.message).toMatch(/^link: /);
      const after = (await rest('/entities/component/default/gamma')).body;
      expect(after.attestations).toHaveLength(2);
    });

    it('answers a waiver that needs approval as pending, not yet applying', async () => {
      const { invoke, rest } = await startBackend(
        databaseId,
        AuthorizeResult.ALLOW,
        { dsomm: { ...testConfig.dsomm, approvals: { waivers: true } } },
      );
      const waived = await invoke('request-waiver', {
        entityRef: 'gamma',
        activity: 'blue-green-deployment',
        justification: 'A batch job: nothing to switch',
      });
      expect(waived.status).toBe(200);
      expect(waived.body.output.status).toBe('pending');
      const full = (await rest('/entities/component/default/gamma')).body;
      expect(full.waivers).toEqual([]);
      expect(full.pending.map((p: any) => p.id)).toEqual([
        waived.body.output.id,
      ]);
      // An attestation needs no approval in this tier: it counts at once.
      const attested = await invoke('attest-activity', {
        entityRef: 'gamma',
        activity: 'version-control',
        comment: 'git',
      });
      expect(attested.body.output.status).toBe('approved');
    });

    it('refuses writes without the permission, or from a service', async () => {
      const { invoke, rest } = await startBackend(
        databaseId,
        AuthorizeResult.DENY,
      );
      const denied = await invoke('attest-activity', {
        entityRef: 'gamma',
        activity: 'version-control',
        comment: 'git',
      });
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        'Missing permission dsomm.attestation.create',
      );
      const waiver = await invoke('request-waiver', {
        entityRef: 'gamma',
        activity: 'version-control',
        justification: 'x',
      });
      expect(waiver.status).toBe(403);
      const service = await invoke(
        'attest-activity',
        { entityRef: 'gamma', activity: 'version-control', comment: 'git' },
        mockCredentials.service.header(),
      );
      expect(service.status).toBe(403);
      const full = (await rest('/entities/component/default/gamma')).body;
      expect(full.attestations).toEqual([]);
      expect(full.waivers).toEqual([]);
    });

    it('reads only what the caller may read in the catalog', async () => {
      const knex = await databases.init(databaseId);
      const admin = 'user:default/admin';
      const entities = testCatalog();
      const { server } = await startCallerViewBackend({
        knex,
        entities,
        admin,
        visibleToCaller: e => e.metadata.name !== 'alpha',
        features: [actionsRegistryServiceFactory],
      });
      const invoke = (name: string, input: object, who?: string) =>
        request(server)
          .post(`${ACTIONS}/dsomm:${name}/invoke`)
          .set('Authorization', mockCredentials.user.header(who))
          .send(input);
      expect(
        (await invoke('get-entity-score', { entityRef: 'alpha' }, admin))
          .status,
      ).toBe(200);
      for (const name of ['get-entity-score', 'explain-gap', 'list-expiring']) {
        const hidden = await invoke(name, { entityRef: 'alpha' });
        expect(hidden.status).toBe(404);
      }
      expect(
        (await invoke('get-entity-score', { entityRef: 'beta' })).status,
      ).toBe(200);
    });
  },
);
