import { ReportParseError } from '../ReportParseError';
import { gitleaksParser } from './gitleaks';
import {
  robustnessChecks,
  detectedBy,
  fixture,
} from './__testUtils__/robustness';

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

describe(`${gitleaksParser.format}: robustness`, () => {
  const checks = robustnessChecks(gitleaksParser);
  it('gives a consistent summary or a ReportParseError for any JSON value', () =>
    checks.anyValue());
  it.each(FIXTURES)('survives structural mutations of %s', name =>
    checks.mutations(name),
  );
  it.each(FIXTURES)('survives truncated and edited text of %s', name =>
    checks.edits(name),
  );
});
