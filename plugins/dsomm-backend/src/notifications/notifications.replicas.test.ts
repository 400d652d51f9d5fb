import { randomUUID } from 'crypto';
import knexFactory, { Knex } from 'knex';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { dsommPlugin } from '../plugin';
import { DsommStore } from '../database/DsommStore';
import { createTestDatabases } from '../__testUtils__/databases';
import { component, testConfig } from '../__testUtils__/entities';

jest.setTimeout(180_000);

const databases = createTestDatabases();
const model = getBuiltInModel();
const DAY_MS = 24 * 60 * 60 * 1000;
const TEAM = 'group:default/team-a';

const config = {
  ...testConfig,
  dsomm: { ...testConfig.dsomm, notifications: { enabled: true } },
};

const entities = [
  component('dropper', { owner: 'team-a' }),
  component('expiring', { owner: 'team-a' }),
  component('late', { owner: 'team-a' }),
];

/**
 * What a notifications backend was asked to send, by both replicas together. It yields
 * between calls, so the two replicas' sends interleave as they would over HTTP.
 */
function recordingNotifications() {
  const sent: NotificationSendOptions[] = [];
  const factory = createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      async send(options: NotificationSendOptions) {
        await new Promise(resolve => setImmediate(resolve));
        sent.push(options);
      },
    }),
  });
  return { sent, factory };
}

/** A knex of its own per replica on PostgreSQL, as separate processes have. */
function replicaKnex(databaseId: TestDatabaseId, knex: Knex): Knex {
  return databaseId === 'POSTGRES_15'
    ? knexFactory({ ...knex.client.config })
    : knex;
}

async function startReplica(
  knex: Knex,
  notifications: ReturnType<typeof recordingNotifications>['factory'],
) {
  // The mock scheduler runs a task when asked (its type hides how).
  const scheduler = mockServices.scheduler() as unknown as {
    factory(options: { skipTaskRunOnStartup: boolean }): any;
    triggerTask(id: string): Promise<void>;
  };
  await startTestBackend({
    features: [
      dsommPlugin,
      mockServices.rootConfig.factory({ data: config }),
      mockServices.database.factory({ knex }),
      scheduler.factory({ skipTaskRunOnStartup: true }),
      catalogServiceMock.factory({ entities }),
      notifications,
    ],
  });
  return () => scheduler.triggerTask('dsomm-recompute');
}

describe.each(databases.eachSupportedId())(
  'notifications from two replicas on %p',
  databaseId => {
    it('sends each event once to the owner group while both recompute at once, and nothing new when they recompute again', async () => {
      const knex = await databases.init(databaseId);
      const other = replicaKnex(databaseId, knex);
      const { sent, factory } = recordingNotifications();
      try {
        const recomputeA = await startReplica(knex, factory);
        const recomputeB = await startReplica(other, factory);
        const store = new DsommStore(knex);
        const now = Date.now();
        const iso = (offsetDays: number) =>
          new Date(now + offsetDays * DAY_MS).toISOString();

        // Every activity attested for `dropper`: its levels are high and it meets its target.
        const attestations = model.activities.map(a => ({
          id: randomUUID(),
          entityRef: 'component:default/dropper',
          activityId: a.id,
          comment: 'done',
          attestedBy: 'user:default/someone',
          attestedAt: iso(-1),
        }));
        for (const a of attestations) await store.insertAttestation(a);
        await recomputeA();
        const first = await store.scoreDetails(['component:default/dropper']);
        expect(first.get('component:default/dropper')!.meetsTarget).toBe(true);
        // A first score is no change: nothing to tell.
        expect(sent).toEqual([]);

        // Then: the attestations revoked, evidence and a waiver about to expire, a finding
        // past its SLA, and a campaign a few days from its deadline.
        for (const a of attestations) {
          await store.revokeAttestation(
            a.entityRef,
            a.id,
            'user:default/someone',
            iso(0),
          );
        }
        const [soon, later] = model.activities;
        await store.insertAttestation({
          id: randomUUID(),
          entityRef: 'component:default/expiring',
          activityId: soon.id,
          comment: 'done',
          attestedBy: 'user:default/someone',
          attestedAt: iso(-300),
          expiresAt: iso(5),
        });
        await store.insertWaiver({
          id: randomUUID(),
          entityRef: 'component:default/expiring',
          activityId: later.id,
          justification: 'not for us',
          grantedBy: 'user:default/someone',
          grantedAt: iso(-100),
          expiresAt: iso(3),
        });
        await store.saveFindingLifecycle('component:default/late', 'semgrep', {
          upserts: [
            {
              fingerprint: 'old-high',
              severity: 'high',
              category: 'sast',
              firstSeenAt: iso(-200),
              lastSeenAt: iso(-1),
              closedAt: null,
              reopenedCount: 0,
            },
          ],
          deletes: [],
        });
        await store.insertCampaign({
          id: randomUUID(),
          name: 'Level 1 everywhere',
          owner: 'group:default/security',
          scope: {},
          goal: { level: 1 },
          start: iso(-10),
          deadline: iso(5),
          createdBy: 'user:default/someone',
          createdAt: iso(-11),
          updatedAt: iso(-11),
        });

        await Promise.all([recomputeA(), recomputeB()]);

        const topics = sent.map(s => s.payload.topic).sort();
        expect(topics).toEqual([
          'dsomm-below-target',
          'dsomm-campaign-deadline-near',
          'dsomm-campaign-started',
          'dsomm-expiring',
          'dsomm-level-dropped',
          'dsomm-sla-passed',
        ]);
        for (const s of sent) {
          expect(s.recipients).toEqual({ type: 'entity', entityRef: TEAM });
        }
        const expiring = sent.find(s => s.payload.topic === 'dsomm-expiring')!;
        expect(expiring.payload.link).toBe(
          '/catalog/default/component/expiring/dsomm',
        );
        expect(expiring.payload.description).toContain(
          `the attestation of "${soon.name}" expires on`,
        );
        expect(expiring.payload.description).toContain(
          `the waiver of "${later.name}" expires on`,
        );
        // Every recorded event is sent, each in exactly one message.
        const rows = await knex('dsomm_notifications').select('key', 'sent_at');
        expect(rows.every(r => r.sent_at !== null)).toBe(true);
        const lines = sent.flatMap(s =>
          s.payload.description!.split('\n').filter(l => l !== ''),
        );
        expect(lines).toHaveLength(rows.length);
        expect(new Set(sent.map(s => s.payload.scope)).size).toBe(sent.length);

        // Recomputing again, on both: the same state, no new message.
        await Promise.all([recomputeA(), recomputeB()]);
        await recomputeA();
        expect(sent).toHaveLength(6);
        const [{ n }] = await knex('dsomm_notifications').count('* as n');
        expect(Number(n)).toBe(rows.length);
      } finally {
        if (other !== knex) await other.destroy();
      }
    });
  },
);
