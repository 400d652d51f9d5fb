import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { readDsommConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { component, testCatalog, testConfig } from '../__testUtils__/entities';
import { createTestDatabases } from '../__testUtils__/databases';
import { scoringOver } from '../__testUtils__/scoring';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const model = getBuiltInModel();
const config = readDsommConfig(new ConfigReader(testConfig), model);

async function setup(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const store = await DsommStore.create({
    database: mockServices.database({ knex }),
  });
  return { knex, store };
}

describe.each(databases.eachSupportedId())(
  'ScoringService on %p',
  databaseId => {
    it('scores every component and removes what belongs to components gone from the catalog', async () => {
      const { knex, store } = await setup(databaseId);
      let clock = new Date('2026-06-01T10:00:00Z');
      const logger = mockServices.logger.mock();
      const service = (entities = testCatalog()) =>
        scoringOver({
          config,
          store,
          catalog: catalogServiceMock({ entities }),
          logger,
          now: () => clock,
        });

      const first = await service().recomputeAll();
      expect(first).toMatchObject({ scored: 3, removed: 0 });
      const rows = await knex('dsomm_scores').orderBy('entity_ref');
      expect(rows.map(r => [r.entity_ref, r.tier, r.domain])).toEqual([
        ['component:default/alpha', 'critical', 'domain:default/commerce'],
        ['component:default/beta', 'standard', null],
        ['component:default/gamma', 'experimental', null],
      ]);
      expect(rows.map(r => r.warning_count)).toEqual([0, 1, 0]);
      expect(
        (await store.getScore('component:default/alpha'))?.facts.owner,
      ).toBe('group:default/team-a');

      // gamma has an attestation and a waiver; then it leaves the catalog
      await store.insertAttestation({
        id: '00000000-0000-4000-8000-000000000001',
        entityRef: 'component:default/gamma',
        activityId: 'f6f7737f-25a9-4317-8de2-09bf59f29b5b',
        comment: 'x',
        attestedBy: 'user:default/jane',
        attestedAt: clock.toISOString(),
      });
      clock = new Date('2026-06-02T10:00:00Z');
      const second = await service(
        testCatalog().filter(e => e.metadata.name !== 'gamma'),
      ).recomputeAll();
      expect(second).toMatchObject({ scored: 2, removed: 1 });
      expect(
        (await knex('dsomm_scores')).map(r => r.entity_ref).sort(),
      ).toEqual(['component:default/alpha', 'component:default/beta']);
      expect(await knex('dsomm_evidence')).toEqual([]);
      // one snapshot per entity and day
      const history = await knex('dsomm_score_history').orderBy([
        'entity_ref',
        'day',
      ]);
      expect(history.map(h => [h.entity_ref, h.day])).toEqual([
        ['component:default/alpha', '2026-06-01'],
        ['component:default/alpha', '2026-06-02'],
        ['component:default/beta', '2026-06-01'],
        ['component:default/beta', '2026-06-02'],
      ]);
      expect(await store.pruneHistory('2026-06-02')).toBe(2);
    });

    it('keeps the previous scores when the catalog cannot be read', async () => {
      const { knex, store } = await setup(databaseId);
      const logger = mockServices.logger.mock();
      const recompute = (catalog: CatalogService) =>
        scoringOver({ config, store, catalog, logger }).recomputeAll();
      await recompute(catalogServiceMock({ entities: testCatalog() }));

      const broken = catalogServiceMock.mock({
        streamEntities: () => {
          throw new Error('catalog is down');
        },
      });
      await expect(recompute(broken)).rejects.toThrow('catalog is down');
      expect(await knex('dsomm_scores')).toHaveLength(3);
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining('DSOMM recompute failed'),
      );

      // The catalog fails after its first page: nothing is removed, and the half-read batch
      // is not written either.
      const before = await knex('dsomm_scores').orderBy('entity_ref');
      const [first, ...rest] = testCatalog();
      const midway = catalogServiceMock.mock({
        streamEntities: async function* stream(request: any) {
          if (
            [].concat(request?.filter?.kind ?? []).includes('System' as never)
          )
            return;
          yield [first];
          throw new Error('catalog went away');
        } as any,
      });
      await expect(recompute(midway)).rejects.toThrow('catalog went away');
      const after = await knex('dsomm_scores').orderBy('entity_ref');
      expect(after.map(r => r.entity_ref)).toEqual(
        before.map(r => r.entity_ref),
      );
      expect(rest.length).toBeGreaterThan(0);
      const changed = after
        .filter((row, i) => row.computed_at !== before[i].computed_at)
        .map(row => row.entity_ref);
      expect(changed).toEqual([]);

      // The next run, with the catalog back, recovers.
      const recovered = await recompute(
        catalogServiceMock({ entities: testCatalog() }),
      );
      expect(recovered).toMatchObject({ scored: 3, removed: 0 });
      // Every score is as stored before the failures, so none is written again.
      expect(await knex('dsomm_scores').orderBy('entity_ref')).toEqual(before);
    });
  },
);

