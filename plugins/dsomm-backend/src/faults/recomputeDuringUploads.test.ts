import fs from 'fs';
import path from 'path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { readDsommConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { defaultReportParsers } from '../reports/parsers';
import { inlineReportReader } from '../reports/pool/ReportReader';
import { ReportService } from '../service/ReportService';
import { createTestDatabases } from '../__testUtils__/databases';
import { component, testConfig } from '../__testUtils__/entities';
import { scoringOver } from '../__testUtils__/scoring';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const model = getBuiltInModel();
const config = readDsommConfig(new ConfigReader(testConfig), model);

const COMPONENTS = 20;
const ROUNDS = 6;
const nameOf = (i: number) => `race-${String(i).padStart(2, '0')}`;
const base = fs
  .readFileSync(
    path.resolve(__dirname, '../reports/__fixtures__/semgrep/empty.json'),
    'utf8',
  )
  .trimEnd();

describe.each(databases.eachSupportedId())(
  'a full recompute during uploads on %p',
  databaseId => {
    it('never leaves a score computed without an upload that committed', async () => {
      const knex = await databases.init(databaseId);
      const store = await DsommStore.create({
        database: mockServices.database({ knex }),
      });
      const scoring = scoringOver({
        config,
        store,
        entities: Array.from({ length: COMPONENTS }, (_, i) =>
          component(nameOf(i), { owner: 'team-a' }),
        ),
      });
      const reports = new ReportService({
        model,
        config,
        store,
        scoring,
        reader: inlineReportReader(defaultReportParsers),
      });
      const credentials = await mockServices.auth().getOwnServiceCredentials();

      for (let round = 0; round < ROUNDS; round++) {
        // Each round: a recompute of every component, and one new report per component
        // uploaded while it runs.
        await Promise.all([
          scoring.recomputeAll(),
          ...Array.from({ length: COMPONENTS }, (_, i) =>
            reports.upload(
              `component:default/${nameOf(i)}`,
              Buffer.from(`${base}${' '.repeat(round + 1)}`),
              {},
              'external:test',
              credentials,
            ),
          ),
        ]);
      }

      for (let i = 0; i < COMPONENTS; i++) {
        const ref = `component:default/${nameOf(i)}`;
        const [latest] = await knex('dsomm_reports')
          .where({ entity_ref: ref })
          .orderBy([
            { column: 'uploaded_at', order: 'desc' },
            { column: 'id', order: 'desc' },
          ])
          .pluck('id');
        const score = await store.getScore(ref);
        const evidenced = new Set(
          score!.activities.flatMap(a =>
            a.evidence
              .filter(e => e.source === 'report')
              .map(e => e.details?.reportId),
          ),
        );
        expect({ ref, evidenced: [...evidenced] }).toEqual({
          ref,
          evidenced: [latest],
        });
      }
    });
  },
);
