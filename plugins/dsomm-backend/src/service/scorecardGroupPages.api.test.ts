import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  hidingOwnedBy,
  startCallerViewBackend,
} from '../__testUtils__/callerViewBackend';
import { component } from '../__testUtils__/entities';
import { assertMatchesSpec } from '../__testUtils__/openapi';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const ADMIN = 'user:default/admin';
const admin = mockCredentials.user.header(ADMIN);
const caller = mockCredentials.user.header();

/** Group sizes: team-a 3, team-c and team-d 2 (a tie), team-b and team-e 1, one without owner. */
const OWNERS = [
  'team-a',
  'team-a',
  'team-a',
  'team-b',
  'team-c',
  'team-c',
  'team-d',
  'team-d',
  'team-e',
  undefined,
];

function entities(): Entity[] {
  return OWNERS.map((owner, i) =>
    component(
      `svc-${i}`,
      owner ? { owner } : {},
      // Different levels, so that the groups' means differ.
      i % 3 === 0 ? { 'dsomm.owasp.org/implemented': 'version-control' } : {},
    ),
  );
}

const group = (name: string) => `group:default/${name}`;

describe.each(databases.eachSupportedId())(
  'scorecard group pages on %p',
  databaseId => {
    async function start() {
      const knex = await databases.init(databaseId);
      const backend = await startCallerViewBackend({
        knex,
        entities: entities(),
        visibleToCaller: () => true,
        admin: ADMIN,
      });
      for (let i = 0; i < OWNERS.length; i++) {
        const res = await request(backend.server)
          .post(`/api/dsomm/entities/component/default/svc-${i}/refresh`)
          .set('Authorization', admin);
        expect(res.status).toBe(200);
      }
      const scorecard = async (query: string, auth = admin) => {
        const res = await request(backend.server)
          .get(`/api/dsomm/scorecard?groupBy=owner&${query}`)
          .set('Authorization', auth);
        expect(res.status).toBe(200);
        assertMatchesSpec('get', '/scorecard', res);
        return res.body;
      };
      return { ...backend, scorecard };
    }

    it('pages the groups in a stable order, with the total count and the full total', async () => {
      const { scorecard } = await start();

      // Old clients name no page: every group of a small org, by key.
      const all = await scorecard('');
      expect(all.groupsOffset).toBe(0);
      expect(all.groupsLimit).toBe(100);
      expect(all.totalGroups).toBe(6);
      expect(all.groups.map((g: any) => g.key)).toEqual([
        '(none)',
        ...['team-a', 'team-b', 'team-c', 'team-d', 'team-e'].map(group),
      ]);

      // Largest first; the tie of team-c and team-d (and of the groups of 1) goes by key.
      const pages: any[] = [];
      for (let offset = 0; offset < 6; offset += 4) {
        const page = await scorecard(
          `groupsSort=count&groupsOrder=desc&groupsLimit=4&groupsOffset=${offset}`,
        );
        expect(page.totalGroups).toBe(6);
        expect(page.groupsOffset).toBe(offset);
        expect(page.groupsLimit).toBe(4);
        // The summary over every matching row is the same on each page.
        expect(page.total).toEqual(all.total);
        expect(page.totalRows).toBe(10);
        pages.push(...page.groups);
      }
      expect(pages.map(g => [g.key, g.count])).toEqual([
        [group('team-a'), 3],
        [group('team-c'), 2],
        [group('team-d'), 2],
        ['(none)', 1],
        [group('team-b'), 1],
        [group('team-e'), 1],
      ]);
      // A paged group is the same aggregate as in the full list.
      const byKey = new Map(all.groups.map((g: any) => [g.key, g]));
      for (const g of pages) expect(g).toEqual(byKey.get(g.key));

      // Past the last group: an empty page that still counts every group.
      const past = await scorecard('groupsOffset=6');
      expect(past.groups).toEqual([]);
      expect(past.totalGroups).toBe(6);

      // Ascending by mean overall level: each page continues where the last one ended.
      const ascending = await scorecard(
        'groupsSort=overallLevel&groupsLimit=100',
      );
      const means = ascending.groups.map((g: any) => g.overall.mean);
      expect(means).toEqual([...means].sort((a, b) => a - b));
      const first = await scorecard('groupsSort=overallLevel&groupsLimit=3');
      const second = await scorecard(
        'groupsSort=overallLevel&groupsLimit=3&groupsOffset=3',
      );
      expect([...first.groups, ...second.groups]).toEqual(ascending.groups);
    });

    it('carries only the KPIs a group row shows; the organisation keeps its full KPIs', async () => {
      const { scorecard } = await start();
      const answer = await scorecard('groupsLimit=2');
      for (const g of [...answer.groups, answer.total]) {
        expect(Object.keys(g.kpis).sort()).toEqual([
          'automatedShare',
          'openPastSla',
        ]);
      }
      expect(answer.kpis).toEqual(
        expect.objectContaining({
          windowDays: 90,
          mttrDays: expect.any(Object),
          criticalMisconfigurations: expect.any(Number),
        }),
      );
      expect(answer.total.kpis.openPastSla).toEqual(answer.kpis.openPastSla);
    });

    it('counts only what the caller may read, on every page', async () => {
      const { scorecard, policy } = await start();
      policy.decision = hidingOwnedBy(group('team-a'));
      const seen: any[] = [];
      for (let offset = 0; offset < 10; offset += 2) {
        const page = await scorecard(
          `groupsSort=count&groupsOrder=desc&groupsLimit=2&groupsOffset=${offset}`,
          caller,
        );
        expect(page.totalGroups).toBe(5);
        expect(page.total.count).toBe(7);
        seen.push(...page.groups);
      }
      expect(seen.map(g => [g.key, g.count])).toEqual([
        [group('team-c'), 2],
        [group('team-d'), 2],
        ['(none)', 1],
        [group('team-b'), 1],
        [group('team-e'), 1],
      ]);
    });

    it('answers 400 naming the paging parameter, for values out of range or unknown', async () => {
      const { server } = await start();
      const cases: Array<[string, RegExp]> = [
        ['groupsLimit=0', /groupsLimit: must be >= 1; got 0/],
        ['groupsLimit=1001', /groupsLimit: must be <= 1000; got 1001/],
        ['groupsOffset=-1', /groupsOffset: must be >= 0; got -1/],
        ['groupsOffset=two', /groupsOffset: must be integer/],
        [
          'groupsSort=title',
          /groupsSort: must be one of key, count, .*; got "title"/,
        ],
        ['groupsOrder=up', /groupsOrder: must be one of asc, desc; got "up"/],
      ];
      for (const [query, message] of cases) {
        const res = await request(server)
          .get(`/api/dsomm/scorecard?groupBy=owner&${query}`)
          .set('Authorization', admin);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.error.message).toMatch(message);
      }
    });
  },
);
