import fs from 'fs';
import path from 'path';
import { mockCredentials } from '@backstage/backend-test-utils';
import { KPI_SEVERITIES } from '@dsomm/plugin-dsomm-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { startCallerViewBackend } from '../__testUtils__/callerViewBackend';
import { assertMatchesSpec } from '../__testUtils__/openapi';
import { testCatalog } from '../__testUtils__/entities';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const ADMIN = 'user:default/admin';
const admin = mockCredentials.user.header(ADMIN);
// The default mock user: the catalog shows them alpha only.
const caller = mockCredentials.user.header();
const DAY = 86_400_000;

const fixture = (name: string) =>
  fs.readFileSync(
    path.resolve(__dirname, '../reports/__fixtures__/trivy', name),
    'utf8',
  );

/** The real Trivy image scan, dated `daysAgo`, without the vulnerabilities `fixed`. */
function imageScan(daysAgo: number, fixed: string[] = []) {
  const doc = JSON.parse(fixture('scheme_2_many_vulns.json'));
  doc.CreatedAt = new Date(Date.now() - daysAgo * DAY).toISOString();
  for (const result of doc.Results) {
    result.Vulnerabilities = result.Vulnerabilities?.filter(
      (v: any) => !fixed.includes(v.VulnerabilityID),
    );
  }
  return JSON.stringify(doc);
}

/** The real Trivy scan with misconfigurations and secrets, dated `daysAgo`. */
function configScan(daysAgo: number) {
  const doc = JSON.parse(fixture('misconfigurations_and_secrets.json'));
  doc.CreatedAt = new Date(Date.now() - daysAgo * DAY).toISOString();
  return JSON.stringify(doc);
}

const ownedBy = (claim: string) => ({
  rule: 'IS_ENTITY_OWNER',
  resourceType: 'catalog-entity',
  params: { claims: [claim] },
});

const sum = (values: (number | null)[]) =>
  values.some(v => v !== null)
    ? values.reduce<number>((n, v) => n + (v ?? 0), 0)
    : null;

