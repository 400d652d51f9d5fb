import fs from 'fs';
import path from 'path';
import fc from 'fast-check';
import { ReportSummary, SEVERITIES } from '@dsomm/plugin-dsomm-common';
import { ReportParseError } from '../ReportParseError';
import { checkovParser } from './checkov';
import { gitleaksParser } from './gitleaks';
import { grypeParser } from './grype';
import { npmAuditParser } from './npmAudit';
import { osvScannerParser } from './osvScanner';
import { semgrepParser } from './semgrep';
import { trivyParser } from './trivy';
import { ReportParser } from './types';

const FIXTURES = ['osv_scanner/some_findings.json'];

const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0, unknown: 0 };

describe('osvScannerParser', () => {
  it('reads a report with a finding', () => {
    const summary = osvScannerParser.parse(
      fixture('osv_scanner/some_findings.json'),
    );
    // Counted with python3: 1 result, 1 package (flot-axis 0.0.0), 1 vulnerability
    // (MAL-2023-1035) in 1 group. The group has no max_severity and the record no
    // database_specific.severity (it is a malicious-package record), so: unknown.
    expect(summary.counts).toEqual({ ...zero, unknown: 1 });
    expect(summary.totalFindings).toBe(1);
    expect(summary.tool).toEqual({ name: 'OSV-Scanner' });
    expect(summary.format).toBe('osv-scanner');
    expect(summary.categories).toEqual(['sca']);
    expect(summary.scannedAt).toBeUndefined();
    expect(summary.targets).toEqual(['/tmp/components/yarn.lock']);
    expect(summary.topFindings).toEqual([
      {
        id: 'MAL-2023-1035',
        title: 'Malicious code in flot-axis (npm)',
        severity: 'unknown',
        location: '/tmp/components/yarn.lock',
        package: 'flot-axis@0.0.0',
      },
    ]);
  });

  it('counts one finding per group, with its CVSS score or the records own rating', () => {
    const record = (id: string, severity?: string) => ({
      id,
      summary: `summary of ${id}`,
      ...(severity ? { database_specific: { severity } } : {}),
    });
    const summary = osvScannerParser.parse({
      results: [
        {
          source: { path: '/app/package-lock.json', type: 'lockfile' },
          packages: [
            {
              package: { name: 'lodash', version: '4.17.20', ecosystem: 'npm' },
              vulnerabilities: [
                record('GHSA-35jh-r3h4-6jhm', 'HIGH'),
                record('CVE-2021-23337'),
                record('GHSA-29mw-wpgm-hmr9', 'MODERATE'),
                record('GHSA-aaaa-bbbb-cccc', 'LOW'),
              ],
              groups: [
                {
                  ids: ['GHSA-35jh-r3h4-6jhm', 'CVE-2021-23337'],
                  aliases: ['CVE-2021-23337', 'GHSA-35jh-r3h4-6jhm'],
                  max_severity: '7.2',
                },
                { ids: ['GHSA-29mw-wpgm-hmr9'], max_severity: '' },
                { ids: ['GHSA-zzzz'], max_severity: 9.8 },
              ],
            },
          ],
        },
      ],
    });
    // Two records that are one issue count once; the ungrouped record counts on its own.
    expect(summary.totalFindings).toBe(4);
    expect(summary.topFindings.map(f => [f.id, f.severity])).toEqual([
      ['GHSA-zzzz', 'critical'],
      ['GHSA-35jh-r3h4-6jhm', 'high'],
      ['GHSA-29mw-wpgm-hmr9', 'medium'],
      ['GHSA-aaaa-bbbb-cccc', 'low'],
    ]);
    expect(summary.topFindings[1]).toMatchObject({
      package: 'lodash@4.17.20',
      location: '/app/package-lock.json',
    });
  });

  it('reads a clean scan as zero findings', () => {
    const doc = { results: [] };
    expect(detectedBy(doc)).toEqual(['osv-scanner']);
    expect(osvScannerParser.parse(doc).totalFindings).toBe(0);
  });

  it('names the path of a bad shape', () => {
    expect(() =>
      osvScannerParser.parse({
        results: [{ packages: [{ vulnerabilities: 'none' }] }],
      }),
    ).toThrow(
      new ReportParseError(
        'results[0].packages[0].vulnerabilities: expected a list, got the text "none"',
      ),
    );
    expect(() => osvScannerParser.parse({ results: 1 })).toThrow(
      new ReportParseError('results: expected a list, got number 1'),
    );
    expect(() => osvScannerParser.parse(true)).toThrow(ReportParseError);
  });

  it('detects its fixture, and no other parser does', () => {
    expect(detectedBy(fixture('osv_scanner/some_findings.json'))).toEqual([
      'osv-scanner',
    ]);
    // Semgrep's results carry check_id, and Semgrep writes `errors`.
    expect(osvScannerParser.detect({ results: [], errors: [] })).toBe(false);
    expect(osvScannerParser.detect({ results: [{ check_id: 'x' }] })).toBe(
      false,
    );
  });
});

describeRobustness(osvScannerParser, FIXTURES);
// ---- shared by the parser tests (each test file is self-contained) ----

const ALL_PARSERS: ReportParser[] = [
  trivyParser,
  gitleaksParser,
  semgrepParser,
  checkovParser,
  grypeParser,
  npmAuditParser,
  osvScannerParser,
];

