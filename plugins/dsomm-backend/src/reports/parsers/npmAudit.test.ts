import { ReportParseError } from '../ReportParseError';
import { npmAuditParser } from './npmAudit';
import {
  robustnessChecks,
  detectedBy,
  fixture,
} from './__testUtils__/robustness';

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

describe(`${npmAuditParser.format}: robustness`, () => {
  const checks = robustnessChecks(npmAuditParser);
  it('gives a consistent summary or a ReportParseError for any JSON value', () =>
    checks.anyValue());
  it.each(FIXTURES)('survives structural mutations of %s', name =>
    checks.mutations(name),
  );
  it.each(FIXTURES)('survives truncated and edited text of %s', name =>
    checks.edits(name),
  );
});
