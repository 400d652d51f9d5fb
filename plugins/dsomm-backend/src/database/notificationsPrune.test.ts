import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { NotificationEvent } from '../notifications/events';
import { DsommStore } from './DsommStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const REF = 'component:default/a';
const OLD = '2026-01-01T00:00:00.000Z';
const RECENT = '2026-06-01T00:00:00.000Z';
const BEFORE = '2026-03-01T00:00:00.000Z';

const event = (kind: NotificationEvent['kind'], key: string) =>
  ({
    kind,
    key,
    owner: 'group:default/team-a',
    entityRef: REF,
    text: key,
    link: '/catalog/default/component/a/dsomm',
    severity: 'normal',
  } as NotificationEvent);

/** The key slaEvents gives a tracked finding of tool Trivy. */
const slaKey = (fingerprint: string) =>
  `sla-passed|${REF}|Trivy|${fingerprint}|${OLD}`;

describe.each(databases.eachSupportedId())(
  'pruning notifications on %p',
  databaseId => {
    it('deletes sent events past the retention that cannot come again, and keeps the rest', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      await store.recordNotifications(
        [
          event('level-dropped', `level-dropped|${REF}|overall|2>1|${OLD}`),
          event('expiring', `expiring|${REF}|attestation:x|2026-01-10`),
          // Its finding is still open: the event would come again.
          event('sla-passed', slaKey('open-one')),
          // Its finding was fixed.
          event('sla-passed', slaKey('fixed-one')),
          event('campaign-started', `campaign-started|c1|team-a|${OLD}`),
        ],
        OLD,
      );
      await knex('dsomm_notifications').update({ sent_at: OLD });
      // Old but never sent: waits for its sender, whatever its age.
      await store.recordNotifications(
        [event('below-target', `below-target|${REF}|${OLD}`)],
        OLD,
      );
      // Sent, but within the retention.
      await store.recordNotifications(
        [event('below-target', `below-target|${REF}|${RECENT}`)],
        RECENT,
      );
      await knex('dsomm_notifications')
        .where({ created_at: RECENT })
        .update({ sent_at: RECENT });
      const finding = (fingerprint: string, closedAt: string | null) => ({
        entity_ref: REF,
        tool_name: 'Trivy',
        fingerprint,
        severity: 'high',
        category: 'sca',
        first_seen_at: OLD,
        last_seen_at: OLD,
        closed_at: closedAt,
      });
      await knex('dsomm_finding_lifecycle').insert([
        finding('open-one', null),
        finding('fixed-one', '2026-02-01T00:00:00.000Z'),
      ]);

      expect(await store.pruneNotifications(BEFORE)).toBe(4);
      const kept = await knex('dsomm_notifications')
        .orderBy('key')
        .pluck('key');
      expect(kept).toEqual(
        [
          `below-target|${REF}|${OLD}`,
          `below-target|${REF}|${RECENT}`,
          slaKey('open-one'),
        ].sort(),
      );
      // Recording the open finding's event again adds nothing: it is not sent twice.
      expect(
        await store.recordNotifications(
          [event('sla-passed', slaKey('open-one'))],
          RECENT,
        ),
      ).toBe(0);
      expect(await store.pruneNotifications(BEFORE)).toBe(0);
    });
  },
);
