import fs from 'fs';
import path from 'path';
import {
  TestDatabaseId,
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { indexModel } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import request from 'supertest';
import { dsommTestFeatures } from '../__testUtils__/backend';
import { createTestDatabases } from '../__testUtils__/databases';
import { component, testConfig } from '../__testUtils__/entities';
import { assertMatchesSpec } from '../__testUtils__/openapi';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const user = mockCredentials.user.header();
const fixture = (name: string) =>
  fs.readFileSync(path.resolve(__dirname, '../reports/__fixtures__', name));
const TREATMENT_KEY = 'treatment-of-defects-with-high-or-critical-severity';
const model = getBuiltInModel();
const TREATMENT = indexModel(model).resolve(TREATMENT_KEY)!.id;
// Every level-1 activity (the treatment one among them) is declared, so the component meets its
// target of 1 unless the treatment one is contradicted.
const LEVEL_1 = model.activities.filter(a => a.level === 1).map(a => a.key);
const BASE = '/api/dsomm/entities/component/default/declared';

async function startBackend(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: dsommTestFeatures({
      knex,
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'team-a', namespace: 'default' },
          spec: { type: 'team', children: [] },
        },
        component(
          'declared',
          { owner: 'team-a' },
          { 'dsomm.owasp.org/implemented': LEVEL_1.join(',') },
        ),
      ],
      config: {
        ...testConfig,
        dsomm: {
          ...testConfig.dsomm,
          // The Grype fixture was scanned in April 2024: keep that time, so its High finding
          // has been open far longer than the 30-day SLA.
          reports: { scanTimeWindow: { pastDays: 36500 } },
        },
      },
    }),
  });
  const upload = (name: string) =>
    request(server)
      .post('/api/dsomm/reports?entity=component:default/declared')
      .set('Authorization', user)
      .set('Content-Type', 'application/octet-stream')
      .send(fixture(name));
  const read = async () => {
    const res = await request(server).get(BASE).set('Authorization', user);
    expect(res.status).toBe(200);
    assertMatchesSpec('get', '/entities/{kind}/{namespace}/{name}', res);
    return {
      body: res.body,
      treatment: res.body.activities.find(
        (a: any) => a.activityId === TREATMENT,
      ),
    };
  };
  /** How many of team-a's components miss the treatment activity for their target. */
  const teamMisses = async () => {
    const res = await request(server)
      .get('/api/dsomm/entities/group/default/team-a')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    return (
      res.body.mostMissing.activities.find(
        (a: any) => a.activityId === TREATMENT,
      )?.missing ?? 0
    );
  };
  return { server, upload, read, teamMisses };
}

describe.each(databases.eachSupportedId())(
  'contradicted activities on %p',
  databaseId => {
    it('lets a report with findings past the SLA contradict an annotation until a waiver or a clean report', async () => {
      const { server, upload, read, teamMisses } = await startBackend(
        databaseId,
      );

      // Declared by annotation only: it counts.
      const declared = await read();
      expect(declared.treatment.status).toBe('implemented');
      expect(declared.treatment.evidence[0].source).toBe('annotation');
      expect(LEVEL_1).toContain(TREATMENT_KEY);
      expect(declared.body.meetsTarget).toBe(true);
      expect(await teamMisses()).toBe(0);

      // A real Grype report with a High finding first seen in 2024: a measured negative.
      expect((await upload('anchore_grype/fix_available.json')).status).toBe(
        201,
      );
      const contradicted = await read();
      expect(contradicted.treatment).toMatchObject({
        status: 'contradicted',
        // both sides: the declaration stays listed, with what was measured against it
        evidence: [expect.objectContaining({ source: 'annotation' })],
        contradiction: expect.stringMatching(
          /^1 critical or high finding\(s\) open longer than the SLA \(critical 7 days, high 30 days\), e\.g\. /,
        ),
      });
      expect(
        contradicted.body.activityNotes.find(
          (n: any) => n.activityId === TREATMENT,
        ),
      ).toMatchObject({ counts: false, contradicts: true });
      expect(
        contradicted.body.gap.dimensions.flatMap(
          (d: any) => d.missingActivityIds,
        ),
      ).toContain(TREATMENT);

      expect(contradicted.body.meetsTarget).toBe(false);
      expect(contradicted.body.overallLevel).toBe(0);
      // The team's roll-up counts it as missing for target (level 1, target 1).
      expect(await teamMisses()).toBe(1);

      // A waiver still wins: the findings are an accepted risk.
      const waiver = await request(server)
        .post(`${BASE}/waivers`)
        .set('Authorization', user)
        .send({
          activity: TREATMENT_KEY,
          justification: 'Accepted until the library is replaced',
          expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        });
      expect(waiver.status).toBe(201);
      expect((await read()).treatment.status).toBe('not-applicable');
      const revoked = await request(server)
        .delete(`${BASE}/waivers/${waiver.body.id}`)
        .set('Authorization', user);
      expect(revoked.status).toBe(204);
      expect((await read()).treatment.status).toBe('contradicted');

      // The findings are treated: the next Grype report has none, and the declaration counts.
      expect((await upload('anchore_grype/no_vuln.json')).status).toBe(201);
      const treated = await read();
      expect(treated.treatment.status).toBe('implemented');
      expect(treated.treatment.contradiction).toBeUndefined();
      expect(treated.body.meetsTarget).toBe(true);
      expect(await teamMisses()).toBe(0);
      // Same tool and categories as the contradicted report: only the treatment differs.
      expect(treated.body.score).toBeGreaterThan(contradicted.body.score);
      const coverage = (body: any) =>
        body.dimensions
          .flatMap((d: any) => d.subDimensions)
          .flatMap((sd: any) => sd.coverage)
          .reduce((n: number, c: any) => n + c.implemented, 0);
      expect(coverage(treated.body)).toBe(coverage(contradicted.body) + 1);
    });
  },
);