function fixtureText(name: string): string {
  return fs.readFileSync(
    path.resolve(__dirname, '../__fixtures__', name),
    'utf8',
  );
}

function fixture(name: string): unknown {
  return JSON.parse(fixtureText(name));
}

/** Formats whose detect() accepts the document, among the parsers written together. */
function detectedBy(doc: unknown): string[] {
  return ALL_PARSERS.filter(p => p.detect(doc)).map(p => p.format);
}

/**
 * detect must answer true or false; parse must give a consistent summary (true) or throw a
 * ReportParseError (false). Anything else fails the test.
 */
function expectRobust(parser: ReportParser, doc: unknown): boolean {
  expect(typeof parser.detect(doc)).toBe('boolean');
  let summary: ReportSummary;
  try {
    summary = parser.parse(doc);
  } catch (error) {
    if (error instanceof ReportParseError) return false;
    throw error;
  }
  expect(Object.keys(summary.counts).sort()).toEqual([...SEVERITIES].sort());
  const sum = SEVERITIES.reduce((n, s) => n + summary.counts[s], 0);
  expect(sum).toBe(summary.totalFindings);
  expect(summary.topFindings.length).toBeLessThanOrEqual(
    Math.min(20, summary.totalFindings),
  );
  return true;
}

type Container = Record<string, unknown> | unknown[];
interface Mutation {
  at: number;
  kind: number;
  value: unknown;
}

const mutationArb = fc.record({
  at: fc.nat(),
  kind: fc.nat({ max: 4 }),
  value: fc.json().map(text => JSON.parse(text) as unknown),
});

/** Applies structural edits to a copy of a JSON document: replace, delete, cut, retype. */
function mutate(doc: unknown, mutations: Mutation[]): unknown {
  let root = structuredClone(doc);
  for (const m of mutations) {
    const slots: [Container, string | number][] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) {
        node.forEach((child, i) => {
          slots.push([node, i]);
          walk(child);
        });
      } else if (typeof node === 'object' && node !== null) {
        const record = node as Record<string, unknown>;
        for (const key of Object.keys(record)) {
          slots.push([record, key]);
          walk(record[key]);
        }
      }
    };
    walk(root);
    if (slots.length === 0) {
      root = m.value;
      continue;
    }
    const [parent, key] = slots[m.at % slots.length];
    const set = (v: unknown) => {
      (parent as Record<string | number, unknown>)[key] = v;
    };
    const current = (parent as Record<string | number, unknown>)[key];
    switch (m.kind) {
      case 0:
        set(m.value);
        break;
      case 1:
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key as string];
        break;
      case 2:
        if (Array.isArray(parent)) parent.length = Number(key);
        else set(null);
        break;
      case 3:
        if (Array.isArray(current)) set({ ...current });
        else if (typeof current === 'object' && current !== null) {
          set(Object.values(current));
        } else if (typeof current === 'string') set(current.length);
        else set(String(current));
        break;
      default:
        set(undefined);
    }
  }
  return root;
}

/** Text edits: cut at a point, drop some characters, insert others; kept only if still JSON. */
const textEditArb = fc.record({
  at: fc.nat(),
  drop: fc.nat({ max: 40 }),
  insert: fc.string({ maxLength: 8 }),
  truncate: fc.boolean(),
});

function editText(
  text: string,
  edit: { at: number; drop: number; insert: string; truncate: boolean },
): { ok: true; doc: unknown } | { ok: false } {
  const at = edit.at % (text.length + 1);
  const edited = edit.truncate
    ? text.slice(0, at)
    : text.slice(0, at) + edit.insert + text.slice(at + edit.drop);
  try {
    return { ok: true, doc: JSON.parse(edited) };
  } catch {
    return { ok: false };
  }
}

function describeRobustness(parser: ReportParser, fixtureNames: string[]) {
  describe(`${parser.format}: robustness`, () => {
    it('gives a consistent summary or a ReportParseError for any JSON value', () => {
      let checked = 0;
      fc.assert(
        fc.property(fc.anything(), value => {
          expectRobust(parser, value);
          checked += 1;
        }),
        { numRuns: 300 },
      );
      fc.assert(
        fc.property(fc.json(), text => {
          expectRobust(parser, JSON.parse(text));
          checked += 1;
        }),
        { numRuns: 300 },
      );
      expect(checked).toBeGreaterThanOrEqual(600);
    });

    it.each(fixtureNames)('survives structural mutations of %s', name => {
      const doc = fixture(name);
      let summaries = 0;
      fc.assert(
        fc.property(
          fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
          ms => {
            if (expectRobust(parser, mutate(doc, ms))) summaries += 1;
          },
        ),
        { numRuns: 200 },
      );
      // Not every mutation breaks the shape: some still give a summary.
      expect(summaries).toBeGreaterThan(0);
    });

    it.each(fixtureNames)('survives truncated and edited text of %s', name => {
      const text = fixtureText(name);
      let stillJson = 0;
      fc.assert(
        fc.property(textEditArb, edit => {
          const edited = editText(text, edit);
          if (!edited.ok) return;
          stillJson += 1;
          expectRobust(parser, edited.doc);
        }),
        { numRuns: 200 },
      );
      expect(stillJson).toBeGreaterThan(0);
    });
  });
}
