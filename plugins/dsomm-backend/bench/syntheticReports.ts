import { createHash } from 'crypto';
import fs from 'fs';
import path from 'path';
import { Knex } from 'knex';
import { ReportSummary } from '@dsomm/plugin-dsomm-common';
import { ReportRow, openFindingsOf, reportToRow } from '../src/database/rows';
import { random } from './random';
import { defaultReportParsers } from '../src/reports/parsers';
import { readReport } from '../src/reports/readReport';

const FIXTURES = path.resolve(__dirname, '../src/reports/__fixtures__');

/**
 * Pipelines and the share of components whose CI uploads their report: most run SAST and a
 * dependency scan, fewer scan secrets or containers, few run IaC checks or DAST.
 */
const PIPELINES: Array<{ share: number; files: string[] }> = [
  {
    share: 0.5,
    files: ['semgrep/many_vulns.json', 'sarif/codeQL-output.sarif'],
  },
  {
    share: 0.6,
    files: [
      'cyclonedx/log4j.json',
      'npm_audit_7_plus/many_vulns.json',
      'anchore_grype/fix_available.json',
      'osv_scanner/some_findings.json',
    ],
  },
  {
    share: 0.4,
    files: ['gitleaks/gitleaks8_many.json', 'gitleaks/no_findings.json'],
  },
  { share: 0.3, files: ['trivy/scheme_2_many_vulns.json'] },
  { share: 0.15, files: ['checkov/checkov-report-many-vuln.json'] },
  { share: 0.1, files: ['zap/dvwa_baseline_dojo.xml'] },
];

/** Each pipeline's report summary, parsed once from the real fixture files. */
function parsedPipelines() {
  return PIPELINES.map(pipeline => ({
    share: pipeline.share,
    reports: pipeline.files.map(file => {
      const body = fs.readFileSync(path.join(FIXTURES, file));
      return {
        size: body.length,
        summary: readReport(body, defaultReportParsers),
      };
    }),
  }));
}

/**
 * Stored report rows for an org, as uploads over the last weeks would leave them: for each
 * pipeline a component runs, one to three weekly uploads of a real report.
 */
export function* syntheticReports(
  entityRefs: Iterable<string>,
  rnd: () => number,
  now: Date,
): Generator<ReportRow> {
  const pipelines = parsedPipelines();
  let e = 0;
  for (const entityRef of entityRefs) {
    e += 1;
    for (const pipeline of pipelines) {
      if (rnd() >= pipeline.share) continue;
      const { summary, size } =
        pipeline.reports[Math.floor(rnd() * pipeline.reports.length)];
      const uploads = 1 + Math.floor(rnd() * 3);
      for (let u = 0; u < uploads; u++) {
        const uploadedAt = new Date(
          now.getTime() - (u * 7 + rnd() * 3) * 86_400_000,
        ).toISOString();
        yield reportRow(entityRef, summary, size, uploadedAt, `${e}-${u}`);
      }
    }
  }
}

function reportRow(
  entityRef: string,
  { findingKeys, ...summary }: ReportSummary,
  sizeBytes: number,
  uploadedAt: string,
  salt: string,
): ReportRow {
  const openFindings = openFindingsOf(findingKeys, () => uploadedAt);
  const sha256 = createHash('sha256')
    .update(`${entityRef}|${summary.tool.name}|${salt}`)
    .digest('hex');
  return reportToRow(
    {
      id: sha256.slice(0, 32),
      entityRef,
      sha256,
      sizeBytes,
      uploadedBy: 'external:bench',
      uploadedAt,
      summary,
      activityIds: [],
    },
    openFindings,
  );
}

/** Stores the synthetic org's past uploads, a chunk at a time; returns how many. */
export async function seedReports(knex: Knex, n: number): Promise<number> {
  // The org's components are svc-0 to svc-(n-1) (see syntheticOrg).
  const refs = function* refs() {
    for (let i = 0; i < n; i++) yield `component:default/svc-${i}`;
  };
  let chunk: ReportRow[] = [];
  let count = 0;
  for (const row of syntheticReports(refs(), random(n + 1), new Date())) {
    chunk.push(row);
    if (chunk.length === 500) {
      await knex('dsomm_reports').insert(chunk);
      count += chunk.length;
      chunk = [];
    }
  }
  if (chunk.length > 0) await knex('dsomm_reports').insert(chunk);
  return count + chunk.length;
}
