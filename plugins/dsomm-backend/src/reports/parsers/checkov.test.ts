import { ReportParseError } from '../ReportParseError';
import { checkovParser } from './checkov';
import {
  robustnessChecks,
  detectedBy,
  fixture,
} from './__testUtils__/robustness';

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

describe(`${checkovParser.format}: robustness`, () => {
  const checks = robustnessChecks(checkovParser);
  it('gives a consistent summary or a ReportParseError for any JSON value', () =>
    checks.anyValue());
  it.each(FIXTURES)('survives structural mutations of %s', name =>
    checks.mutations(name),
  );
  it.each(FIXTURES)('survives truncated and edited text of %s', name =>
    checks.edits(name),
  );
});
