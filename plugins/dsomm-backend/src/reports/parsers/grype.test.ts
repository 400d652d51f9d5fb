import { ReportParseError } from '../ReportParseError';
import { grypeParser } from './grype';
import {
  robustnessChecks,
  detectedBy,
  fixture,
} from './__testUtils__/robustness';

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

describe(`${grypeParser.format}: robustness`, () => {
  const checks = robustnessChecks(grypeParser);
  it('gives a consistent summary or a ReportParseError for any JSON value', () =>
    checks.anyValue());
  it.each(FIXTURES)('survives structural mutations of %s', name =>
    checks.mutations(name),
  );
  it.each(FIXTURES)('survives truncated and edited text of %s', name =>
    checks.edits(name),
  );
});
