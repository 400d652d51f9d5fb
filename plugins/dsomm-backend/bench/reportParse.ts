/**
 * Benchmark (not a test): how long a large SARIF report takes to read and how much memory
 * it needs, with the streaming reader (`readReport`) and with the old approach (the whole
 * body as one string, `JSON.parse`, then the parser).
 *
 * It writes a synthetic SARIF 2.1.0 log of about 100 MB (BENCH_SARIF_MB to change) to a
 * temporary directory, then reads it in one child process per approach, so that each peak
 * RSS is that approach's own. Run with `npm run bench` (repository root or this package).
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { ReportSummary } from '@dsomm/plugin-dsomm-common';
import { defaultReportParsers } from '../src/reports/parsers';
import { readReport } from '../src/reports/readReport';
import { random } from './random';

const MB = 1024 * 1024;

// ---- synthetic SARIF ------------------------------------------------------------------

const WORDS =
  'user input flows into a database query without sanitization allowing injection of arbitrary commands through the request parameter value which reaches this sink'.split(
    ' ',
  );

const TOOLS = [
  { name: 'CodeQL', version: '2.17.0', rules: 40 },
  { name: 'Semgrep OSS', version: '1.70.0', rules: 30 },
  { name: 'Snyk Code', version: '1.1290.0', rules: 25 },
  { name: 'ESLint security', version: '3.0.1', rules: 15 },
];

interface Generated {
  bytes: number;
  runs: number;
  rules: number;
  results: number;
  withCodeFlows: number;
}

function generateSarif(file: string, targetBytes: number): Generated {
  const next = random(20240601);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const int = (min: number, max: number) =>
    min + Math.floor(next() * (max - min + 1));
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS));
  const file_ = () =>
    `src/${pick(['api', 'web', 'core', 'db', 'auth'])}/${pick([
      'handler',
      'query',
      'service',
      'util',
      'view',
    ])}${int(1, 400)}.${pick(['ts', 'js', 'py', 'java', 'go'])}`;
  const snippet = () => ({ text: `${words(int(6, 14)).join(' ')};` });
  const physical = (uri: string, line: number) => ({
    artifactLocation: { uri, uriBaseId: '%SRCROOT%', index: int(0, 500) },
    region: {
      startLine: line,
      startColumn: int(1, 40),
      endLine: line + int(0, 3),
      endColumn: int(1, 80),
      snippet: snippet(),
    },
    contextRegion: {
      startLine: Math.max(1, line - 2),
      endLine: line + 2,
      snippet: { text: words(int(20, 40)).join(' ') },
    },
  });

  const fd = fs.openSync(file, 'w');
  let pending: string[] = [];
  let pendingLength = 0;
  let bytes = 0;
  const flush = () => {
    const chunk = Buffer.from(pending.join(''));
    fs.writeSync(fd, chunk);
    bytes += chunk.length;
    pending = [];
    pendingLength = 0;
  };
  const write = (text: string) => {
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength > 4 * MB) flush();
  };
  const written = () => bytes + pendingLength;

  let results = 0;
  let withCodeFlows = 0;
  let ruleCount = 0;
  write(
    '{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[',
  );
  TOOLS.forEach((tool, runIndex) => {
    const rules = Array.from({ length: tool.rules }, (_, i) => ({
      id: `${tool.name.split(' ')[0].toLowerCase()}/rule-${i}`,
      name: `Rule${i}`,
      shortDescription: { text: words(6).join(' ') },
      fullDescription: { text: words(30).join(' ') },
      defaultConfiguration: { level: pick(['error', 'warning', 'note']) },
      help: { text: words(120).join(' '), markdown: words(160).join(' ') },
      properties: {
        tags: ['security', `external/cwe/cwe-${int(20, 900)}`],
        precision: pick(['high', 'medium', 'very-high']),
        'security-severity': (next() * 10).toFixed(1),
      },
    }));
    ruleCount += rules.length;
    const run = {
      tool: {
        driver: {
          name: tool.name,
          version: tool.version,
          informationUri: 'https://example.com',
          rules,
        },
      },
      invocations: [
        {
          executionSuccessful: true,
          startTimeUtc: '2024-06-01T10:00:00Z',
          endTimeUtc: '2024-06-01T10:20:00Z',
          toolExecutionNotifications: Array.from({ length: 50 }, () => ({
            message: { text: words(12).join(' ') },
            level: 'note',
          })),
        },
      ],
      artifacts: Array.from({ length: 500 }, () => ({
        location: { uri: file_(), uriBaseId: '%SRCROOT%' },
        length: int(100, 90000),
        mimeType: 'text/plain',
        hashes: {
          'sha-256': createHash('sha256').update(file_()).digest('hex'),
        },
      })),
    };
    const head = JSON.stringify(run);
    // Everything of the run but its results, then the results written one by one.
    write(`${runIndex ? ',' : ''}${head.slice(0, -1)},"results":[`);
    const runEnd = ((runIndex + 1) * targetBytes) / TOOLS.length;
    let first = true;
    while (written() < runEnd - 2048) {
      const ruleIndex = int(0, rules.length - 1);
      const uri = file_();
      const line = int(1, 3000);
      const result: Record<string, unknown> = {
        ruleId: rules[ruleIndex].id,
        ruleIndex,
        level: pick(['error', 'warning', 'note']),
        message: { text: `${words(int(8, 30)).join(' ')}.` },
        locations: [{ physicalLocation: physical(uri, line) }],
        partialFingerprints: {
          primaryLocationLineHash: `${next().toString(16).slice(2, 18)}:1`,
          primaryLocationStartColumnFingerprint: String(int(0, 40)),
        },
      };
      if (next() < 0.02) {
        result.suppressions = [{ kind: 'inSource', status: 'accepted' }];
      }
      if (next() < 0.15) {
        result.properties = { 'security-severity': (next() * 10).toFixed(1) };
      }
      if (next() < 0.6) {
        withCodeFlows += 1;
        result.codeFlows = Array.from({ length: int(1, 2) }, () => ({
          threadFlows: [
            {
              locations: Array.from({ length: int(3, 10) }, (_, step) => ({
                location: {
                  physicalLocation: physical(file_(), int(1, 3000)),
                  message: { text: `step ${step}: ${words(5).join(' ')}` },
                },
              })),
            },
          ],
        }));
      }
      if (next() < 0.3) {
        result.relatedLocations = [
          {
            id: 1,
            physicalLocation: physical(file_(), int(1, 3000)),
            message: { text: words(6).join(' ') },
          },
        ];
      }
      write(`${first ? '' : ','}${JSON.stringify(result)}`);
      first = false;
      results += 1;
    }
    write(']}');
  });
  write(']}\n');
  flush();
  fs.closeSync(fd);
  return {
    bytes,
    runs: TOOLS.length,
    rules: ruleCount,
    results,
    withCodeFlows,
  };
}

// ---- child: read the file one way -------------------------------------------------------

type Mode = 'stream' | 'old';

interface Measurement {
  mode: Mode;
  fileMb: number;
  seconds: number;
  rssBeforeMb: number;
  peakRssMb: number;
  findings: number;
  summaryHash: string;
}

/** The old JSON path of readReport: one string, JSON.parse, detection, the parser. */
function oldReadReport(body: Buffer): ReportSummary {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  const doc: unknown = JSON.parse(text);
  const parser = defaultReportParsers
    .filter(p => p.syntax === 'json')
    .find(p => p.detect(doc));
  if (!parser) throw new Error('no parser detected the report');
  const summary = parser.parse(doc);
  // Like the old readReport, `text` stays referenced until the summary is made.
  if (text.length === 0) throw new Error('empty');
  return summary;
}