/**
 * Makes the second transaction of `store` throw before it begins; counts the transactions
 * asked for and those still open.
 */
function failSecondTransaction(store: DsommStore) {
  const transaction = store.transaction.bind(store);
  const counts = { calls: 0, open: 0 };
  jest.spyOn(store, 'transaction').mockImplementation(async fn => {
    counts.calls += 1;
    if (counts.calls === 2)
      throw new Error('the second batch could not be written');
    counts.open += 1;
    try {
      return await transaction(fn);
    } finally {
      counts.open -= 1;
    }
  });
  return counts;
}

describe.each(databases.eachSupportedId())(
  'ScoringService batches on %p',
  databaseId => {
    // Three batches of 500: on PostgreSQL two are in flight at once.
    const many = () =>
      Array.from({ length: 1_100 }, (_, i) =>
        component(`svc-${String(i).padStart(4, '0')}`, {}),
      );

    it('scores a catalog of several batches, each component once', async () => {
      const { knex, store } = await setup(databaseId);
      const service = scoringOver({ store, entities: many(), config });
      expect(await service.recomputeAll()).toMatchObject({
        scored: 1_100,
        unchanged: 0,
        removed: 0,
      });
      const [{ n }] = await knex('dsomm_scores').count({ n: '*' });
      expect(Number(n)).toBe(1_100);
      expect(await service.recomputeAll()).toMatchObject({
        scored: 1_100,
        unchanged: 1_100,
        removed: 0,
      });
    });

    it('fails the run when a batch fails, after the batches in flight, and removes nothing', async () => {
      const { knex, store } = await setup(databaseId);
      // Stored before: one component the failing run must not remove as gone.
      await scoringOver({
        store,
        entities: [component('kept', {})],
        config,
      }).recomputeAll();
      const batches = failSecondTransaction(store);
      await expect(
        scoringOver({ store, entities: many(), config }).recomputeAll(),
      ).rejects.toThrow('the second batch could not be written');
      // No batch was still being written when the run answered.
      expect(batches.open).toBe(0);
      const refs = (await knex('dsomm_scores').select('entity_ref')).map(
        r => r.entity_ref,
      );
      // Not removed as gone: the run did not read the whole catalog.
      expect(refs).toContain('component:default/kept');
      expect(refs).toContain('component:default/svc-0000');
      expect(refs).not.toContain('component:default/svc-0500');
    });

    it('fails a re-score below a scope when a batch fails, after the batches in flight, starting no other', async () => {
      const { store } = await setup(databaseId);
      const service = scoringOver({ store, entities: many(), config });
      await service.recomputeAll();
      const batches = failSecondTransaction(store);
      await expect(service.rescoreScope('organization')).rejects.toThrow(
        'the second batch could not be written',
      );
      // On PostgreSQL the first batch was still being written when the second failed.
      expect(batches.open).toBe(0);
      expect(batches.calls).toBe(2);
    });
  },
);

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('migrate up and down cleanly', async () => {
    const knex = await databases.init(databaseId);
    const directory = require('path').resolve(__dirname, '../../migrations');
    await knex.migrate.latest({ directory });
    for (const table of [
      'dsomm_evidence',
      'dsomm_waivers',
      'dsomm_scores',
      'dsomm_score_details',
      'dsomm_score_history',
      'dsomm_reports',
      'dsomm_annotation_seen',
      'dsomm_campaign_snapshots',
    ]) {
      expect(await knex.schema.hasTable(table)).toBe(true);
    }
    await knex.migrate.rollback({ directory }, true);
    for (const table of [
      'dsomm_evidence',
      'dsomm_waivers',
      'dsomm_scores',
      'dsomm_score_details',
      'dsomm_score_history',
      'dsomm_reports',
      'dsomm_annotation_seen',
      'dsomm_campaign_snapshots',
    ]) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
    // and up again, as a restarted backend would
    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('dsomm_scores')).toBe(true);
  });

  it('backfills the grouped finding ages of stored reports', async () => {
    const knex = await databases.init(databaseId);
    const directory = require('path').resolve(__dirname, '../../migrations');
    // The schema before finding ages, with one stored report.
    for (let i = 0; i < 4; i++) await knex.migrate.up({ directory });
    await knex('dsomm_reports').insert({
      id: 'r1',
      entity_ref: 'component:default/a',
      sha256: 'f'.repeat(64),
      size_bytes: 1,
      format: 'trivy',
      tool_name: 'Trivy',
      uploaded_at: '2026-05-01T00:00:00.000Z',
      uploaded_by: 'external:test',
      summary: '{}',
      open_findings: JSON.stringify([
        { key: 'k1', severity: 'high', firstSeenAt: 't1' },
        { key: 'k2', severity: 'high', firstSeenAt: 't1' },
      ]),
      activity_ids: '[]',
    });
    await knex.migrate.latest({ directory });
    const row = await knex('dsomm_reports').first();
    expect(JSON.parse(row.finding_ages)).toEqual([
      { key: 'k1', severity: 'high', firstSeenAt: 't1', count: 2 },
    ]);
    // Back to before finding ages (later migrations first).
    while (await knex.schema.hasColumn('dsomm_reports', 'finding_ages')) {
      await knex.migrate.down({ directory });
    }
    expect(await knex('dsomm_reports').pluck('id')).toEqual(['r1']);
  });

  it('moves stored score details to their own table and back', async () => {
    const knex = await databases.init(databaseId);
    const directory = require('path').resolve(__dirname, '../../migrations');
    // The schema as it was before the details moved out.
    for (let i = 0; i < 3; i++) await knex.migrate.up({ directory });
    const row = {
      entity_ref: 'component:default/kept',
      kind: 'component',
      namespace: 'default',
      name: 'kept',
      level_build_and_deployment: 1,
      level_culture_and_organization: 1,
      level_implementation: 1,
      level_information_gathering: 1,
      level_test_and_verification: 1,
      overall_level: 1,
      score: 12.5,
      computed_at: '2026-06-01T00:00:00.000Z',
      dimension_levels: '{}',
      detail: '{"facts":{"entityRef":"component:default/kept"}}',
    };
    await knex('dsomm_scores').insert(row);

    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasColumn('dsomm_scores', 'detail')).toBe(false);
    expect(await knex('dsomm_score_details')).toEqual([
      { entity_ref: row.entity_ref, detail: row.detail },
    ]);
    expect(await knex('dsomm_scores').count({ n: '*' })).toEqual([
      { n: expect.anything() },
    ]);
    expect(Number((await knex('dsomm_scores').first()).score)).toBe(12.5);

    // Back to before the move (later migrations first).
    while (await knex.schema.hasTable('dsomm_score_details')) {
      await knex.migrate.down({ directory });
    }
    expect(await knex.schema.hasColumn('dsomm_scores', 'detail')).toBe(true);
    expect((await knex('dsomm_scores').first()).detail).toBe(row.detail);
  });
});
