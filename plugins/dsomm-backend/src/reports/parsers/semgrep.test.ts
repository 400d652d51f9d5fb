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

const FIXTURES = ['semgrep/many_vulns.json', 'semgrep/empty.json'];

const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0, unknown: 0 };

describe('semgrepParser', () => {
  it('reads a report with findings', () => {
    const summary = semgrepParser.parse(fixture('semgrep/many_vulns.json'));
    // Counted with python3: Counter(r['extra']['severity'] for r in doc['results'])
    // == {WARNING: 35, ERROR: 13}, 48 results; ERROR -> high, WARNING -> medium.
    expect(summary.counts).toEqual({ ...zero, high: 13, medium: 35 });
    expect(summary.totalFindings).toBe(48);
    // This report has no `version` field.
    expect(summary.tool).toEqual({ name: 'Semgrep' });
    expect(summary.format).toBe('semgrep');
    expect(summary.categories).toEqual(['sast']);
    expect(summary.scannedAt).toBeUndefined();
    expect(summary.topFindings).toHaveLength(20);
    expect(
      summary.topFindings.slice(0, 13).every(f => f.severity === 'high'),
    ).toBe(true);
    expect(
      summary.topFindings.slice(13).every(f => f.severity === 'medium'),
    ).toBe(true);
    expect(summary.topFindings[0]).toEqual({
      id: 'python.lang.correctness.tempfile.flush.tempfile-without-flush',
      title: expect.stringMatching(/^Using 'temp.name' without '.flush\(\)'/),
      severity: 'high',
      location: 'tasks.py:186',
    });
    expect(summary.topFindings.slice(1, 4).map(f => f.location)).toEqual([
      'finding/views.py:2047',
      'management/commands/csv_findings_export.py:33',
      'tools/immuniweb/parser.py:3',
    ]);
    // The first WARNING in the report comes right after the 13 ERRORs.
    expect(summary.topFindings[13]).toMatchObject({
      id: 'python.lang.maintainability.useless-ifelse.useless-if-conditional',
      location: 'utils.py:503',
    });
  });

  it('reads an empty report as zero findings', () => {
    const summary = semgrepParser.parse(fixture('semgrep/empty.json'));
    expect(summary.totalFindings).toBe(0);
    expect(summary.counts).toEqual(zero);
    expect(summary.topFindings).toEqual([]);
    expect(summary.categories).toEqual(['sast']);
  });

  it('takes the version and maps INFO to low', () => {
    const summary = semgrepParser.parse({
      version: '1.72.0',
      results: [
        {
          check_id: 'a',
          path: 'x.js',
          start: { line: 1 },
          extra: { severity: 'INFO' },
        },
        {
          check_id: 'b',
          path: 'y.js',
          extra: { severity: 'CRITICAL', message: 'm' },
        },
        { check_id: 'c', extra: { severity: 'constructor' } },
      ],
      errors: [{ message: 'parse error' }],
    });
    expect(summary.tool).toEqual({ name: 'Semgrep', version: '1.72.0' });
    expect(summary.topFindings).toEqual([
      { id: 'b', title: 'm', severity: 'critical', location: 'y.js' },
      { id: 'a', title: 'a', severity: 'low', location: 'x.js:1' },
      { id: 'c', title: 'c', severity: 'unknown' },
    ]);
  });

  it('names the path of a bad shape', () => {
    expect(() =>
      semgrepParser.parse({
        results: [{ check_id: 'a', extra: 'x' }],
        errors: [],
      }),
    ).toThrow(
      new ReportParseError(
        'results[0].extra: expected an object, got the text "x"',
      ),
    );
    expect(() => semgrepParser.parse({ results: {}, errors: [] })).toThrow(
      new ReportParseError('results: expected a list, got an object'),
    );
    expect(() => semgrepParser.parse([])).toThrow(ReportParseError);
  });

  it('detects its fixtures, and no other parser does', () => {
    expect(detectedBy(fixture('semgrep/many_vulns.json'))).toEqual(['semgrep']);
    expect(detectedBy(fixture('semgrep/empty.json'))).toEqual(['semgrep']);
    // OSV-Scanner also has `results`, but no `errors` and packages in its results.
    expect(
      semgrepParser.detect({ results: [{ source: {}, packages: [] }] }),
    ).toBe(false);
    expect(
      semgrepParser.detect({ version: '2.1.0', runs: [], results: [] }),
    ).toBe(false);
  });
});

describeRobustness(semgrepParser, FIXTURES);
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
