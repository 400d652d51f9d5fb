import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { Knex } from 'knex';
import { readDsommConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { createTestDatabases } from '../__testUtils__/databases';
import { testCatalog, testConfig } from '../__testUtils__/entities';
import { scoringOver } from '../__testUtils__/scoring';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const model = getBuiltInModel();
const config = readDsommConfig(new ConfigReader(testConfig), model);
const SCORE_TABLES = /dsomm_(scores|score_details|score_history)\b/;

/** The statements that write (insert, update, delete) the score tables, as they run. */
function scoreWrites(knex: Knex): { sql: string; bindings: unknown[] }[] {
  const seen: { sql: string; bindings: unknown[] }[] = [];
  knex.on('query', (q: { sql: string; bindings?: unknown[] }) => {
    if (/^\s*(insert|update|delete)/i.test(q.sql) && SCORE_TABLES.test(q.sql)) {
      seen.push({ sql: q.sql, bindings: q.bindings ?? [] });
    }
  });
  return seen;
}

describe.each(databases.eachSupportedId())(
  'Incremental score writes on %p',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      let clock = new Date('2026-06-01T10:00:00Z');
      const scoring = scoringOver({
        config,
        store,
        entities: testCatalog(),
        now: () => clock,
      });
      const stored = async () =>
        Object.fromEntries(
          (await knex('dsomm_scores').select('entity_ref', 'computed_at')).map(
            r => [r.entity_ref, r.computed_at],
          ),
        );
      return {
        knex,
        store,
        scoring,
        stored,
        setClock: (iso: string) => {
          clock = new Date(iso);
        },
      };
    }

    it('writes nothing to the score tables when a recompute finds every score as stored', async () => {
      const { knex, scoring, stored, setClock } = await setup();
      await scoring.recomputeAll();
      const before = await stored();
      const details = await knex('dsomm_score_details').orderBy('entity_ref');
      const history = await knex('dsomm_score_history').orderBy('entity_ref');
      expect(Object.keys(before)).toHaveLength(3);

      setClock('2026-06-01T15:00:00Z');
      const writes = scoreWrites(knex);
      const again = await scoring.recomputeAll();
      expect(again).toMatchObject({ scored: 3, removed: 0 });
      expect(writes).toEqual([]);
      expect(await stored()).toEqual(before);
      expect(await knex('dsomm_score_details').orderBy('entity_ref')).toEqual(
        details,
      );
      expect(await knex('dsomm_score_history').orderBy('entity_ref')).toEqual(
        history,
      );
    });

    it('writes exactly the entities whose score changed', async () => {
      const { knex, store, scoring, stored, setClock } = await setup();
      await scoring.recomputeAll();
      const before = await stored();

      setClock('2026-06-01T15:00:00Z');
      await store.insertAttestation({
        id: '00000000-0000-4000-8000-000000000001',
        entityRef: 'component:default/gamma',
        activityId: 'f6f7737f-25a9-4317-8de2-09bf59f29b5b',
        comment: 'x',
        attestedBy: 'user:default/jane',
        attestedAt: '2026-06-01T15:00:00.000Z',
      });
      const writes = scoreWrites(knex);
      await scoring.recomputeAll();
      expect(await stored()).toEqual({
        ...before,
        'component:default/gamma': '2026-06-01T15:00:00.000Z',
      });
      // Each statement names gamma and no other entity.
      expect(writes.length).toBeGreaterThan(0);
      for (const { bindings } of writes) {
        const refs = bindings.filter(
          b => typeof b === 'string' && b.startsWith('component:'),
        );
        expect(new Set(refs)).toEqual(new Set(['component:default/gamma']));
      }
      const gamma = await store.getScore('component:default/gamma');
      expect(
        gamma?.activities.find(
          a => a.activityId === 'f6f7737f-25a9-4317-8de2-09bf59f29b5b',
        )?.status,
      ).toBe('implemented');
    });

    it('writes a new day its snapshots, and of the scores only what they were computed from, when no score changed', async () => {
      const { knex, scoring, stored, setClock } = await setup();
      await scoring.recomputeAll();
      const before = await stored();
      const scoreColumns = async () =>
        (await knex('dsomm_scores').orderBy('entity_ref')).map(
          ({ input_digest, next_change_at, ...rest }) => rest,
        );
      const rowsBefore = await scoreColumns();

      setClock('2026-06-02T09:00:00Z');
      const writes = scoreWrites(knex);
      // Each day's first recompute scores every component again (the day is an input).
      expect(await scoring.recomputeAll()).toMatchObject({ unchanged: 0 });
      expect(await stored()).toEqual(before);
      expect(await scoreColumns()).toEqual(rowsBefore);
      expect(writes.some(w => /dsomm_score_details/.test(w.sql))).toBe(false);
      const days = await knex('dsomm_score_history')
        .orderBy(['entity_ref', 'day'])
        .select('entity_ref', 'day');
      expect(days.map(d => `${d.entity_ref} ${d.day}`)).toEqual([
        'component:default/alpha 2026-06-01',
        'component:default/alpha 2026-06-02',
        'component:default/beta 2026-06-01',
        'component:default/beta 2026-06-02',
        'component:default/gamma 2026-06-01',
        'component:default/gamma 2026-06-02',
      ]);
    });

    it('clears the out-of-date mark of a score found unchanged', async () => {
      const { knex, store, scoring, stored, setClock } = await setup();
      await scoring.recomputeAll();
      const before = await stored();
      await store.markStale({ all: true }, '2026-06-01T11:00:00.000Z');
      expect(await store.isStale('component:default/beta')).toBe(true);

      setClock('2026-06-01T12:00:00Z');
      await scoring.recomputeAll();
      expect(await store.isStale('component:default/beta')).toBe(false);
      expect(await stored()).toEqual(before);
      expect(
        await knex('dsomm_scores')
          .whereNotNull('stale_since')
          .pluck('entity_ref'),
      ).toEqual([]);
    });
  },
);
