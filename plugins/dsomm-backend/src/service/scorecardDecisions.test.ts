import {
  TestDatabaseId,
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import request from 'supertest';
import { dsommTestFeatures } from '../__testUtils__/backend';
import { createTestDatabases } from '../__testUtils__/databases';
import { assertMatchesSpec } from '../__testUtils__/openapi';
import { component } from '../__testUtils__/entities';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const user = mockCredentials.user.header();

function scope(
  kind: 'Group' | 'System' | 'Domain',
  name: string,
  title: string | undefined,
  spec: Entity['spec'],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
    spec,
  };
}

/** A small deterministic generator, so both databases score the same catalog. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const TYPES = ['service', 'website', 'library'];
const OWNERS = ['team-a', 'team-b', 'team-c', undefined];
const SYSTEMS = ['payments', 'search', undefined];
const TIERS = ['critical', 'standard', undefined];

/**
 * Groups (one titled), systems in two domains, and 24 components spread over owners, systems,
 * tiers, lifecycles and types, each implementing a different share of the level 1 and 2
 * activities: scores with decimals and more than one level.
 */
function catalog(): Entity[] {
  const model = getBuiltInModel();
  const random = generator(7);
  const components = Array.from({ length: 24 }, (_, i) => {
    const maxLevel = i % 3 === 0 ? 2 : 1;
    const share = i % 4 === 0 ? 1 : 0.3 + random() * 0.6;
    const implemented = model.activities
      .filter(a => a.level <= maxLevel && random() < share)
      .map(a => a.key);
    const tier = TIERS[i % 3];
    const entity = component(
      `svc-${String(i).padStart(2, '0')}`,
      {
        type: TYPES[i % 3 === 2 ? 2 : i % 2],
        ...(OWNERS[i % 4] ? { owner: OWNERS[i % 4] } : {}),
        ...(SYSTEMS[i % 3] ? { system: SYSTEMS[i % 3] } : {}),
        lifecycle: i % 5 === 0 ? 'experimental' : 'production',
      },
      {
        ...(tier ? { 'dsomm.owasp.org/tier': tier } : {}),
        'dsomm.owasp.org/implemented': implemented.join(','),
      },
    );
    if (i % 2 === 0) entity.metadata.title = `Service ${i}`;
    return entity;
  });
  return [
    scope('Group', 'team-a', 'Team Alpha', { type: 'team', children: [] }),
    scope('Group', 'team-b', undefined, { type: 'team', children: [] }),
    scope('Group', 'team-c', 'Team Gamma', { type: 'team', children: [] }),
    scope('Domain', 'commerce', 'Commerce', { owner: 'team-a' }),
    scope('Domain', 'discovery', undefined, { owner: 'team-b' }),
    scope('System', 'payments', 'Payments Platform', {
      owner: 'team-a',
      domain: 'commerce',
    }),
    scope('System', 'search', undefined, {
      owner: 'team-b',
      domain: 'discovery',
    }),
    ...components,
  ];
}

