import { ReportParseError } from '../ReportParseError';
import { banditParser } from './bandit';
import { semgrepParser } from './semgrep';
import {
  robustnessChecks,
  detectedBy,
  fixture,
} from './__testUtils__/robustness';

const FIXTURE = 'bandit/bandit_1.6.2_apt.json';

const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0, unknown: 0 };

describe('banditParser', () => {
  it('reads a real bandit 1.6.2 report', () => {
    const summary = banditParser.parse(fixture(FIXTURE));
    // Counted with python3: Counter(r['issue_severity'] for r in doc['results'])
    // == {LOW: 23, HIGH: 3, MEDIUM: 1}; the same as the report's metrics._totals.
    expect(summary.counts).toEqual({ ...zero, high: 3, medium: 1, low: 23 });
    expect(summary.totalFindings).toBe(27);
    expect(summary.format).toBe('bandit');
    expect(summary.tool).toEqual({ name: 'Bandit' });
    expect(summary.categories).toEqual(['sast']);
    expect(summary.scannedAt).toBe('2026-11-29T18:28:28.000Z');
    expect(summary.topFindings).toHaveLength(20);
    // Most severe first: the three B322 (input) findings, then the B310 (urlopen) one.
    expect(summary.topFindings.slice(0, 4).map(f => f.id)).toEqual([
      'B322',
      'B322',
      'B322',
      'B310',
    ]);
    expect(summary.topFindings[0]).toEqual({
      id: 'B322',
      title: expect.stringMatching(/^The input method in Python 2 will read/),
      severity: 'high',
      location: '/usr/lib/python3/dist-packages/apt/progress/text.py:258',
    });
    expect(summary.topFindings[4]).toEqual({
      id: 'B404',
      title:
        'Consider possible security implications associated with subprocess module.',
      severity: 'low',
      location: '/usr/lib/python3/dist-packages/apt/auth.py:33',
    });
    // No finding is left without a severity or a title (Semgrep's parser gave 'unknown').
    expect(summary.counts.unknown).toBe(0);
    expect(summary.findingKeys?.high).toEqual([
      'B322|/usr/lib/python3/dist-packages/apt/progress/text.py:258',
      'B322|/usr/lib/python3/dist-packages/apt/progress/text.py:297',
      'B322|/usr/lib/python3/dist-packages/apt/progress/text.py:314',
    ]);
  });

  it('reads an empty report, and names the test when the text is missing', () => {
    const empty = {
      errors: [],
      generated_at: 'not a time',
      metrics: { _totals: { loc: 0, nosec: 0 } },
      results: [],
    };
    expect(detectedBy(empty)).toEqual(['bandit']);
    const summary = banditParser.parse(empty);
    expect(summary.totalFindings).toBe(0);
    expect(summary.scannedAt).toBeUndefined();
    expect(
      banditParser.parse({
        results: [
          {
            test_id: 'B105',
            test_name: 'hardcoded_password_string',
            issue_severity: 'UNDEFINED',
          },
        ],
      }).topFindings,
    ).toEqual([
      { id: 'B105', title: 'hardcoded_password_string', severity: 'unknown' },
    ]);
  });

  it('names the path of a bad shape', () => {
    expect(() =>
      banditParser.parse({ results: [{ test_id: 'B1' }, 'x'] }),
    ).toThrow(
      new ReportParseError('results[1]: expected an object, got the text "x"'),
    );
    expect(() => banditParser.parse({ results: {}, errors: [] })).toThrow(
      new ReportParseError('results: expected a list, got an object'),
    );
  });

  it('detects its fixture, and no other parser does', () => {
    expect(detectedBy(fixture(FIXTURE))).toEqual(['bandit']);
    expect(semgrepParser.detect(fixture(FIXTURE))).toBe(false);
    // Semgrep's reports, with and without findings, are not Bandit's.
    expect(detectedBy(fixture('semgrep/many_vulns.json'))).toEqual(['semgrep']);
    expect(detectedBy(fixture('semgrep/empty.json'))).toEqual(['semgrep']);
    expect(banditParser.detect({ results: [], errors: [] })).toBe(false);
  });
});

describe(`${banditParser.format}: robustness`, () => {
  const checks = robustnessChecks(banditParser);
  it('gives a consistent summary or a ReportParseError for any JSON value', () =>
    checks.anyValue());
  it('survives structural mutations of the fixture', () =>
    checks.mutations(FIXTURE));
  it('survives truncated and edited text of the fixture', () =>
    checks.edits(FIXTURE));
});
