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

const FIXTURES = [
  'anchore_grype/fix_available.json',
  'anchore_grype/no_vuln.json',
];

const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0, unknown: 0 };

describe('grypeParser', () => {
  it('reads an image scan with a match', () => {
    const summary = grypeParser.parse(
      fixture('anchore_grype/fix_available.json'),
    );
    // Counted with python3: len(doc['matches']) == 1, vulnerability.severity 'High'.
    expect(summary.counts).toEqual({ ...zero, high: 1 });
    expect(summary.totalFindings).toBe(1);
    expect(summary.tool).toEqual({ name: 'Grype', version: '0.75.0' });
    expect(summary.format).toBe('grype');
    expect(summary.categories).toEqual(['sca', 'container']);
    // descriptor.timestamp 2024-04-10T11:05:22.636338786Z, to the millisecond.
    expect(summary.scannedAt).toBe('2024-04-10T11:05:22.636Z');
    expect(summary.targets).toEqual(['REDACTED']);
    expect(summary.topFindings).toEqual([
      {
        id: 'CVE-2009-3882',
        title: expect.stringMatching(
          /^Multiple unspecified vulnerabilities in the Swing implementation/,
        ),
        severity: 'high',
        location: '/opt/java/openjdk/bin/java',
        // The artifact's version as the report spells it, NUL included.
        package: 'java@17.0.10+7\u0000-J-ms8m',
      },
    ]);
  });

  it('reads an image scan without matches as zero findings', () => {
    const summary = grypeParser.parse(fixture('anchore_grype/no_vuln.json'));
    // matches == [].
    expect(summary.totalFindings).toBe(0);
    expect(summary.counts).toEqual(zero);
    expect(summary.topFindings).toEqual([]);
    expect(summary.tool).toEqual({ name: 'Grype', version: '0.7.0' });
    expect(summary.categories).toEqual(['sca', 'container']);
    expect(summary.scannedAt).toBeUndefined();
    expect(summary.targets).toEqual(['busybox:latest']);
  });

  it('reads a directory scan: sca only, target a path', () => {
    const summary = grypeParser.parse({
      matches: [
        {
          vulnerability: { id: 'GHSA-xxxx', severity: 'Negligible' },
          artifact: {
            name: 'lodash',
            version: '4.17.20',
            locations: [{ path: '/src/package-lock.json' }],
          },
        },
        {
          vulnerability: { id: 'CVE-1', severity: 'Critical' },
          artifact: { name: 'x' },
        },
      ],
      source: { type: 'directory', target: '/src' },
      descriptor: { name: 'grype', version: '0.80.0' },
    });
    expect(summary.categories).toEqual(['sca']);
    expect(summary.targets).toEqual(['/src']);
    expect(summary.counts).toEqual({ ...zero, critical: 1, info: 1 });
    expect(summary.topFindings.map(f => [f.id, f.package])).toEqual([
      ['CVE-1', 'x'],
      ['GHSA-xxxx', 'lodash@4.17.20'],
    ]);
  });

  it('names the path of a bad shape', () => {
    expect(() =>
      grypeParser.parse({
        matches: [{ vulnerability: {} }, { vulnerability: [] }],
      }),
    ).toThrow(
      new ReportParseError(
        'matches[1].vulnerability: expected an object, got a list',
      ),
    );
    expect(() => grypeParser.parse({ matches: null, descriptor: {} })).toThrow(
      new ReportParseError('matches: expected a list, got null'),
    );
    expect(() => grypeParser.parse(null)).toThrow(ReportParseError);
  });

  it('detects its fixtures, and no other parser does', () => {
    expect(detectedBy(fixture('anchore_grype/fix_available.json'))).toEqual([
      'grype',
    ]);
    expect(detectedBy(fixture('anchore_grype/no_vuln.json'))).toEqual([
      'grype',
    ]);
    expect(grypeParser.detect({ matches: [] })).toBe(false);
  });
});

describeRobustness(grypeParser, FIXTURES);
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
