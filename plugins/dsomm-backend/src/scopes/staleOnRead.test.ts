import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { indexModel } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { readDsommConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { component, testConfig } from '../__testUtils__/entities';
import { createTestDatabases } from '../__testUtils__/databases';
import { EntityService } from '../service/EntityService';
import { scoringOver } from '../__testUtils__/scoring';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const model = getBuiltInModel();
const config = readDsommConfig(new ConfigReader(testConfig), model);
const CHAMPION = indexModel(model).resolve(
  'each-team-has-a-security-champion',
)!.id;

const team = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

/** Six components: svc-0, svc-2, svc-4 owned by team-a; svc-1, svc-3, svc-5 by team-c. */
function catalog(): Entity[] {
  return [
    team('team-a'),
    team('team-c'),
    ...Array.from({ length: 6 }, (_, i) =>
      component(`svc-${i}`, { owner: i % 2 === 0 ? 'team-a' : 'team-c' }),
    ),
  ];
}

describe.each(databases.eachSupportedId())(
  'a scope change on a read before its re-score, on %p',
  databaseId => {
    it('marks the scores below out of date first, so each read shows the change even when the re-score fails', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      const mock = catalogServiceMock({ entities: catalog() });
      const logger = mockServices.logger.mock();
      const scoring = scoringOver({ config, store, catalog: mock, logger });
      const entities = new EntityService({
        model,
        config,
        store,
        catalog: mock,
        auth: mockServices.auth(),
        scoring,
      });
      const credentials = mockServices.auth().getOwnServiceCredentials();
      const championOf = async (name: string) => {
        const score = await entities.getScore(
          `component:default/${name}`,
          await credentials,
        );
        return score.activities.find(a => a.activityId === CHAMPION);
      };
      const staleRefs = async () =>
        (
          await knex('dsomm_scores')
            .whereNotNull('stale_since')
            .orderBy('entity_ref')
            .select('entity_ref')
        ).map(r => r.entity_ref);

      expect((await scoring.recomputeAll()).scored).toBe(6);
      expect(await staleRefs()).toEqual([]);

      // The batches of the re-score below team-a cannot read the catalog.
      mock.getEntitiesByRefs = async () => {
        throw new Error('catalog unavailable');
      };
      const recompute = jest.spyOn(scoring, 'recomputeEntity');
      await entities.attest(
        'group:default/team-a',
        { activity: CHAMPION, comment: 'every team has one' },
        'user:default/lead',
        await credentials,
      );
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining('catalog unavailable'),
      );
      // Exactly the components below team-a are out of date, and their stored scores do not
      // have the attestation yet.
      expect(await staleRefs()).toEqual([
        'component:default/svc-0',
        'component:default/svc-2',
        'component:default/svc-4',
      ]);
      const stored = await store.getScore('component:default/svc-2');
      expect(
        stored!.activities.find(a => a.activityId === CHAMPION),
      ).toBeUndefined();

      // A read scores the component afresh and stores it, which clears its mark.
      const champion = await championOf('svc-2');
      expect(champion?.status).toBe('implemented');
      expect(champion?.evidence.map(e => e.scope)).toEqual([
        'group:default/team-a',
      ]);
      expect(recompute).toHaveBeenCalledTimes(1);
      expect(await staleRefs()).toEqual([
        'component:default/svc-0',
        'component:default/svc-4',
      ]);
      // Read again: served from the store now.
      expect((await championOf('svc-2'))?.status).toBe('implemented');
      expect(recompute).toHaveBeenCalledTimes(1);

      // A component of another team is neither out of date nor scored on read.
      expect((await championOf('svc-1'))?.status).toBe('missing');
      expect(recompute).toHaveBeenCalledTimes(1);

      // The next full recompute writes every score, and no mark is left.
      mock.getEntitiesByRefs = catalogServiceMock({
        entities: catalog(),
      }).getEntitiesByRefs;
      expect((await scoring.recomputeAll()).scored).toBe(6);
      expect(await staleRefs()).toEqual([]);
      const after = await store.getScore('component:default/svc-4');
      expect(
        after!.activities.find(a => a.activityId === CHAMPION)?.status,
      ).toBe('implemented');
    });

    it('a re-score that succeeds leaves no mark', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      const mock = catalogServiceMock({ entities: catalog() });
      const scoring = scoringOver({ config, store, catalog: mock });
      await scoring.recomputeAll();
      await store.insertAttestation({
        id: '00000000-0000-4000-8000-0000000000b1',
        entityRef: 'group:default/team-c',
        activityId: CHAMPION,
        comment: 'every team has one',
        attestedBy: 'user:default/lead',
        attestedAt: new Date().toISOString(),
      });
      expect(
        (await scoring.rescoreScope('group:default/team-c')).rescored,
      ).toBe(3);
      const [{ n }] = await knex('dsomm_scores')
        .whereNotNull('stale_since')
        .count('* as n');
      expect(Number(n)).toBe(0);
    });
  },
);
