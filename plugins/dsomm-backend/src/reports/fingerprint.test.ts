import fs from 'fs';
import path from 'path';
import { ReportSummary } from '@dsomm/plugin-dsomm-common';
import { defaultReportParsers } from './parsers';
import { readReport } from './readReport';
import { findingFingerprint, findingPlace } from './fingerprint';

const root = path.resolve(__dirname, '__fixtures__');
const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(root, name), 'utf8'));
const parse = (doc: unknown): ReportSummary =>
  readReport(Buffer.from(JSON.stringify(doc)), defaultReportParsers);
const fingerprintsOf = (summary: ReportSummary) =>
  new Map(summary.fingerprints!.map(f => [f.fingerprint, f.severity]));

describe('findingFingerprint', () => {
  it('keeps a semgrep finding when code above it moves it down, and tells files apart', () => {
    const first = fixture('semgrep/many_vulns.json');
    const results: any[] = first.results;
    // The next scan: one finding fixed, the others three lines lower.
    const second = {
      ...first,
      results: results.slice(1).map(r => ({
        ...r,
        start: { ...r.start, line: r.start.line + 3 },
        end: { ...r.end, line: r.end.line + 3 },
      })),
    };
    const before = fingerprintsOf(parse(first));
    const after = fingerprintsOf(parse(second));
    const fixed = findingFingerprint('semgrep', {
      id: results[0].check_id,
      location: `${results[0].path}:${results[0].start.line}`,
    });
    expect(before.has(fixed)).toBe(true);
    expect(after.has(fixed)).toBe(false);
    for (const [fingerprint] of after)
      expect(before.has(fingerprint)).toBe(true);

    // One rule in two files: two findings.
    const md5 = results.filter(r => r.check_id.endsWith('md5'));
    expect(new Set(md5.map(r => r.path)).size).toBeGreaterThan(1);
    const md5Prints = new Set(
      md5.map(r =>
        findingFingerprint('semgrep', {
          id: r.check_id,
          location: `${r.path}:${r.start.line}`,
        }),
      ),
    );
    expect(md5Prints.size).toBe(new Set(md5.map(r => r.path)).size);
  });

  it('identifies trivy vulnerabilities by id and package, across two scans of the image', () => {
    const doc = fixture('trivy/scheme_2_many_vulns.json');
    const summary = parse(doc);
    const again = parse(JSON.parse(JSON.stringify(doc)));
    expect(summary.fingerprints).toEqual(again.fingerprints);
    // Two CVEs in one package, and one package's CVE in another package, all differ.
    const compress = doc.Results.find(
      (r: any) => r.Target === 'app/libs/commons-compress-1.14.jar',
    ).Vulnerabilities;
    const prints = compress.map((v: any) =>
      findingFingerprint('trivy', {
        id: v.VulnerabilityID,
        package: `${v.PkgName}@${v.InstalledVersion}`,
      }),
    );
    expect(new Set(prints).size).toBe(compress.length);
    expect(
      findingFingerprint('trivy', { id: 'CVE-1', package: 'a@1' }),
    ).not.toBe(findingFingerprint('trivy', { id: 'CVE-1', package: 'b@1' }));
    // Critical to low findings are fingerprinted, info and unknown ones are not.
    const tracked =
      summary.counts.critical +
      summary.counts.high +
      summary.counts.medium +
      summary.counts.low;
    expect(summary.fingerprints!.length).toBeGreaterThan(0);
    expect(summary.fingerprints!.length).toBeLessThanOrEqual(tracked);
  });

  it('strips line numbers only from file locations', () => {
    expect(findingPlace('sarif', { location: 'src/a.js:12' })).toBe('src/a.js');
    expect(findingPlace('semgrep', { location: 'src/a.py:12:4' })).toBe(
      'src/a.py',
    );
    expect(
      findingPlace('checkov', { location: 'main.tf:3 (aws_s3_bucket.b)' }),
    ).toBe('main.tf (aws_s3_bucket.b)');
    // A URL's port is part of where a DAST finding is.
    expect(findingPlace('zap', { location: 'http://host:8080' })).toBe(
      'http://host:8080',
    );
    expect(findingPlace('trivy', { package: 'lib@1.0', location: 'x:1' })).toBe(
      'lib@1.0',
    );
    expect(findingFingerprint('sarif', { id: 'r', location: 'a.js:1' })).toBe(
      findingFingerprint('sarif', { id: 'r', location: 'a.js:99' }),
    );
    expect(
      findingFingerprint('sarif', { id: 'r', location: 'a.js:1' }),
    ).not.toBe(findingFingerprint('sarif', { id: 'r', location: 'b.js:1' }));
    expect(findingFingerprint('sarif', { id: 'r', location: 'a.js' })).not.toBe(
      findingFingerprint('semgrep', { id: 'r', location: 'a.js' }),
    );
  });

  it('keeps the most severe of one fingerprint and bounds how many a report keeps', () => {
    const doc = fixture('semgrep/many_vulns.json');
    const base = doc.results[0];
    const many = {
      ...doc,
      results: [
        { ...base, extra: { ...base.extra, severity: 'INFO' } },
        ...Array.from({ length: 2500 }, (_, i) => ({
          ...base,
          path: `file${i}.py`,
          extra: { ...base.extra, severity: 'WARNING' },
        })),
        { ...base, extra: { ...base.extra, severity: 'ERROR' } },
        { ...base, start: { ...base.start, line: 1 } },
      ],
    };
    const summary = parse(many);
    expect(summary.fingerprints).toHaveLength(2000);
    const own = findingFingerprint('semgrep', {
      id: base.check_id,
      location: base.path,
    });
    expect(fingerprintsOf(summary).get(own)).toBe('high');
  });
});
