import fs from 'fs';
import path from 'path';
import fc from 'fast-check';
import { defaultReportParsers } from './parsers';
import { readReport } from './readReport';
import { ReportParseError } from './ReportParseError';

const root = path.resolve(__dirname, '__fixtures__');
const read = (name: string) => fs.readFileSync(path.join(root, name));

/** Format each fixture folder must be detected as. */
const FOLDER_FORMATS: Record<string, string> = {
  sarif: 'sarif',
  cyclonedx: 'cyclonedx',
  spdx: 'spdx',
  zap: 'zap',
  trivy: 'trivy',
  gitleaks: 'gitleaks',
  semgrep: 'semgrep',
  checkov: 'checkov',
  anchore_grype: 'grype',
  npm_audit_7_plus: 'npm-audit',
  osv_scanner: 'osv-scanner',
  bandit: 'bandit',
  semgrep_supply_chain: 'semgrep-supply-chain',
};

const fixtures = Object.keys(FOLDER_FORMATS).flatMap(folder =>
  fs
    .readdirSync(path.join(root, folder))
    .map(file => [`${folder}/${file}`, FOLDER_FORMATS[folder]] as const),
);

describe('readReport', () => {
  it('has fixtures for every format', () => {
    expect(new Set(fixtures.map(([, format]) => format)).size).toBe(13);
  });

  it.each(fixtures)(
    'detects %s as %s through the whole registry',
    (file, format) => {
      // A bare `null` is ambiguous (Trivy legacy and gitleaks both write it): the uploader
      // names the format for those.
      const body = read(file);
      const ambiguous = body.toString().trim() === 'null';
      const summary = readReport(
        body,
        defaultReportParsers,
        ambiguous ? (format as 'trivy') : undefined,
      );
      expect(summary.format).toBe(format);
      const sum = Object.values(summary.counts).reduce((a, b) => a + b, 0);
      expect(sum).toBe(summary.totalFindings);
    },
  );

  it('says what it found and what it expected for an unknown document', () => {
    expect(() =>
      readReport(Buffer.from('{"foo": 1, "bar": 2}'), defaultReportParsers),
    ).toThrow(
      /^JSON report of no known format: found an object with keys foo, bar; expected one of SARIF 2\.1\.0, CycloneDX, SPDX 2\.x, OWASP ZAP, Trivy/,
    );
    expect(() =>
      readReport(Buffer.from('<html><body/></html>'), defaultReportParsers),
    ).toThrow(
      /^XML report of no known format: found an object with keys html; expected one of CycloneDX, OWASP ZAP$/,
    );
    expect(() =>
      readReport(read('semgrep/many_vulns.json'), defaultReportParsers, 'zap'),
    ).toThrow(/^Body is not a OWASP ZAP report: found an object with keys /);
    expect(() =>
      readReport(Buffer.from('<bom/>'), defaultReportParsers, 'sarif'),
    ).toThrow('format=sarif reports are json, but the body is XML');
  });

  it('answers every body with a summary or a 4xx error, never anything else', () => {
    const bodies = fc.oneof(
      fc.string(),
      fc.json(),
      fc.constantFrom(...fixtures.map(([file]) => file)).chain(file => {
        const text = read(file).toString();
        return fc
          .tuple(
            fc.nat(text.length),
            fc.nat(text.length),
            fc.string({ maxLength: 5 }),
          )
          .map(
            ([a, b, junk]) =>
              text.slice(0, Math.min(a, b)) + junk + text.slice(Math.max(a, b)),
          );
      }),
    );
    fc.assert(
      fc.property(bodies, body => {
        let outcome: string;
        try {
          const summary = readReport(Buffer.from(body), defaultReportParsers);
          const sum = Object.values(summary.counts).reduce((a, b) => a + b, 0);
          outcome = sum === summary.totalFindings ? 'summary' : 'bad counts';
        } catch (error) {
          const status = (error as { statusCode?: number }).statusCode;
          outcome =
            !(error instanceof ReportParseError) &&
            (status === 415 ||
              status === 422 ||
              (error as Error).name === 'InputError')
              ? 'client error'
              : `unexpected ${String(error)}`;
        }
        expect(['summary', 'client error']).toContain(outcome);
      }),
      { numRuns: 300 },
    );
  });
});