async function scoredBackend(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const entities = catalog();
  const { server } = await startTestBackend({
    features: dsommTestFeatures({ knex, entities }),
  });
  const names = entities
    .filter(e => e.kind === 'Component')
    .map(e => e.metadata.name);
  for (const name of names) {
    const res = await request(server)
      .post(`/api/dsomm/entities/component/default/${name}/refresh`)
      .set('Authorization', user);
    expect(res.status).toBe(200);
  }
  return { server, names };
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const mean = (values: number[]) =>
  values.reduce((a, b) => a + b, 0) / values.length;

describe.each(databases.eachSupportedId())(
  'scorecard for decisions on %p',
  databaseId => {
    it('lists components worst first with their type, dimension levels and the activities missing for target', async () => {
      const { server, names } = await scoredBackend(databaseId);
      const res = await request(server)
        .get('/api/dsomm/scorecard?limit=500')
        .set('Authorization', user);
      expect(res.status).toBe(200);
      assertMatchesSpec('get', '/scorecard', res);
      const rows: any[] = res.body.rows;
      expect(rows).toHaveLength(names.length);
      expect(new Set(rows.map(r => r.specType))).toEqual(new Set(TYPES));
      // The default order: level relative to target, then score, both ascending.
      const key = (r: any) => [r.overallLevel - (r.targetLevel ?? 0), r.score];
      for (let i = 1; i < rows.length; i++) {
        const [gapBefore, scoreBefore] = key(rows[i - 1]);
        const [gap, score] = key(rows[i]);
        expect(
          gapBefore < gap || (gapBefore === gap && scoreBefore <= score),
        ).toBe(true);
      }
      // The catalog has components below and at or above their target.
      expect(new Set(rows.map(r => r.meetsTarget))).toEqual(
        new Set([true, false]),
      );
      expect(rows[0].meetsTarget).toBe(false);

      // missingForTarget is what the component's own page counts as its gap.
      for (const row of rows.slice(0, 6)) {
        const entity = await request(server)
          .get(`/api/dsomm/entities/component/default/${row.name}`)
          .set('Authorization', user);
        const gap = entity.body.gap.dimensions.reduce(
          (n: number, d: any) => n + d.missingActivityIds.length,
          0,
        );
        expect(row.missingForTarget).toBe(gap);
        expect(row.dimensionLevels).toEqual(
          Object.fromEntries(
            entity.body.dimensions.map((d: any) => [d.dimension, d.level]),
          ),
        );
        expect(row.specType).toBe(entity.body.specType);
      }
      expect(rows.some(r => r.missingForTarget > 0)).toBe(true);
      expect(
        rows.filter(r => r.meetsTarget).every(r => r.missingForTarget === 0),
      ).toBe(true);

      // Sorting by the count, most missing first.
      const byMissing = await request(server)
        .get('/api/dsomm/scorecard?limit=500&sort=missingForTarget&order=desc')
        .set('Authorization', user);
      const counts = byMissing.body.rows.map((r: any) => r.missingForTarget);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    });

    it('filters by spec.type, and still by kind', async () => {
      const { server } = await scoredBackend(databaseId);
      const all = await request(server)
        .get('/api/dsomm/scorecard?limit=500')
        .set('Authorization', user);
      const typeCount = (types: string[]) =>
        all.body.rows.filter((r: any) => types.includes(r.specType)).length;
      expect(typeCount(['website'])).toBeGreaterThan(0);

      const websites = await request(server)
        .get('/api/dsomm/scorecard?type=website&limit=500')
        .set('Authorization', user);
      expect(websites.status).toBe(200);
      expect(websites.body.total.count).toBe(typeCount(['website']));
      expect(
        websites.body.rows.every((r: any) => r.specType === 'website'),
      ).toBe(true);
      const two = await request(server)
        .get('/api/dsomm/scorecard?type=website&type=library&limit=500')
        .set('Authorization', user);
      expect(two.body.total.count).toBe(typeCount(['website', 'library']));
      const none = await request(server)
        .get('/api/dsomm/scorecard?type=Website')
        .set('Authorization', user);
      expect(none.body.total.count).toBe(0);

      const byKind = await request(server)
        .get('/api/dsomm/scorecard?kind=Component')
        .set('Authorization', user);
      expect(byKind.body.total.count).toBe(all.body.total.count);

      const csv = await request(server)
        .get('/api/dsomm/scorecard/export?type=library')
        .set('Authorization', user);
      const lines = csv.text.trim().split('\r\n');
      expect(lines).toHaveLength(typeCount(['library']) + 1);
    });

    it('gives the same org totals whatever the grouping, rounded once', async () => {
      const { server } = await scoredBackend(databaseId);
      const totals = [];
      let rows: any[] = [];
      for (const groupBy of ['owner', 'tier', 'system', 'domain']) {
        const res = await request(server)
          .get(`/api/dsomm/scorecard?groupBy=${groupBy}&limit=500`)
          .set('Authorization', user);
        expect(res.status).toBe(200);
        assertMatchesSpec('get', '/scorecard', res);
        // The groups add up to the total.
        expect(
          res.body.groups.reduce((n: number, g: any) => n + g.count, 0),
        ).toBe(res.body.total.count);
        totals.push(res.body.total);
        rows = res.body.rows;
      }
      for (const total of totals.slice(1)) expect(total).toEqual(totals[0]);
      const total = totals[0];
      expect(total.count).toBe(rows.length);
      expect(total.meetingTarget).toBe(rows.filter(r => r.meetsTarget).length);
      expect(total.meanScore).toBe(round1(mean(rows.map(r => r.score))));
      expect(total.overall.mean).toBe(
        round1(mean(rows.map(r => r.overallLevel))),
      );
      // Scores have decimals (whose float sums depend on the order of addition).
      expect(rows.some(r => !Number.isInteger(r.score))).toBe(true);
      expect(total.targetMeans.overall).toBe(
        round1(mean(rows.map(r => r.targetLevel))),
      );
    });

    it('shows group titles, tier targets and each group’s mean target', async () => {
      const { server } = await scoredBackend(databaseId);
      const get = async (groupBy: string) =>
        (
          await request(server)
            .get(`/api/dsomm/scorecard?groupBy=${groupBy}&limit=500`)
            .set('Authorization', user)
        ).body;

      const byOwner = await get('owner');
      expect(byOwner.groups.map((g: any) => [g.key, g.title ?? null])).toEqual([
        ['(none)', null],
        ['group:default/team-a', 'Team Alpha'],
        ['group:default/team-b', 'team-b'],
        ['group:default/team-c', 'Team Gamma'],
      ]);
      for (const group of byOwner.groups) {
        const members = byOwner.rows.filter(
          (r: any) => (r.owner ?? '(none)') === group.key,
        );
        expect(group.count).toBe(members.length);
        expect(group.targetMeans.overall).toBe(
          round1(mean(members.map((r: any) => r.targetLevel))),
        );
        expect(group.target).toBeUndefined();
      }
      const bySystem = await get('system');
      expect(
        Object.fromEntries(
          bySystem.groups.map((g: any) => [g.key, g.title ?? null]),
        ),
      ).toEqual({
        '(none)': null,
        'system:default/payments': 'Payments Platform',
        'system:default/search': 'search',
      });
      const byDomain = await get('domain');
      expect(
        byDomain.groups.find((g: any) => g.key === 'domain:default/commerce')
          .title,
      ).toBe('Commerce');

      const byTier = await get('tier');
      const tiers = Object.fromEntries(
        byTier.groups.map((g: any) => [g.key, g]),
      );
      expect(Object.keys(tiers).sort()).toEqual([
        '(none)',
        'critical',
        'experimental',
        'standard',
      ]);
      expect(tiers.critical.target).toEqual({
        level: 3,
        dimensions: { 'Test and Verification': 2 },
      });
      expect(tiers.critical.targetMeans.overall).toBe(3);
      expect(
        tiers.critical.targetMeans.dimensions['Test and Verification'],
      ).toBe(2);
      expect(tiers.critical.targetMeans.dimensions.Implementation).toBe(3);
      expect(tiers.standard.target).toMatchObject({ level: 2 });
      expect(tiers.experimental.target).toMatchObject({ level: 0 });
      // Components without a tier have the default target.
      expect(tiers['(none)'].target).toMatchObject({ level: 1 });
      expect(tiers['(none)'].targetMeans.overall).toBe(1);
      expect(byTier.total.target).toBeUndefined();
    });

    it('fills the CSV title column with the title, else the name', async () => {
      const { server } = await scoredBackend(databaseId);
      const csv = await request(server)
        .get('/api/dsomm/scorecard/export')
        .set('Authorization', user);
      const [header, ...lines] = csv.text.trim().split('\r\n');
      const columns = header.split(',');
      expect(columns).toEqual(
        expect.arrayContaining(['title', 'missingForTarget', 'type']),
      );
      const cells = lines.map(line => {
        const values = line.split(',');
        return Object.fromEntries(columns.map((c, i) => [c, values[i]]));
      });
      const byRef = Object.fromEntries(cells.map(c => [c.entityRef, c]));
      expect(byRef['component:default/svc-00'].title).toBe('Service 0');
      expect(byRef['component:default/svc-01'].title).toBe('svc-01');
      expect(cells.every(c => c.title !== '')).toBe(true);
      expect(cells.every(c => /^\d+$/.test(c.missingForTarget))).toBe(true);
      expect(new Set(cells.map(c => c.type))).toEqual(
        new Set(['service', 'website', 'library']),
      );
    });
  },
);
