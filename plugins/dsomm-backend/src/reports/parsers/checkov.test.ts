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

const FIXTURES = ['checkov/checkov-report-many-vuln.json'];

const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0, unknown: 0 };

describe('checkovParser', () => {
  it('reads a report with failed checks', () => {
    const summary = checkovParser.parse(
      fixture('checkov/checkov-report-many-vuln.json'),
    );
    // Counted with python3: len(doc['results']['failed_checks']) == 3 (CKV_AZURE_41, 42, 43),
    // none with a `severity` field, so all unknown. (The fixture's summary.failed says 2;
    // the list of failed checks is what we count.)
    expect(summary.counts).toEqual({ ...zero, unknown: 3 });
    expect(summary.totalFindings).toBe(3);
    expect(summary.tool).toEqual({ name: 'Checkov', version: '1.0.467' });
    expect(summary.format).toBe('checkov');
    expect(summary.categories).toEqual(['iac']);
    expect(summary.scannedAt).toBeUndefined();
    expect(summary.topFindings).toEqual(
      ['CKV_AZURE_41', 'CKV_AZURE_42', 'CKV_AZURE_43'].map(id => ({
        id,
        title: 'Ensure the key vault is recoverable',
        severity: 'unknown',
        location: 'file_path:1 (azurerm_key_vault.main)',
      })),
    );
  });

  it('reads a list of reports, severities, and a summary-only report', () => {
    const failed = (id: string, severity: string | null) => ({
      check_id: id,
      check_name: `check ${id}`,
      severity,
      file_path: '/main.tf',
      file_line_range: [3, 9],
      resource: 'aws_s3_bucket.b',
    });
    const doc = [
      {
        check_type: 'terraform',
        results: {
          passed_checks: [failed('P', 'LOW')],
          failed_checks: [
            failed('CKV_AWS_1', 'LOW'),
            failed('CKV_AWS_2', 'HIGH'),
          ],
        },
        summary: { failed: 2, checkov_version: '3.2.1' },
      },
      {
        check_type: 'dockerfile',
        results: { failed_checks: [failed('CKV_DOCKER_2', null)] },
        summary: { failed: 1, checkov_version: '3.2.1' },
      },
    ];
    expect(detectedBy(doc)).toEqual(['checkov']);
    const summary = checkovParser.parse(doc);
    expect(summary.tool).toEqual({ name: 'Checkov', version: '3.2.1' });
    expect(summary.counts).toEqual({ ...zero, high: 1, low: 1, unknown: 1 });
    expect(summary.topFindings.map(f => f.id)).toEqual([
      'CKV_AWS_2',
      'CKV_AWS_1',
      'CKV_DOCKER_2',
    ]);
    expect(summary.topFindings[0].location).toBe(
      '/main.tf:3 (aws_s3_bucket.b)',
    );

    const nothingScanned = {
      passed: 0,
      failed: 0,
      skipped: 0,
      parsing_errors: 0,
      resource_count: 0,
      checkov_version: '3.2.1',
    };
    expect(detectedBy(nothingScanned)).toEqual(['checkov']);
    const empty = checkovParser.parse(nothingScanned);
    expect(empty.totalFindings).toBe(0);
    expect(empty.tool.version).toBe('3.2.1');
  });

  it('names the path of a bad shape', () => {
    expect(() =>
      checkovParser.parse([
        { check_type: 'terraform', results: { failed_checks: [] } },
        { check_type: 'helm', results: { failed_checks: {} } },
      ]),
    ).toThrow(
      new ReportParseError(
        '[1].results.failed_checks: expected a list, got an object',
      ),
    );
    expect(() =>
      checkovParser.parse({ check_type: 'terraform', results: [] }),
    ).toThrow(new ReportParseError('results: expected an object, got a list'));
    expect(() => checkovParser.parse({ foo: 1 })).toThrow(ReportParseError);
    expect(() => checkovParser.parse('x')).toThrow(ReportParseError);
  });

  it('detects its fixture, and no other parser does', () => {
    expect(
      detectedBy(fixture('checkov/checkov-report-many-vuln.json')),
    ).toEqual(['checkov']);
    expect(checkovParser.detect([])).toBe(false);
    expect(checkovParser.detect(null)).toBe(false);
    expect(checkovParser.detect({ results: [], errors: [] })).toBe(false);
  });
});

describeRobustness(checkovParser, FIXTURES);
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
