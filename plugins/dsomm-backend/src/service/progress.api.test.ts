import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  TestDatabaseId,
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import { parse } from 'yaml';
import { dsommTestFeatures } from '../__testUtils__/backend';
import { createTestDatabases } from '../__testUtils__/databases';
import { testCatalog, testConfig } from '../__testUtils__/entities';
import { assertMatchesSpec } from '../__testUtils__/openapi';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const user = mockCredentials.user.header();
const USER_REF = mockCredentials.user().principal.userEntityRef;

const BUILD_PROCESS = 'f6f7737f-25a9-4317-8de2-09bf59f29b5b';
const WAF_MEDIUM = 'f0e01814-3b88-4bd0-a3a9-f91db001d20b-medium';
const VIRTUAL_ENVS = 'a340f46b-6360-4cb8-847b-a0d3483d09d3';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

function group(name: string, metadata: Record<string, unknown> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default', ...metadata },
    spec: { type: 'team', children: [] },
  };
}

const entities = [
  ...testCatalog(),
  group('team-a', { title: 'Team A' }),
  group('team-payments', {
    title: 'Payments and Billing',
    annotations: { 'dsomm.owasp.org/team': 'Payments' },
  }),
  group('team-b'),
];

/** A DSOMM app file: three teams that match groups, one that does not, one unknown activity. */
const FILE = `progress:
  ${BUILD_PROCESS}:  # Defined build process
    Team A:
      Planned: 2025-01-01
      Started: 2025-02-01
      Implemented: 2025-05-01
    Payments:
      Implemented: 2025-06-01
  ${WAF_MEDIUM}:  # WAF medium, an id that is not a UUID
    'team-b':
      Started: 2025-03-01
  ${UNKNOWN}:
    Team A:
      Planned: 2025-01-01
  ${VIRTUAL_ENVS}:
    Nobody:
      Implemented: 2025-05-01
`;

/** Denies recording attestations for team-b; allows everything else. */
const denyTeamB = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => ({
    async authorize(requests: EvaluatePermissionRequest[]) {
      return requests.map(r => ({
        result:
          r.resourceRef === 'group:default/team-b'
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      }));
    },
    async authorizeConditional(requests: unknown[]) {
      return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
    },
  }),
});

async function startBackend(
  databaseId: TestDatabaseId,
  options: { knex?: Knex; config?: object; denyTeamB?: boolean } = {},
) {
  const knex = options.knex ?? (await databases.init(databaseId));
  const { server } = await startTestBackend({
    features: [
      ...dsommTestFeatures({ knex, entities, config: options.config }),
      ...(options.denyTeamB ? [denyTeamB] : []),
    ],
  });
  return { server, knex };
}

function importFile(
  server: Parameters<typeof request>[0],
  body: string,
  query = '',
) {
  return request(server)
    .post(`/api/dsomm/progress/import${query}`)
    .set('Authorization', user)
    .set('Content-Type', 'application/yaml')
    .send(body);
}

/** What the database holds of group progress, in a comparable form. */
async function storedProgress(knex: Knex) {
  const attestations = await knex('dsomm_evidence')
    .where('entity_ref', 'like', 'group:%')
    .whereNull('revoked_at')
    .orderBy(['entity_ref', 'activity_id', 'observed_at'])
    .select(
      'entity_ref',
      'activity_id',
      'source',
      'observed_at',
      'expires_at',
      'details',
      'created_by',
    );
  const states = await knex('dsomm_progress_states')
    .orderBy(['group_ref', 'activity_id', 'state'])
    .select('group_ref', 'activity_id', 'state', 'state_date');
  return {
    attestations: attestations.map(a => ({
      ...a,
      details: JSON.parse(a.details),
    })),
    states,
  };
}

