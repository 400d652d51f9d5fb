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
import { scoringOver } from '../__testUtils__/scoring';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const model = getBuiltInModel();
const config = readDsommConfig(new ConfigReader(testConfig), model);
const CHAMPION = indexModel(model).resolve(
  'each-team-has-a-security-champion',
)!.id;

const group = (name: string, spec: NonNullable<Entity['spec']>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [], ...spec },
});

/** 30 components: a third owned by team-a, a third by its child team-b, a third by team-c. */
function catalog(): Entity[] {
  const teams = ['team-a', 'team-b', 'team-c'];
  return [
    group('team-a', {}),
    group('team-b', { parent: 'team-a' }),
    group('team-c', {}),
    ...Array.from({ length: 30 }, (_, i) =>
      component(`svc-${i}`, { owner: teams[i % 3] }),
    ),
  ];
}

describe.each(databases.eachSupportedId())(
  'scope re-scoring on %p',
  databaseId => {
    it('a full recompute reads the scopes once; a scope change re-scores exactly the components below', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      const mock = catalogServiceMock({ entities: catalog() });
      const scopeStreams: unknown[] = [];
      const stream = mock.streamEntities.bind(mock);
      mock.streamEntities = (request, options) => {
        const kind = (request?.filter as { kind?: unknown } | undefined)?.kind;
        if (Array.isArray(kind) && kind.includes('Group')) {
          scopeStreams.push(kind);
        }
        return stream(request, options);
      };
      const evidenceReads = jest.spyOn(DsommStore.prototype, 'evidenceFor');
      let clock = new Date('2026-06-01T10:00:00Z');
      const scoring = scoringOver({
        config,
        store,
        catalog: mock,
        now: () => clock,
      });
      const result = await scoring.recomputeAll();
      expect(result.scored).toBe(30);
      expect(scopeStreams).toHaveLength(1);
      // one read for the scopes, one per batch of components (one batch here)
      expect(evidenceReads).toHaveBeenCalledTimes(2);
      evidenceReads.mockRestore();

      await store.insertAttestation({
        id: '00000000-0000-4000-8000-0000000000a1',
        entityRef: 'group:default/team-a',
        activityId: CHAMPION,
        comment: 'every team has one',
        attestedBy: 'user:default/lead',
        attestedAt: clock.toISOString(),
      });
      clock = new Date('2026-06-01T11:00:00Z');
      const { rescored } = await scoring.rescoreScope('group:default/team-a');
      expect(rescored).toBe(20);
      const rows = await knex('dsomm_scores').select(
        'entity_ref',
        'owner',
        'computed_at',
      );
      for (const row of rows) {
        const below = row.owner !== 'group:default/team-c';
        expect([row.entity_ref, String(row.computed_at)]).toEqual([
          row.entity_ref,
          below ? clock.toISOString() : '2026-06-01T10:00:00.000Z',
        ]);
        const score = await store.getScore(row.entity_ref);
        const champion = score!.activities.find(a => a.activityId === CHAMPION);
        expect(champion?.status).toBe(below ? 'implemented' : undefined);
      }
    });
  },
);
