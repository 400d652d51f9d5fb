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

const FIXTURES = ['gitleaks/gitleaks8_many.json', 'gitleaks/no_findings.json'];

const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0, unknown: 0 };

describe('gitleaksParser', () => {
  it('reads a gitleaks 8 report, every leak as high', () => {
    const doc = fixture('gitleaks/gitleaks8_many.json');
    const summary = gitleaksParser.parse(doc);
    // Counted with python3: len(json.load(f)) == 4 leaks (two identical aws-access-token
    // entries in /conf/aws.tf, RSA-PK, generic-api-key). gitleaks has no severities, so all
    // 4 are high.
    expect(summary.counts).toEqual({ ...zero, high: 4 });
    expect(summary.totalFindings).toBe(4);
    expect(summary.tool).toEqual({ name: 'gitleaks' });
    expect(summary.format).toBe('gitleaks');
    expect(summary.categories).toEqual(['secrets']);
    expect(summary.scannedAt).toBeUndefined();
    expect(summary.topFindings).toEqual([
      {
        id: 'aws-access-token',
        title: 'AWS',
        severity: 'high',
        location: '/conf/aws.tf:2',
      },
      {
        id: 'aws-access-token',
        title: 'AWS',
        severity: 'high',
        location: '/conf/aws.tf:2',
      },
      {
        id: 'RSA-PK',
        title: 'RSA private key',
        severity: 'high',
        location: 'conf/rsa.pk:57',
      },
      {
        id: 'generic-api-key',
        title: 'Generic API Key',
        severity: 'high',
        location: 'tests/api.py:21',
      },
    ]);
    // The duplicate leak is one identity for the SLA rules.
    expect(summary.findingKeys?.high).toHaveLength(3);
    // No secret, match or commit text reaches the summary.
    const text = JSON.stringify(summary);
    for (const leak of doc as Record<string, string>[]) {
      expect(text).not.toContain(leak.Secret);
      expect(text).not.toContain(leak.Match);
    }
  });

  it('reads a report without leaks (null, or an empty list) as zero findings', () => {
    // no_findings.json is the text `null`.
    for (const doc of [fixture('gitleaks/no_findings.json'), []]) {
      const summary = gitleaksParser.parse(doc);
      expect(summary.totalFindings).toBe(0);
      expect(summary.counts).toEqual(zero);
      expect(summary.topFindings).toEqual([]);
      expect(summary.categories).toEqual(['secrets']);
    }
  });

  it('reads gitleaks 7 leaks', () => {
    const doc = [
      {
        line: 'aws_key = "AKIA..."',
        lineNumber: 3,
        offender: 'AKIAXXXXXXXXXXXXXXXX',
        commit: 'abc',
        rule: 'AWS Access Key',
        file: 'config.py',
      },
    ];
    expect(gitleaksParser.detect(doc)).toBe(true);
    expect(gitleaksParser.parse(doc).topFindings).toEqual([
      {
        id: 'AWS Access Key',
        title: 'AWS Access Key',
        severity: 'high',
        location: 'config.py:3',
      },
    ]);
  });

  it('names the path of a bad shape', () => {
    expect(() => gitleaksParser.parse([{ RuleID: 'x' }, 'oops'])).toThrow(
      new ReportParseError('[1]: expected an object, got the text "oops"'),
    );
    expect(() => gitleaksParser.parse({ findings: [] })).toThrow(
      ReportParseError,
    );
  });

  it('detects its fixtures, and no other parser does', () => {
    expect(detectedBy(fixture('gitleaks/gitleaks8_many.json'))).toEqual([
      'gitleaks',
    ]);
    // An empty report, `null` or `[]`, names no tool. Only gitleaks claims it, and the
    // registry asks gitleaks last, so any other format that recognises it would win.
    expect(detectedBy(fixture('gitleaks/no_findings.json'))).toEqual([
      'gitleaks',
    ]);
    expect(detectedBy([])).toEqual(['gitleaks']);
    // Not gitleaks: lists of other things, Trivy's legacy results, Checkov lists.
    expect(gitleaksParser.detect([1, 2])).toBe(false);
    expect(gitleaksParser.detect([{ Target: 'x', Vulnerabilities: [] }])).toBe(
      false,
    );
    expect(
      gitleaksParser.detect([{ check_type: 'terraform', results: {} }]),
    ).toBe(false);
    expect(gitleaksParser.detect({})).toBe(false);
  });
});

describeRobustness(gitleaksParser, FIXTURES);
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