describe.each(databases.eachSupportedId())(
  'scorecard KPIs over the API on %p',
  databaseId => {
    it('aggregates the components’ KPIs per group and for the organisation, within what the caller may read', async () => {
      const knex = await databases.init(databaseId);
      const { server, policy } = await startCallerViewBackend({
        knex,
        entities: testCatalog(),
        visibleToCaller: e =>
          e.kind === 'System' || e.metadata.name === 'alpha',
        admin: ADMIN,
      });
      const upload = async (name: string, body: string) => {
        const res = await request(server)
          .post(
            `/api/dsomm/reports?entity=component:default/${name}&format=trivy`,
          )
          .set('Authorization', admin)
          .set('Content-Type', 'application/octet-stream')
          .send(body);
        expect(res.status).toBe(201);
      };
      await upload('alpha', imageScan(40));
      await upload('beta', configScan(20));
      await upload('gamma', imageScan(50));
      // gamma fixes libbz2's critical CVE 20 days after first seeing it.
      await upload('gamma', imageScan(30, ['CVE-2019-12900']));

      const entityKpis = async (name: string) => {
        const res = await request(server)
          .get(`/api/dsomm/entities/component/default/${name}`)
          .set('Authorization', admin);
        expect(res.status).toBe(200);
        const { daysSinceLastScan: _, ...kpis } = res.body.kpis;
        return kpis;
      };
      const alpha = await entityKpis('alpha');
      const beta = await entityKpis('beta');
      const gamma = await entityKpis('gamma');
      const scorecard = async (auth: string, query = '') => {
        const res = await request(server)
          .get(`/api/dsomm/scorecard?groupBy=owner${query}`)
          .set('Authorization', auth);
        expect(res.status).toBe(200);
        assertMatchesSpec('get', '/scorecard', res);
        return res.body;
      };

      const all = await scorecard(admin);
      const group = (body: any, key: string) =>
        body.groups.find((g: any) => g.key === key).kpis;
      // A group row carries the KPIs the group table shows.
      const rowKpis = (kpis: any) => ({
        openPastSla: kpis.openPastSla,
        automatedShare: kpis.automatedShare,
      });
      // A group of one component has that component's KPIs.
      expect(group(all, 'group:default/team-a')).toEqual(rowKpis(alpha));
      // team-b: beta and gamma, added up; MTTR over gamma's one fix.
      const teamBRow = group(all, 'group:default/team-b');
      for (const s of KPI_SEVERITIES) {
        expect(teamBRow.openPastSla[s]).toBe(
          sum([beta.openPastSla[s], gamma.openPastSla[s]]),
        );
      }
      // All of team-b's KPIs: the organisation's, filtered to team-b.
      const teamB = (await scorecard(admin, '&owner=group:default/team-b'))
        .kpis;
      expect(teamB.openPastSla).toEqual(teamBRow.openPastSla);
      expect(teamB.automatedShare).toBe(teamBRow.automatedShare);
      expect(teamB.mttrDays).toEqual({
        critical: 20,
        high: null,
        medium: null,
        low: null,
      });
      expect(teamB.criticalMisconfigurations).toBe(
        beta.criticalMisconfigurations + gamma.criticalMisconfigurations,
      );
      expect(beta.criticalMisconfigurations).toBeGreaterThan(0);
      // The organisation: all three.
      expect(rowKpis(all.kpis)).toEqual(all.total.kpis);
      for (const s of KPI_SEVERITIES) {
        expect(all.kpis.openPastSla[s]).toBe(
          sum([alpha, beta, gamma].map(k => k.openPastSla[s])),
        );
      }
      expect(all.kpis.openPastSla.high).toBeGreaterThan(0);
      expect(all.kpis.criticalMisconfigurations).toBe(
        alpha.criticalMisconfigurations +
          beta.criticalMisconfigurations +
          gamma.criticalMisconfigurations,
      );
      expect(all.kpis.windowDays).toBe(90);

      // The caller may read team-a's components only (a rule translated to SQL), then only
      // what the catalog shows them (a rule that is not): alpha. No figure of beta or gamma
      // reaches them.
      for (const conditions of [
        ownedBy('group:default/team-a'),
        {
          rule: 'HAS_ANNOTATION',
          resourceType: 'catalog-entity',
          params: { annotation: 'dsomm.owasp.org/tier' },
        },
      ]) {
        policy.decision = {
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'catalog',
          resourceType: 'catalog-entity',
          conditions,
        };
        const mine = await scorecard(caller);
        expect(mine.groups.map((g: any) => g.key)).toEqual([
          'group:default/team-a',
        ]);
        expect(mine.groups[0].kpis).toEqual(rowKpis(alpha));
        expect(mine.kpis).toEqual(alpha);
        expect(mine.kpis.mttrDays.critical).toBeNull();
      }

      // The CSV export: each component's KPIs in plainly named columns.
      const csv = async (auth: string) => {
        const res = await request(server)
          .get('/api/dsomm/scorecard/export?format=csv')
          .set('Authorization', auth);
        expect(res.status).toBe(200);
        const [header, ...lines] = res.text.trim().split('\r\n');
        const names = header.split(',');
        return new Map(
          lines.map(line => {
            const cells = line.split(',');
            return [
              cells[0],
              Object.fromEntries(names.map((n, i) => [n, cells[i]])),
            ];
          }),
        );
      };
      const cell = (v: number | null) => (v === null ? '' : String(v));
      const exported = await csv(admin);
      for (const [name, kpis] of Object.entries({ alpha, beta, gamma })) {
        const row = exported.get(`component:default/${name}`)!;
        for (const s of KPI_SEVERITIES) {
          expect(row[`mttr_days_${s}`]).toBe(cell(kpis.mttrDays[s]));
          expect(row[`open_past_sla_${s}`]).toBe(cell(kpis.openPastSla[s]));
        }
        expect(row.automated_share).toBe(cell(kpis.automatedShare));
        expect(row.critical_misconfigurations).toBe(
          cell(kpis.criticalMisconfigurations),
        );
      }
      expect(exported.get('component:default/gamma')!.mttr_days_critical).toBe(
        '20',
      );
      expect([...(await csv(caller)).keys()]).toEqual([
        'component:default/alpha',
      ]);

      // A window that ends before gamma's fix has no MTTR.
      const short = await scorecard(admin, '&kpiWindowDays=10');
      expect(short.kpis.windowDays).toBe(10);
      expect(short.kpis.mttrDays.critical).toBeNull();
      const bad = await request(server)
        .get('/api/dsomm/scorecard?kpiWindowDays=0')
        .set('Authorization', admin);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/kpiWindowDays/);

      // Today's snapshots trend the same figures.
      const trend = await request(server)
        .get('/api/dsomm/scorecard/trend?days=7')
        .set('Authorization', admin);
      expect(trend.status).toBe(200);
      const today = trend.body.points[trend.body.points.length - 1].kpis;
      expect(today.openPastSla).toBe(
        KPI_SEVERITIES.reduce((n, s) => n + (all.kpis.openPastSla[s] ?? 0), 0),
      );
      expect(today.criticalMisconfigurations).toBe(
        all.kpis.criticalMisconfigurations,
      );
      expect(today.mttrDays).toBe(20);
      const callerTrend = await request(server)
        .get('/api/dsomm/scorecard/trend?days=7')
        .set('Authorization', caller);
      expect(callerTrend.body.points[0].kpis.openPastSla).toBe(
        KPI_SEVERITIES.reduce((n, s) => n + (alpha.openPastSla[s] ?? 0), 0),
      );
    });
  },
);
