import { ReportParseError } from '../ReportParseError';
import { osvScannerParser } from './osvScanner';
import {
  robustnessChecks,
  detectedBy,
  fixture,
} from './__testUtils__/robustness';

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

describe(`${osvScannerParser.format}: robustness`, () => {
  const checks = robustnessChecks(osvScannerParser);
  it('gives a consistent summary or a ReportParseError for any JSON value', () =>
    checks.anyValue());
  it.each(FIXTURES)('survives structural mutations of %s', name =>
    checks.mutations(name),
  );
  it.each(FIXTURES)('survives truncated and edited text of %s', name =>
    checks.edits(name),
  );
});
