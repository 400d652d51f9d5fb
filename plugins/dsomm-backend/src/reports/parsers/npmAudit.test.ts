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
  'npm_audit_7_plus/many_vulns.json',
  'npm_audit_7_plus/no_vuln.json',
];

const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0, unknown: 0 };

describe('npmAuditParser', () => {
  it('counts one finding per vulnerable package, as npm does', () => {
    const doc = fixture('npm_audit_7_plus/many_vulns.json') as {
      metadata: { vulnerabilities: Record<string, number> };
      vulnerabilities: Record<string, { via: unknown[] }>;
    };
    const summary = npmAuditParser.parse(doc);
    // Counted with python3: 6 entries in `vulnerabilities`, severities moderate x4
    // (@vercel/fun, debug, semver, vercel) and low x2 (@vercel/node, undici); npm's own
    // metadata.vulnerabilities says the same: moderate 4, low 2, total 6.
    expect(summary.counts).toEqual({ ...zero, medium: 4, low: 2 });
    expect(summary.totalFindings).toBe(6);
    const npm = doc.metadata.vulnerabilities;
    expect(summary.counts).toEqual({
      critical: npm.critical,
      high: npm.high,
      medium: npm.moderate,
      low: npm.low,
      info: npm.info,
      unknown: 0,
    });
    expect(summary.totalFindings).toBe(npm.total);
    // The distinct advisories (via objects, by `source`) are fewer: 3 (debug, semver,
    // undici). The summary reports packages, not these.
    const advisories = new Set(
      Object.values(doc.vulnerabilities).flatMap(v =>
        v.via.flatMap(via =>
          typeof via === 'object' && via !== null
            ? [(via as { source: number }).source]
            : [],
        ),
      ),
    );
    expect(advisories.size).toBe(3);

    expect(summary.tool).toEqual({ name: 'npm audit' });
    expect(summary.format).toBe('npm-audit');
    expect(summary.categories).toEqual(['sca']);
    expect(summary.scannedAt).toBeUndefined();
    // location: the package's first entry in `nodes`, where npm found it installed.
    expect(summary.topFindings).toEqual([
      {
        id: 'GHSA-gxpj-cx7g-858c',
        title: '@vercel/fun is vulnerable through debug, semver',
        severity: 'medium',
        location: 'node_modules/@vercel/fun',
        package: '@vercel/fun',
      },
      {
        id: 'GHSA-gxpj-cx7g-858c',
        title: 'Regular Expression Denial of Service in debug',
        severity: 'medium',
        location: 'node_modules/@vercel/fun/node_modules/debug',
        package: 'debug',
      },
      {
        id: 'GHSA-c2qf-rxjj-qqgw',
        title: 'semver vulnerable to Regular Expression Denial of Service',
        severity: 'medium',
        location: 'node_modules/@vercel/fun/node_modules/semver',
        package: 'semver',
      },
      {
        id: 'GHSA-gxpj-cx7g-858c',
        title: 'vercel is vulnerable through @vercel/fun, @vercel/node',
        severity: 'medium',
        location: 'node_modules/vercel',
        package: 'vercel',
      },
      {
        id: 'GHSA-3787-6prv-h9w3',
        title: '@vercel/node is vulnerable through undici',
        severity: 'low',
        location: 'node_modules/@vercel/node',
        package: '@vercel/node',
      },
      {
        id: 'GHSA-3787-6prv-h9w3',
        title:
          'Undici proxy-authorization header not cleared on cross-origin redirect in fetch',
        severity: 'low',
        location: 'node_modules/undici',
        package: 'undici',
      },
    ]);
  });

  it('reads a clean audit as zero findings', () => {
    const summary = npmAuditParser.parse(
      fixture('npm_audit_7_plus/no_vuln.json'),
    );
    // vulnerabilities == {}, metadata.vulnerabilities.total == 0.
    expect(summary.totalFindings).toBe(0);
    expect(summary.counts).toEqual(zero);
    expect(summary.topFindings).toEqual([]);
    expect(summary.categories).toEqual(['sca']);
  });

  it('survives cycles in via and advisories without a GHSA url', () => {
    const summary = npmAuditParser.parse({
      auditReportVersion: 2,
      vulnerabilities: {
        a: { name: 'a', severity: 'high', via: ['b'] },
        b: { name: 'b', severity: 'high', via: ['a'] },
        c: {
          name: 'c',
          severity: 'critical',
          via: [
            { source: 42, title: 'first', severity: 'critical' },
            { source: 43, title: 'second', severity: 'low' },
          ],
        },
      },
    });
    expect(summary.topFindings.map(f => [f.id, f.title])).toEqual([
      ['npm-advisory-42', 'first (and 1 more)'],
      ['npm-package-a', 'a is vulnerable through b'],
      ['npm-package-b', 'b is vulnerable through a'],
    ]);
  });

  it('names the path of a bad shape', () => {
    expect(() =>
      npmAuditParser.parse({
        auditReportVersion: 2,
        vulnerabilities: { debug: { via: [1] } },
      }),
    ).toThrow(
      new ReportParseError(
        'vulnerabilities["debug"].via[0]: expected an object, got number 1',
      ),
    );
    expect(() =>
      npmAuditParser.parse({ auditReportVersion: 2, vulnerabilities: [] }),
    ).toThrow(
      new ReportParseError('vulnerabilities: expected an object, got a list'),
    );
    expect(() => npmAuditParser.parse(7)).toThrow(ReportParseError);
  });

  it('detects its fixtures, and no other parser does', () => {
    expect(detectedBy(fixture('npm_audit_7_plus/many_vulns.json'))).toEqual([
      'npm-audit',
    ]);
    expect(detectedBy(fixture('npm_audit_7_plus/no_vuln.json'))).toEqual([
      'npm-audit',
    ]);
    // npm 6's format (advisories, actions) is not this one.
    expect(
      npmAuditParser.detect({ advisories: {}, actions: [], metadata: {} }),
    ).toBe(false);
  });
});

describeRobustness(npmAuditParser, FIXTURES);
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
