import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { indexModel } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { readDsommConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { defaultReportParsers } from '../reports/parsers';
import { inlineReportReader } from '../reports/pool/ReportReader';
import { ReportService } from '../service/ReportService';
import { createTestDatabases } from '../__testUtils__/databases';
import { component, testConfig } from '../__testUtils__/entities';
import { scoringOver } from '../__testUtils__/scoring';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const model = getBuiltInModel();
const config = readDsommConfig(new ConfigReader(testConfig), model);
const TREATMENT = indexModel(model).resolve(
  'treatment-of-defects-with-high-or-critical-severity',
)!.id;
const REF = 'component:default/clocked';
const DAY_MS = 24 * 60 * 60 * 1000;
const T0 = new Date('2026-03-01T00:00:00.000Z');

/** A SARIF log with one high finding (the same one every time), scanned at `scannedAt`. */
function reportWithOneHigh(scannedAt: string, run: number) {
  return Buffer.from(
    JSON.stringify({
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'ClockScan' } },
          invocations: [{ startTimeUtc: scannedAt, executionSuccessful: true }],
          results: [
            {
              ruleId: 'sql-injection',
              level: 'error',
              message: { text: `run ${run}` },
              properties: { 'security-severity': '8.0' },
              locations: [
                {
                  physicalLocation: { artifactLocation: { uri: 'src/db.js' } },
                },
              ],
            },
          ],
        },
      ],
    }),
  );
}

describe.each(databases.eachSupportedId())(
  'forged scan times on %p',
  databaseId => {
    async function setUp() {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      let now = T0;
      const clock = () => now;
      const scoring = scoringOver({
        config,
        store,
        entities: [component('clocked', { owner: 'team-a' })],
        now: clock,
      });
      const reports = new ReportService({
        model,
        config,
        store,
        scoring,
        reader: inlineReportReader(defaultReportParsers),
        now: clock,
      });
      const credentials = await mockServices.auth().getOwnServiceCredentials();
      const upload = (body: Buffer) =>
        reports.upload(REF, body, {}, 'external:test', credentials);
      const treatment = async () =>
        (await store.getScore(REF))!.activityNotes.find(
          n => n.activityId === TREATMENT,
        )!;
      return {
        upload,
        treatment,
        setNow: (date: Date) => {
          now = date;
        },
      };
    }

    it('uses the upload time for a scan time in the far future, so a 60-day-old high finding is overdue', async () => {
      const { upload, treatment, setNow } = await setUp();
      const forged = await upload(reportWithOneHigh('9999-12-31T23:59:59Z', 1));
      expect(forged.report.summary.scannedAt).toBe(T0.toISOString());
      expect(forged.report.warnings).toEqual([
        `Scan time 9999-12-31T23:59:59.000Z is more than 10 minutes after the upload (dsomm.reports.scanTimeWindow.futureMinutes); the upload time ${T0.toISOString()} is used`,
      ]);
      expect((await treatment()).counts).toBe(true);

      // 60 days on, an honest report still shows the finding: it is past the 30-day SLA.
      const later = new Date(T0.getTime() + 60 * DAY_MS);
      setNow(later);
      const honest = await upload(reportWithOneHigh(later.toISOString(), 2));
      expect(honest.report.warnings).toBeUndefined();
      const note = await treatment();
      expect(note.counts).toBe(false);
      expect(note.reason).toContain(
        '1 critical or high finding(s) open longer',
      );
    });

    it('uses the upload time for a scan time of 1970, so a new finding is not overdue', async () => {
      const { upload, treatment } = await setUp();
      const ancient = await upload(
        reportWithOneHigh('1970-01-01T00:00:00Z', 1),
      );
      expect(ancient.report.summary.scannedAt).toBe(T0.toISOString());
      expect(ancient.report.warnings?.[0]).toContain(
        'is more than 365 days before the upload (dsomm.reports.scanTimeWindow.pastDays)',
      );
      const note = await treatment();
      expect(note.counts).toBe(true);
      expect(note.reason).toBe(
        '1 open critical or high finding(s), all within the SLA.',
      );
    });

    it('keeps a scan time inside the window as stated', async () => {
      const { upload, treatment } = await setUp();
      const stated = new Date(T0.getTime() - 40 * DAY_MS).toISOString();
      const late = await upload(reportWithOneHigh(stated, 1));
      expect(Date.parse(late.report.summary.scannedAt!)).toBe(
        Date.parse(stated),
      );
      expect(late.report.warnings).toBeUndefined();
      // Scanned 40 days ago, uploaded now: the finding is already past the 30-day SLA.
      expect((await treatment()).counts).toBe(false);
    });
  },
);
