import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { Knex } from 'knex';
import request from 'supertest';
import { readDsommConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { dsommPlugin } from '../plugin';
import { createTestDatabases } from '../__testUtils__/databases';
import { scoringOver } from '../__testUtils__/scoring';
import { component, testConfig } from '../__testUtils__/entities';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const user = mockCredentials.user.header();
const model = getBuiltInModel();
const config = readDsommConfig(new ConfigReader(testConfig), model);

const HEALTHY = 40;
const healthy = (): Entity[] =>
  Array.from({ length: HEALTHY }, (_, i) =>
    component(
      `healthy-${i}`,
      { owner: 'team-a' },
      {
        'dsomm.owasp.org/implemented': 'version-control',
      },
    ),
  );

/** A component whose tier annotation is a number: reading its tier throws. */
function poisoned(): Entity {
  const entity = component('poisoned', { owner: 'team-a' });
  (entity.metadata.annotations as any)['dsomm.owasp.org/tier'] = 42;
  return entity;
}

/** A component without a name: it has no entity ref to be stored under. */
function nameless(): Entity {
  const entity = component('x', { owner: 'team-a' });
  delete (entity.metadata as any).name;
  return entity;
}

/**
 * Makes the database refuse to store some scores, as it would a value it cannot hold: rows
 * with tier `refused`, and any row of the component named `unstorable`.
 */
async function refuseSomeScores(knex: Knex): Promise<void> {
  const when = `new.tier = 'refused' or new.name = 'unstorable'`;
  if (knex.client.dialect === 'postgresql') {
    await knex.raw(`create function dsomm_test_refuse() returns trigger
      language plpgsql as $$ begin
        if ${when} then raise exception 'refused by the test trigger'; end if;
        return new;
      end $$`);
    await knex.raw(`create trigger dsomm_test_refuse before insert on dsomm_scores
      for each row execute function dsomm_test_refuse()`);
  } else {
    await knex.raw(`create trigger dsomm_test_refuse before insert on dsomm_scores
      when ${when}
      begin select raise(abort, 'refused by the test trigger'); end`);
  }
}

describe.each(databases.eachSupportedId())(
  'one entity that cannot be scored on %p',
  databaseId => {
    it('gets a score carrying its error while every other component is scored by the scheduled recompute', async () => {
      const knex = await databases.init(databaseId);
      // The mock scheduler runs a task when asked (its type hides how).
      const scheduler = mockServices.scheduler() as unknown as {
        factory(options: { skipTaskRunOnStartup: boolean }): any;
        triggerTask(id: string): Promise<void>;
      };
      const { server } = await startTestBackend({
        features: [
          dsommPlugin,
          mockServices.rootConfig.factory({ data: testConfig }),
          mockServices.database.factory({ knex }),
          scheduler.factory({ skipTaskRunOnStartup: true }),
          catalogServiceMock.factory({
            entities: [
              ...healthy().slice(0, HEALTHY / 2),
              poisoned(),
              ...healthy().slice(HEALTHY / 2),
            ],
          }),
        ],
      });

      await scheduler.triggerTask('dsomm-recompute');

      const card = await request(server)
        .get('/api/dsomm/scorecard?limit=100')
        .set('Authorization', user);
      expect(card.status).toBe(200);
      expect(card.body.totalRows).toBe(HEALTHY + 1);
      const rows = new Map<string, any>(
        card.body.rows.map((r: any) => [r.name, r]),
      );
      for (let i = 0; i < HEALTHY; i++) {
        // version-control is a level 1 activity: a real score, not the unscored one
        expect(rows.get(`healthy-${i}`)).toMatchObject({
          warningCount: 0,
          score: expect.any(Number),
        });
        expect(rows.get(`healthy-${i}`).score).toBeGreaterThan(0);
      }
      expect(rows.get('poisoned')).toMatchObject({
        overallLevel: 0,
        score: 0,
        warningCount: 1,
      });
      const page = await request(server)
        .get('/api/dsomm/entities/component/default/poisoned')
        .set('Authorization', user);
      expect(page.status).toBe(200);
      expect(page.body.warnings).toEqual([
        expect.stringMatching(/^DSOMM could not score this entity: .*trim/),
      ]);
    });

    it('stores what it can when the database refuses one score, and keeps the data of an entity it cannot store at all', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      const refused = component(
        'refused',
        { owner: 'team-a' },
        {
          'dsomm.owasp.org/tier': 'refused',
        },
      );
      const unstorable = component('unstorable', { owner: 'team-a' });
      const entities = [...healthy(), refused, unstorable, nameless()];
      let clock = new Date('2026-06-01T10:00:00Z');
      const service = scoringOver({
        store,
        entities,
        config,
        now: () => clock,
      });
      expect(await service.recomputeAll()).toMatchObject({
        scored: HEALTHY + 2,
        unscored: 0,
        skipped: 1,
      });
      await store.insertAttestation({
        id: '00000000-0000-4000-8000-000000000001',
        entityRef: 'component:default/unstorable',
        activityId: 'f6f7737f-25a9-4317-8de2-09bf59f29b5b',
        comment: 'kept',
        attestedBy: 'user:default/jane',
        attestedAt: clock.toISOString(),
      });
      // An attestation for the whole organisation changes every score, so the next run writes
      // every one of them again (an unchanged score would not be written).
      await store.insertAttestation({
        id: '00000000-0000-4000-8000-000000000002',
        entityRef: 'organization',
        activityId: 'f6f7737f-25a9-4317-8de2-09bf59f29b5b',
        comment: 'everyone',
        attestedBy: 'user:default/jane',
        attestedAt: clock.toISOString(),
      });

      await refuseSomeScores(knex);
      clock = new Date('2026-06-02T10:00:00Z');
      expect(await service.recomputeAll()).toMatchObject({
        scored: HEALTHY + 1,
        unscored: 1,
        skipped: 2,
        removed: 0,
      });

      const rows = await knex('dsomm_scores').orderBy('entity_ref');
      const byName = new Map(rows.map(r => [r.name, r]));
      for (let i = 0; i < HEALTHY; i++) {
        expect(byName.get(`healthy-${i}`).computed_at).toBe(
          clock.toISOString(),
        );
      }
      // The refused score is replaced by one that says why.
      expect(byName.get('refused')).toMatchObject({
        computed_at: clock.toISOString(),
        overall_level: 0,
        warning_count: 1,
      });
      expect(
        (await store.getScore('component:default/refused'))?.warnings,
      ).toEqual([
        expect.stringMatching(
          /^DSOMM could not save the score of this entity: refused by the test trigger/,
        ),
      ]);
      // Nothing could be stored for `unstorable`: its earlier score and evidence stay.
      expect(byName.get('unstorable').computed_at).toBe(
        '2026-06-01T10:00:00.000Z',
      );
      expect(
        await knex('dsomm_evidence').where({
          entity_ref: 'component:default/unstorable',
        }),
      ).toHaveLength(1);
    });
  },
);