describe.each(databases.eachSupportedId())(
  'DSOMM app progress import and export on %p',
  databaseId => {
    it('imports done states as group attestations and earlier states apart, listing what matched nothing', async () => {
      const { server, knex } = await startBackend(databaseId);
      const res = await importFile(server, FILE);
      expect(res.status).toBe(200);
      assertMatchesSpec('post', '/progress/import', res);
      const entry = (
        groupRef: string,
        team: string,
        activityId: string,
        state: string,
        date: string,
      ) => ({
        groupRef,
        team,
        activityId,
        state,
        date: `${date}T00:00:00.000Z`,
      });
      expect(res.body.imported).toEqual([
        entry(
          'group:default/team-a',
          'Team A',
          BUILD_PROCESS,
          'Planned',
          '2025-01-01',
        ),
        entry(
          'group:default/team-a',
          'Team A',
          BUILD_PROCESS,
          'Started',
          '2025-02-01',
        ),
        {
          ...entry(
            'group:default/team-a',
            'Team A',
            BUILD_PROCESS,
            'Implemented',
            '2025-05-01',
          ),
          attestationId: expect.any(String),
        },
        {
          ...entry(
            'group:default/team-payments',
            'Payments',
            BUILD_PROCESS,
            'Implemented',
            '2025-06-01',
          ),
          attestationId: expect.any(String),
        },
        entry(
          'group:default/team-b',
          'team-b',
          WAF_MEDIUM,
          'Started',
          '2025-03-01',
        ),
      ]);
      expect(res.body.alreadyPresent).toEqual([]);
      expect(res.body.unmatchedTeams).toEqual([
        {
          team: 'Nobody',
          reason: expect.stringContaining('no Group has'),
          activityIds: [VIRTUAL_ENVS],
        },
      ]);
      expect(res.body.unknownActivities).toEqual([
        { activityId: UNKNOWN, teams: ['Team A'] },
      ]);

      const stored = await storedProgress(knex);
      expect(stored.attestations).toEqual([
        {
          entity_ref: 'group:default/team-a',
          activity_id: BUILD_PROCESS,
          source: 'attestation',
          observed_at: '2025-05-01T00:00:00.000Z',
          // dsomm.progress.expiryDays defaults to the attestation expiry: 365 days from the date
          expires_at: '2026-05-01T00:00:00.000Z',
          details: {
            summary: 'Imported from DSOMM team progress (team Team A)',
            actor: USER_REF,
          },
          created_by: USER_REF,
        },
        {
          entity_ref: 'group:default/team-payments',
          activity_id: BUILD_PROCESS,
          source: 'attestation',
          observed_at: '2025-06-01T00:00:00.000Z',
          expires_at: '2026-06-01T00:00:00.000Z',
          details: {
            summary: 'Imported from DSOMM team progress (team Payments)',
            actor: USER_REF,
          },
          created_by: USER_REF,
        },
      ]);
      expect(stored.states).toEqual([
        {
          group_ref: 'group:default/team-a',
          activity_id: BUILD_PROCESS,
          state: 'Planned',
          state_date: '2025-01-01T00:00:00.000Z',
        },
        {
          group_ref: 'group:default/team-a',
          activity_id: BUILD_PROCESS,
          state: 'Started',
          state_date: '2025-02-01T00:00:00.000Z',
        },
        {
          group_ref: 'group:default/team-b',
          activity_id: WAF_MEDIUM,
          state: 'Started',
          state_date: '2025-03-01T00:00:00.000Z',
        },
      ]);
    });

    it('re-scores the components below an imported group at once, with the group as the evidence scope', async () => {
      const { server } = await startBackend(databaseId);
      const activityOf = async (name: string) => {
        const res = await request(server)
          .get(`/api/dsomm/entities/component/default/${name}`)
          .set('Authorization', user);
        expect(res.status).toBe(200);
        return res.body.activities.find(
          (a: { activityId: string }) => a.activityId === VIRTUAL_ENVS,
        );
      };
      // Scored before the import: nothing yet, for team-a's alpha and team-b's gamma.
      expect((await activityOf('alpha')).status).toBe('missing');
      expect((await activityOf('gamma')).status).toBe('missing');
      const recent = new Date(Date.now() - 10 * 24 * 60 * 60 * 1000)
        .toISOString()
        .slice(0, 10);
      const res = await importFile(
        server,
        `progress:\n  ${VIRTUAL_ENVS}:\n    Team A:\n      Implemented: ${recent}\n`,
      );
      expect(res.status).toBe(200);
      expect(res.body.imported).toHaveLength(1);
      // No recompute in between: the import itself re-scored what team-a owns.
      const alpha = await activityOf('alpha');
      expect(alpha.status).toBe('implemented');
      expect(alpha.evidence.map((e: { scope?: string }) => e.scope)).toEqual([
        'group:default/team-a',
      ]);
      expect((await activityOf('gamma')).status).toBe('missing');
    });

    it('changes nothing when the same file is imported twice', async () => {
      const { server, knex } = await startBackend(databaseId);
      const first = await importFile(server, FILE);
      const before = await storedProgress(knex);
      const second = await importFile(server, FILE);
      expect(second.status).toBe(200);
      expect(second.body.imported).toEqual([]);
      expect(second.body.alreadyPresent).toEqual(first.body.imported);
      expect(second.body.unmatchedTeams).toEqual(first.body.unmatchedTeams);
      expect(await storedProgress(knex)).toEqual(before);
    });

    it('maps teams by the team query parameter, and records a changed earlier state', async () => {
      const { server, knex } = await startBackend(databaseId);
      await importFile(server, FILE);
      const changed = FILE.replace(
        'Started: 2025-02-01',
        'Started: 2025-02-15',
      );
      const res = await importFile(
        server,
        changed,
        `?team=${encodeURIComponent('Nobody=group:default/team-b')}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.unmatchedTeams).toEqual([]);
      expect(
        res.body.imported.map((e: any) => [e.groupRef, e.state, e.date]),
      ).toEqual([
        ['group:default/team-a', 'Started', '2025-02-15T00:00:00.000Z'],
        ['group:default/team-b', 'Implemented', '2025-05-01T00:00:00.000Z'],
      ]);
      const { states } = await storedProgress(knex);
      expect(
        states.filter(s => s.state === 'Started').map(s => s.state_date),
      ).toEqual(['2025-02-15T00:00:00.000Z', '2025-03-01T00:00:00.000Z']);
    });

    it('stores nothing from a bad file, and names the line or key', async () => {
      const { server, knex } = await startBackend(databaseId);
      const wrongShape = `${FILE}  ${BUILD_PROCESS}-x:\n    Team A:\n      Done: 2025-01-01\n`;
      const shape = await importFile(server, wrongShape);
      expect(shape.status).toBe(422);
      assertMatchesSpec('post', '/progress/import', shape);
      expect(shape.body.error.message).toBe(
        `progress.${BUILD_PROCESS}-x["Team A"].Done: unknown state; expected one of Planned, Started, Implemented (dsomm.progress.states) (line 20)`,
      );
      const syntax = await importFile(server, `${FILE}  bad: [\n`);
      expect(syntax.status).toBe(400);
      expect(syntax.body.error.message).toMatch(
        /^Team progress is not valid YAML at line 19, column 1: /,
      );
      const tagged = await importFile(
        server,
        FILE.replace('2025-06-01', '!!js/undefined 2025-06-01'),
      );
      expect(tagged.status).toBe(400);
      expect(tagged.body.error.message).toMatch(
        /at line 8, column 20: Unresolved tag/,
      );
      const mapping = await importFile(
        server,
        FILE,
        `?team=${encodeURIComponent('Nobody=group:default/missing')}`,
      );
      expect(mapping.status).toBe(400);
      expect(mapping.body.error.message).toBe(
        'team: "Nobody" is mapped to group:default/missing, which is not a Group in the catalog',
      );
      expect(await storedProgress(knex)).toEqual({
        attestations: [],
        states: [],
      });
    });

    it('stores each entry once when the same file is imported twice at the same time', async () => {
      const { server, knex } = await startBackend(databaseId);
      const answers = await Promise.all([
        importFile(server, FILE),
        importFile(server, FILE),
      ]);
      expect(answers.map(a => a.status)).toEqual([200, 200]);
      // Between them, every entry was imported once and found present once.
      expect(
        answers.map(a => a.body.imported.length + a.body.alreadyPresent.length),
      ).toEqual([5, 5]);
      expect(
        answers[0].body.imported.length + answers[1].body.imported.length,
      ).toBe(5);
      const { attestations, states } = await storedProgress(knex);
      expect(attestations).toHaveLength(2);
      expect(states).toHaveLength(3);
    });

    it('refuses a body that is not UTF-8 text', async () => {
      const { server, knex } = await startBackend(databaseId);
      const res = await request(server)
        .post('/api/dsomm/progress/import')
        .set('Authorization', user)
        .set('Content-Type', 'application/octet-stream')
        .send(Buffer.from([0x70, 0x72, 0xff, 0xfe, 0x00]));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('Team progress is not UTF-8 text');
      expect(await storedProgress(knex)).toEqual({
        attestations: [],
        states: [],
      });
    });

    it('answers 413 over dsomm.progress.maxBytes and stores nothing', async () => {
      const { server, knex } = await startBackend(databaseId, {
        config: { dsomm: { ...testConfig.dsomm, progress: { maxBytes: 200 } } },
      });
      const res = await importFile(server, FILE);
      expect(res.status).toBe(413);
      assertMatchesSpec('post', '/progress/import', res);
      expect(res.body.error.message).toContain('dsomm.progress.maxBytes');
      expect(await storedProgress(knex)).toEqual({
        attestations: [],
        states: [],
      });
    });

    it('refuses the whole import with 403 naming a group the caller may not write', async () => {
      const { server, knex } = await startBackend(databaseId, {
        denyTeamB: true,
      });
      const res = await importFile(server, FILE);
      expect(res.status).toBe(403);
      assertMatchesSpec('post', '/progress/import', res);
      expect(res.body.error.message).toBe(
        'Missing permission dsomm.attestation.create for group:default/team-b',
      );
      expect(await storedProgress(knex)).toEqual({
        attestations: [],
        states: [],
      });
      // Without team-b's entries the same caller imports the rest.
      const withoutB = FILE.replace(
        / {4}'team-b':\n {6}Started: 2025-03-01\n/,
        '',
      );
      expect((await importFile(server, withoutB)).status).toBe(200);
    });

    it('round-trips: import, export, import again gives the same state, also in a fresh database', async () => {
      const { server, knex } = await startBackend(databaseId);
      await importFile(server, FILE);
      const stored = await storedProgress(knex);

      const exported = await request(server)
        .get('/api/dsomm/progress/export')
        .set('Authorization', user);
      expect(exported.status).toBe(200);
      expect(exported.headers['content-type']).toMatch(/^application\/yaml/);
      expect(parse(exported.text)).toEqual({
        progress: {
          [BUILD_PROCESS]: {
            'Team A': {
              Planned: '2025-01-01',
              Started: '2025-02-01',
              Implemented: '2025-05-01',
            },
            Payments: { Implemented: '2025-06-01' },
          },
          [WAF_MEDIUM]: { 'team-b': { Started: '2025-03-01' } },
        },
      });

      const again = await importFile(server, exported.text);
      expect(again.status).toBe(200);
      expect(again.body.imported).toEqual([]);
      expect(again.body.alreadyPresent).toHaveLength(5);
      expect(await storedProgress(knex)).toEqual(stored);
      const exportedAgain = await request(server)
        .get('/api/dsomm/progress/export')
        .set('Authorization', user);
      expect(exportedAgain.text).toBe(exported.text);

      const fresh = await startBackend(databaseId);
      const intoFresh = await importFile(fresh.server, exported.text);
      expect(intoFresh.body.imported).toHaveLength(5);
      expect(await storedProgress(fresh.knex)).toEqual(stored);
    });

    it('exports one group, as JSON on request, and refuses refs that are no visible Group', async () => {
      const { server } = await startBackend(databaseId);
      await importFile(server, FILE);
      const one = await request(server)
        .get('/api/dsomm/progress/export?group=team-payments&format=json')
        .set('Authorization', user);
      expect(one.status).toBe(200);
      assertMatchesSpec('get', '/progress/export', one);
      expect(one.body).toEqual({
        progress: {
          [BUILD_PROCESS]: { Payments: { Implemented: '2025-06-01' } },
        },
      });
      const missing = await request(server)
        .get('/api/dsomm/progress/export?group=group:default/nope')
        .set('Authorization', user);
      expect(missing.status).toBe(404);
      assertMatchesSpec('get', '/progress/export', missing);
      const notGroup = await request(server)
        .get('/api/dsomm/progress/export?group=component:default/alpha')
        .set('Authorization', user);
      expect(notGroup.status).toBe(400);
      expect(notGroup.body.error.message).toBe(
        'group must name a Group, not component:default/alpha',
      );
      const empty = await request((await startBackend(databaseId)).server)
        .get('/api/dsomm/progress/export?format=json')
        .set('Authorization', user);
      expect(empty.body).toEqual({ progress: {} });
    });
  },
);