/** Peak resident set size of this process so far, in MB. */
function peakRssMb(): number {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status);
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // Not Linux: fall back to getrusage.
  }
  return process.resourceUsage().maxRSS / 1024;
}

function child(mode: Mode, file: string) {
  const rssBeforeMb = process.memoryUsage().rss / MB;
  const body = fs.readFileSync(file);
  const start = process.hrtime.bigint();
  const summary =
    mode === 'stream'
      ? readReport(body, defaultReportParsers)
      : oldReadReport(body);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const measurement: Measurement = {
    mode,
    fileMb: body.length / MB,
    seconds,
    rssBeforeMb,
    peakRssMb: peakRssMb(),
    findings: summary.totalFindings,
    summaryHash: createHash('sha256')
      .update(JSON.stringify(summary))
      .digest('hex')
      .slice(0, 12),
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

// ---- parent -----------------------------------------------------------------------------

function measure(mode: Mode, file: string): Measurement {
  const run = spawnSync(
    process.execPath,
    [...process.execArgv, __filename, '--child', mode, file],
    { encoding: 'utf8', maxBuffer: 16 * MB },
  );
  if (run.status !== 0) {
    throw new Error(
      `child (${mode}) failed with ${run.status ?? run.signal}: ${run.stderr}`,
    );
  }
  const line = run.stdout.trim().split('\n').pop()!;
  return JSON.parse(line) as Measurement;
}

function main() {
  const targetMb = Number(process.env.BENCH_SARIF_MB ?? 100);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsomm-bench-'));
  const file = path.join(dir, 'synthetic.sarif');
  try {
    const started = Date.now();
    const generated = generateSarif(file, targetMb * MB);
    console.log(
      `Synthetic SARIF 2.1.0: ${(generated.bytes / MB).toFixed(1)} MB, ${
        generated.runs
      } runs, ${generated.rules} rules, ${generated.results} results (${(
        (100 * generated.withCodeFlows) /
        generated.results
      ).toFixed(0)}% with codeFlows), written in ${(
        (Date.now() - started) /
        1000
      ).toFixed(1)} s to ${file}`,
    );
    console.log(
      `Node ${process.version}; each approach runs in its own child process.\n`,
    );

    const rows = [
      {
        label: 'streaming: readReport (streamJson)',
        m: measure('stream', file),
      },
      { label: 'old: one string + JSON.parse', m: measure('old', file) },
    ];
    const header = [
      'approach',
      'file MB',
      'parse s',
      'RSS at start MB',
      'peak RSS MB',
      'findings',
      'summary sha256',
    ];
    const cells = rows.map(({ label, m }) => [
      label,
      m.fileMb.toFixed(1),
      m.seconds.toFixed(2),
      m.rssBeforeMb.toFixed(0),
      m.peakRssMb.toFixed(0),
      String(m.findings),
      m.summaryHash,
    ]);
    const widths = header.map((h, i) =>
      Math.max(h.length, ...cells.map(row => row[i].length)),
    );
    const line = (row: string[]) =>
      row
        .map((cell, i) =>
          i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]),
        )
        .join(' | ');
    console.log(line(header));
    console.log(widths.map(w => '-'.repeat(w)).join('-|-'));
    cells.forEach(row => console.log(line(row)));

    const [stream, old] = rows.map(r => r.m);
    console.log(
      `\nSame summary from both approaches: ${
        stream.summaryHash === old.summaryHash ? 'yes' : 'NO'
      }`,
    );
    console.log(
      `Peak RSS, streaming vs old: ${stream.peakRssMb.toFixed(
        0,
      )} MB vs ${old.peakRssMb.toFixed(0)} MB (${(
        old.peakRssMb / stream.peakRssMb
      ).toFixed(1)}x less)`,
    );
    const timeOk = stream.seconds < 10;
    const rssOk = stream.peakRssMb < 512;
    console.log(
      `Targets for ~100 MB: parse < 10 s: ${
        timeOk ? 'met' : 'NOT met'
      }; peak RSS < 512 MB: ${rssOk ? 'met' : 'NOT met'}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') {
  child(process.argv[3] as Mode, process.argv[4]);
} else {
  main();
}
