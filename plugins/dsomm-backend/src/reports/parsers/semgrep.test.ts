import { ReportParseError } from '../ReportParseError';
import { semgrepParser } from './semgrep';
import {
  robustnessChecks,
  detectedBy,
  fixture,
} from './__testUtils__/robustness';

const FIXTURES = ['semgrep/many_vulns.json', 'semgrep/empty.json'];

const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0, unknown: 0 };

describe('semgrepParser', () => {
  it('reads a report with findings', () => {
    const summary = semgrepParser.parse(fixture('semgrep/many_vulns.json'));
    // Counted with python3: Counter(r['extra']['severity'] for r in doc['results'])
    // == {WARNING: 35, ERROR: 13}, 48 results; ERROR -> high, WARNING -> medium.
    expect(summary.counts).toEqual({ ...zero, high: 13, medium: 35 });
    expect(summary.totalFindings).toBe(48);
    // This report has no `version` field.
    expect(summary.tool).toEqual({ name: 'Semgrep' });
    expect(summary.format).toBe('semgrep');
    expect(summary.categories).toEqual(['sast']);
    expect(summary.scannedAt).toBeUndefined();
    expect(summary.topFindings).toHaveLength(20);
    expect(
      summary.topFindings.slice(0, 13).every(f => f.severity === 'high'),
    ).toBe(true);
    expect(
      summary.topFindings.slice(13).every(f => f.severity === 'medium'),
    ).toBe(true);
    expect(summary.topFindings[0]).toEqual({
      id: 'python.lang.correctness.tempfile.flush.tempfile-without-flush',
      title: expect.stringMatching(/^Using 'temp.name' without '.flush\(\)'/),
      severity: 'high',
      location: 'tasks.py:186',
    });
    expect(summary.topFindings.slice(1, 4).map(f => f.location)).toEqual([
      'finding/views.py:2047',
      'management/commands/csv_findings_export.py:33',
      'tools/immuniweb/parser.py:3',
    ]);
    // The first WARNING in the report comes right after the 13 ERRORs.
    expect(summary.topFindings[13]).toMatchObject({
      id: 'python.lang.maintainability.useless-ifelse.useless-if-conditional',
      location: 'utils.py:503',
    });
  });

  it('reads an empty report as zero findings', () => {
    const summary = semgrepParser.parse(fixture('semgrep/empty.json'));
    expect(summary.totalFindings).toBe(0);
    expect(summary.counts).toEqual(zero);
    expect(summary.topFindings).toEqual([]);
    expect(summary.categories).toEqual(['sast']);
  });

  it('takes the version and maps INFO to low', () => {
    const summary = semgrepParser.parse({
      version: '1.72.0',
      results: [
        {
          check_id: 'a',
          path: 'x.js',
          start: { line: 1 },
          extra: { severity: 'INFO' },
        },
        {
          check_id: 'b',
          path: 'y.js',
          extra: { severity: 'CRITICAL', message: 'm' },
        },
        { check_id: 'c', extra: { severity: 'constructor' } },
      ],
      errors: [{ message: 'parse error' }],
    });
    expect(summary.tool).toEqual({ name: 'Semgrep', version: '1.72.0' });
    expect(summary.topFindings).toEqual([
      { id: 'b', title: 'm', severity: 'critical', location: 'y.js' },
      { id: 'a', title: 'a', severity: 'low', location: 'x.js:1' },
      { id: 'c', title: 'c', severity: 'unknown' },
    ]);
  });

  it('names the path of a bad shape', () => {
    expect(() =>
      semgrepParser.parse({
        results: [{ check_id: 'a', extra: 'x' }],
        errors: [],
      }),
    ).toThrow(
      new ReportParseError(
        'results[0].extra: expected an object, got the text "x"',
      ),
    );
    expect(() => semgrepParser.parse({ results: {}, errors: [] })).toThrow(
      new ReportParseError('results: expected a list, got an object'),
    );
    expect(() => semgrepParser.parse([])).toThrow(ReportParseError);
  });

  it('detects its fixtures, and no other parser does', () => {
    expect(detectedBy(fixture('semgrep/many_vulns.json'))).toEqual(['semgrep']);
    expect(detectedBy(fixture('semgrep/empty.json'))).toEqual(['semgrep']);
    // OSV-Scanner also has `results`, but no `errors` and packages in its results.
    expect(
      semgrepParser.detect({ results: [{ source: {}, packages: [] }] }),
    ).toBe(false);
    expect(
      semgrepParser.detect({ version: '2.1.0', runs: [], results: [] }),
    ).toBe(false);
  });
});

describe(`${semgrepParser.format}: robustness`, () => {
  const checks = robustnessChecks(semgrepParser);
  it('gives a consistent summary or a ReportParseError for any JSON value', () =>
    checks.anyValue());
  it.each(FIXTURES)('survives structural mutations of %s', name =>
    checks.mutations(name),
  );
  it.each(FIXTURES)('survives truncated and edited text of %s', name =>
    checks.edits(name),
  );
});
