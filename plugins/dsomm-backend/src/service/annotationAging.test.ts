import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { Knex } from 'knex';
import { readDsommConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { createTestDatabases } from '../__testUtils__/databases';
import { scoringOver } from '../__testUtils__/scoring';
import { component } from '../__testUtils__/entities';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const model = getBuiltInModel();
const SECRETS = 'c6e3c812-56e2-41b0-ae01-b7afc41a004c';
const VERSION_CONTROL = '066084c6-1135-4635-9cc5-9e75c7c5459f';
const IMPLEMENTED = 'dsomm.owasp.org/implemented';
const REF = 'component:default/x';
const DAY_MS = 24 * 60 * 60 * 1000;
const t0 = new Date('2026-01-01T10:00:00Z');
const days = (n: number) => new Date(t0.getTime() + n * DAY_MS);

/** A rule on an annotation name longer than any varchar(255). */
const LONG_ANNOTATION = `example.com/${'n'.repeat(300)}`;

function configWith(maxAgeDays: object) {
  return readDsommConfig(
    new ConfigReader({
      dsomm: {
        evidence: {
          maxAgeDays,
          rules: [
            { annotation: LONG_ANNOTATION, activities: ['version-control'] },
          ],
        },
      },
    }),
    model,
  );
}

async function setup(
  databaseId: Parameters<typeof databases.init>[0],
  maxAgeDays: object = { annotation: 30 },
) {
  const knex = await databases.init(databaseId);
  const store = await DsommStore.create({
    database: mockServices.database({ knex }),
  });
  let clock = t0;
  const config = configWith(maxAgeDays);
  const recompute = async (entities: Entity[], at: Date) => {
    clock = at;
    await scoringOver({
      store,
      entities,
      config,
      now: () => clock,
    }).recomputeAll();
  };
  const activity = async (activityId: string, ref = REF) =>
    (await store.getScore(ref))?.activities.find(
      a => a.activityId === activityId,
    );
  return { knex, store, recompute, activity };
}

const seenRows = (knex: Knex) =>
  knex('dsomm_annotation_seen')
    .orderBy(['entity_ref', 'annotation'])
    .select('entity_ref', 'annotation', 'first_seen_at');

describe.each(databases.eachSupportedId())(
  'annotation evidence ages from when its value was first seen, on %p',
  databaseId => {
    it('turns stale past maxAgeDays.annotation, is fresh again when the value changes, and forgets a removed annotation', async () => {
      const { knex, recompute, activity } = await setup(databaseId);
      const listed = component('x', {}, { [IMPLEMENTED]: SECRETS });

      await recompute([listed], t0);
      expect(await activity(SECRETS)).toMatchObject({
        status: 'implemented',
      });

      // Unchanged for 29 days: still within the limit, and still dated t0.
      await recompute([listed], days(29));
      const within = await activity(SECRETS);
      expect(within?.status).toBe('implemented');
      expect(within?.evidence?.[0].observedAt).toBe(t0.toISOString());

      // Unchanged for 31 days: stale.
      await recompute([listed], days(31));
      expect((await activity(SECRETS))?.status).toBe('stale');

      // A changed value restarts the clock.
      const changed = component(
        'x',
        {},
        { [IMPLEMENTED]: `${SECRETS}, version-control` },
      );
      await recompute([changed], days(32));
      const fresh = await activity(SECRETS);
      expect(fresh?.status).toBe('implemented');
      expect(fresh?.evidence?.[0].observedAt).toBe(days(32).toISOString());

      // Removed, then added back with its old value: forgotten meanwhile, so fresh.
      await recompute([component('x', {})], days(70));
      expect(await seenRows(knex)).toEqual([]);
      await recompute([changed], days(71));
      expect((await activity(SECRETS))?.evidence?.[0].observedAt).toBe(
        days(71).toISOString(),
      );
      await recompute([changed], days(100));
      expect((await activity(SECRETS))?.status).toBe('implemented');
      await recompute([changed], days(102));
      expect((await activity(SECRETS))?.status).toBe('stale');
    });

    it('ages nothing without maxAgeDays.annotation', async () => {
      const { recompute, activity } = await setup(databaseId, {
        report: 30,
      });
      const listed = component('x', {}, { [IMPLEMENTED]: SECRETS });
      await recompute([listed], t0);
      await recompute([listed], days(3650));
      const later = await activity(SECRETS);
      expect(later?.status).toBe('implemented');
      // still dated from when it was first seen
      expect(later?.evidence?.[0].observedAt).toBe(t0.toISOString());
    });

    it('stores names and values of any length, and forgets entities gone from the catalog', async () => {
      const { knex, recompute, activity } = await setup(databaseId);
      const longValue = `${SECRETS}\n${'x'.repeat(100_000)}`;
      const entity = component(
        'x',
        {},
        { [IMPLEMENTED]: longValue, [LONG_ANNOTATION]: 'on' },
      );
      const other = component('y', {}, { [IMPLEMENTED]: SECRETS });
      await recompute([entity, other], t0);
      expect(await seenRows(knex)).toEqual([
        {
          entity_ref: REF,
          annotation: IMPLEMENTED,
          first_seen_at: t0.toISOString(),
        },
        {
          entity_ref: REF,
          annotation: LONG_ANNOTATION,
          first_seen_at: t0.toISOString(),
        },
        {
          entity_ref: 'component:default/y',
          annotation: IMPLEMENTED,
          first_seen_at: t0.toISOString(),
        },
      ]);
      expect((await activity(VERSION_CONTROL))?.evidence?.[0]).toMatchObject({
        observedAt: t0.toISOString(),
        details: { annotation: LONG_ANNOTATION },
      });
      await recompute([other], days(40));
      expect((await seenRows(knex)).map(r => r.entity_ref)).toEqual([
        'component:default/y',
      ]);
      expect((await activity(SECRETS, 'component:default/y'))?.status).toBe(
        'stale',
      );
    });

    it('reads and writes first-seen times per batch, not per entity', async () => {
      const { knex, recompute } = await setup(databaseId);
      const entities = Array.from({ length: 120 }, (_, i) =>
        component(`c${i}`, {}, { [IMPLEMENTED]: SECRETS }),
      );
      const statements: string[] = [];
      const onQuery = (q: { sql: string }) => {
        if (q.sql.includes('dsomm_annotation_seen')) statements.push(q.sql);
      };
      knex.on('query', onQuery);
      try {
        await recompute(entities, t0);
        // one read and one insert of 100 rows and one of 20
        expect(statements).toHaveLength(3);
        statements.length = 0;
        await recompute(entities, days(1));
        // nothing changed: one read, no write
        expect(statements).toHaveLength(1);
        expect(statements[0]).toMatch(/^select/i);
      } finally {
        knex.off('query', onQuery);
      }
      const [{ n }] = await knex('dsomm_annotation_seen').count({ n: '*' });
      expect(Number(n)).toBe(120);
    });

    it('stores sightings per entity and annotation, and removeEntity forgets them', async () => {
      const { store } = await setup(databaseId);
      const a = 'component:default/a';
      const b = 'component:default/b';
      const sighting = (annotation: string, valueHash: string) => ({
        annotation,
        valueHash,
        firstSeenAt: t0.toISOString(),
      });
      await store.saveAnnotationSightings([
        {
          entityRef: a,
          upserts: [sighting(IMPLEMENTED, 'h1'), sighting('k/two', 'h2')],
          removed: [],
        },
        { entityRef: b, upserts: [sighting(IMPLEMENTED, 'h3')], removed: [] },
      ]);
      // a changed value, a removed annotation, and an entity left alone
      await store.saveAnnotationSightings([
        {
          entityRef: a,
          upserts: [{ ...sighting(IMPLEMENTED, 'h4'), firstSeenAt: 'later' }],
          removed: ['k/two'],
        },
      ]);
      const read = async () => {
        const all = await store.annotationSightingsFor([
          a,
          b,
          'component:default/none',
        ]);
        return Object.fromEntries(
          [...all].map(([ref, byName]) => [ref, Object.fromEntries(byName)]),
        );
      };
      expect(await read()).toEqual({
        [a]: { [IMPLEMENTED]: { valueHash: 'h4', firstSeenAt: 'later' } },
        [b]: {
          [IMPLEMENTED]: { valueHash: 'h3', firstSeenAt: t0.toISOString() },
        },
      });
      await store.removeEntity(b);
      expect(Object.keys(await read())).toEqual([a]);
    });
  },
);
