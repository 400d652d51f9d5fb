/**
 * Benchmark (not a test): how parse time and memory grow with the size of each kind of
 * hostile report, at sizes n, 2n, 4n and 8n, so that linearity (or its absence) shows.
 *
 * Each report is generated here (src/reports/__testUtils__/hostileReports.ts, the same
 * generators as the tests), written to a temporary file, and read by `readReport` in a child
 * process of its own, so that each peak RSS belongs to that one parse. Printed per case:
 * body size, parse time, peak RSS growth over the process's RSS just before parsing, and
 * the outcome (findings and stored summary size, or the 422 message).
 *
 * Run with `npm run bench:hostile` in this package.
 */
import { spawnSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { DEFAULT_REPORT_LIMITS } from '../src/reports/limits';
import { defaultReportParsers } from '../src/reports/parsers';
import { readReport } from '../src/reports/readReport';
import {
  amplifyingCycloneDx,
  deepJson,
  deepXml,
  longStringsSarif,
  manyJsonValues,
  manyXmlAttributes,
  manyXmlElements,
  npmAuditChain,
  sarifManyExtensions,
  sarifTemplateAmplifier,
} from '../src/reports/__testUtils__/hostileReports';

const MB = 1024 * 1024;

interface Case {
  name: string;
  /** What n is, for the printout. */
  unit: string;
  n: number;
  make(k: number): Buffer;
}

const CASES: Case[] = [
  {
    name: 'CycloneDX: every vulnerability affects 1,000 components',
    unit: 'vulnerabilities',
    n: 50,
    make: k => amplifyingCycloneDx(k, 1000, 200),
  },
  {
    name: 'npm audit: a via chain',
    unit: 'packages',
    n: 2500,
    make: k => npmAuditChain(k),
  },
  {
    name: 'SARIF: results name a rule of the last of many extensions',
    unit: 'extensions (results = 3 x extensions)',
    n: 1250,
    make: k => sarifManyExtensions(k, 3 * k),
  },
  {
    name: 'SARIF: a 300-placeholder template filled with 1,000-char arguments',
    unit: 'results',
    n: 500,
    make: k => sarifTemplateAmplifier(k),
  },
  {
    name: "JSON: nothing but '['",
    unit: 'bytes',
    n: 6 * MB,
    make: k => Buffer.alloc(k, '['),
  },
  {
    name: 'JSON: nested lists, closed',
    unit: 'levels',
    n: 1_000_000,
    make: k => deepJson(k),
  },
  {
    name: 'XML: nested elements',
    unit: 'levels',
    n: 1_000_000,
    make: k => deepXml(k),
  },
  {
    name: `JSON: a flat list of zeros (limit ${DEFAULT_REPORT_LIMITS.maxJsonValues} values)`,
    unit: 'values',
    n: 1_000_000,
    make: k => manyJsonValues(k),
  },
  {
    name: `XML: a flat list of empty elements (limit ${DEFAULT_REPORT_LIMITS.maxXmlElements} elements)`,
    unit: 'elements',
    n: 125_000,
    make: k => manyXmlElements(k),
  },
  {
    name: `XML: elements of 10 attributes (limit ${DEFAULT_REPORT_LIMITS.maxXmlAttributes} attributes)`,
    unit: 'elements',
    n: 12_500,
    make: k => manyXmlAttributes(k, 10),
  },
  {
    name: 'XML: many declarations (<!x>), which are not elements',
    unit: 'declarations',
    n: 250_000,
    make: k => Buffer.from(`<bom>${'<!x>'.repeat(k)}</bom>`),
  },
  {
    name: 'XML: one long text and one long attribute value',
    unit: 'characters each',
    n: 3_000_000,
    make: k =>
      Buffer.from(`<bom a="${'a'.repeat(k)}"><x>${'b'.repeat(k)}</x></bom>`),
  },
  {
    name: 'SARIF: 10 results whose every kept field is long',
    unit: 'characters a field',
    n: 50_000,
    make: k => longStringsSarif(10, k),
  },
];

interface Outcome {
  ms: number;
  rssGrowthMb: number;
  heapAfterMb: number;
  result: string;
}

function child(file: string) {
  const body = fs.readFileSync(file);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const start = process.hrtime.bigint();
  let result: string;
  try {
    const { findingKeys, ...summary } = readReport(body, defaultReportParsers);
    result = `${summary.totalFindings} findings, summary ${
      JSON.stringify(summary).length
    } chars, ${Object.values(findingKeys ?? {}).flat().length} keys`;
  } catch (error) {
    const e = error as Error & { statusCode?: number };
    result = `${e.statusCode ?? e.name}: ${e.message.slice(0, 90)}`;
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const outcome: Outcome = {
    ms,
    // maxRSS is in KiB.
    rssGrowthMb: Math.max(
      0,
      (process.resourceUsage().maxRSS * 1024 - rssBefore) / MB,
    ),
    heapAfterMb: process.memoryUsage().heapUsed / MB,
    result,
  };
  process.stdout.write(JSON.stringify(outcome));
}

function parent() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsomm-hostile-'));
  const file = path.join(dir, 'body');
  try {
    for (const c of CASES) {
      console.log(`\n${c.name} (n = ${c.n} ${c.unit})`);
      console.log(
        `${'size'.padEnd(6)}${'body MB'.padStart(9)}${'parse ms'.padStart(
          10,
        )}${'RSS +MB'.padStart(9)}${'heap MB'.padStart(9)}  outcome`,
      );
      for (const factor of [1, 2, 4, 8]) {
        const body = c.make(c.n * factor);
        fs.writeFileSync(file, body);
        const run = spawnSync(
          process.execPath,
          ['--expose-gc', ...process.execArgv, __filename, '--child', file],
          { encoding: 'utf8', maxBuffer: 16 * MB },
        );
        if (run.status !== 0) {
          console.log(
            `${`${factor}n`.padEnd(6)}child failed: ${run.stderr.slice(-300)}`,
          );
          continue;
        }
        const o = JSON.parse(run.stdout) as Outcome;
        console.log(
          `${`${factor}n`.padEnd(6)}${(body.length / MB)
            .toFixed(2)
            .padStart(9)}${o.ms.toFixed(0).padStart(10)}${o.rssGrowthMb
            .toFixed(0)
            .padStart(9)}${o.heapAfterMb.toFixed(0).padStart(9)}  ${o.result}`,
        );
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3]);
} else {
  parent();
}
