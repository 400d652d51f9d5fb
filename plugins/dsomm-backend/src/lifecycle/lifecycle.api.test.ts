import fs from 'fs';
import path from 'path';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { dsommTestFeatures } from '../__testUtils__/backend';
import { assertMatchesSpec } from '../__testUtils__/openapi';
import { findingFingerprint } from '../reports/fingerprint';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const user = mockCredentials.user.header();
const DAY = 86_400_000;
const ENTITY = 'component:default/gamma';

/** The real Trivy image scan, dated `daysAgo`, without the vulnerabilities `fixed`. */
function trivyScan(daysAgo: number, fixed: string[] = []) {
  const doc = JSON.parse(
    fs.readFileSync(
      path.resolve(
        __dirname,
        '../reports/__fixtures__/trivy/scheme_2_many_vulns.json',
      ),
      'utf8',
    ),
  );
  doc.CreatedAt = new Date(Date.now() - daysAgo * DAY).toISOString();
  for (const result of doc.Results) {
    result.Vulnerabilities = result.Vulnerabilities?.filter(
      (v: any) => !fixed.includes(v.VulnerabilityID),
    );
  }
  return { body: JSON.stringify(doc), scannedAt: doc.CreatedAt as string };
}

// libbz2's critical CVE in the image: fixed by the second scan, back in the third.
const FIXED = 'CVE-2019-12900';
const fixedPrint = findingFingerprint('trivy', {
  id: FIXED,
  package: 'libbz2@1.0.6-r6',
});

describe.each(databases.eachSupportedId())(
  'finding lifecycle on %p',
  databaseId => {
    it('tracks a finding of real Trivy reports seen, fixed and reopened, and measures the KPIs', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: dsommTestFeatures({ knex }),
      });
      const upload = (body: string) =>
        request(server)
          .post(`/api/dsomm/reports?entity=${ENTITY}&format=trivy`)
          .set('Authorization', user)
          .set('Content-Type', 'application/octet-stream')
          .send(body);
      const rows = () =>
        knex('dsomm_finding_lifecycle').where({ entity_ref: ENTITY });
      const fixedRow = async () =>
        (await rows()).find(r => r.fingerprint === fixedPrint);
      const score = async (query = '') => {
        const res = await request(server)
          .get(`/api/dsomm/entities/component/default/gamma${query}`)
          .set('Authorization', user);
        expect(res.status).toBe(200);
        assertMatchesSpec('get', '/entities/{kind}/{namespace}/{name}', res);
        return res.body;
      };

      const first = trivyScan(40);
      expect((await upload(first.body)).status).toBe(201);
      const opened = await rows();
      // One critical, one high and three medium vulnerabilities.
      expect(opened).toHaveLength(5);
      expect(opened.every(r => r.closed_at === null)).toBe(true);
      expect(await fixedRow()).toMatchObject({
        tool_name: 'Trivy',
        severity: 'critical',
        category: 'container,sca',
        first_seen_at: first.scannedAt,
        last_seen_at: first.scannedAt,
        closed_at: null,
      });
      expect((await score()).kpis.mttrDays.critical).toBeNull();

      const second = trivyScan(10, [FIXED]);
      expect((await upload(second.body)).status).toBe(201);
      expect(await fixedRow()).toMatchObject({
        first_seen_at: first.scannedAt,
        last_seen_at: first.scannedAt,
        closed_at: second.scannedAt,
      });
      const stillOpen = (await rows()).filter(r => r.closed_at === null);
      expect(stillOpen).toHaveLength(opened.length - 1);
      expect(stillOpen.every(r => r.last_seen_at === second.scannedAt)).toBe(
        true,
      );
      const afterFix = (await score()).kpis;
      expect(afterFix.windowDays).toBe(90);
      // Fixed 30 days after it was first seen.
      expect(afterFix.mttrDays).toEqual({
        critical: 30,
        high: null,
        medium: null,
        low: null,
      });
      // Open since 40 days: krb5's high one is past the 30-day SLA; the medium ones are
      // within 90 days; low findings have no SLA.
      expect(afterFix.openPastSla).toEqual({
        critical: 0,
        high: 1,
        medium: 0,
        low: null,
      });
      // An image scan: its open high finding is a container finding.
      expect(afterFix.criticalMisconfigurations).toBe(1);
      expect(afterFix.daysSinceLastScan.container).toBeCloseTo(10, 1);
      expect(afterFix.daysSinceLastScan.sast).toBeNull();
      // The fix lies outside a 5-day window.
      expect(
        (await score('?kpiWindowDays=5')).kpis.mttrDays.critical,
      ).toBeNull();

      const third = trivyScan(5);
      expect((await upload(third.body)).status).toBe(201);
      expect(await fixedRow()).toMatchObject({
        first_seen_at: first.scannedAt,
        last_seen_at: third.scannedAt,
        closed_at: null,
        reopened_count: 1,
      });
      expect((await rows()).every(r => r.closed_at === null)).toBe(true);
      expect((await score()).kpis.mttrDays.critical).toBeNull();

      // A report uploaded again (same bytes) changes nothing.
      expect((await upload(second.body)).status).toBe(200);
      expect(await fixedRow()).toMatchObject({ closed_at: null });

      const bad = await request(server)
        .get('/api/dsomm/entities/component/default/gamma?kpiWindowDays=0')
        .set('Authorization', user);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/kpiWindowDays/);
    });
  },
);
