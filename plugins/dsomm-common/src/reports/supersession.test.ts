import fc from 'fast-check';
import { currentReports, scanKindOf } from './supersession';
import { ReportCategory } from './types';

function report(
  id: string,
  tool: string,
  at: string,
  categories: ReportCategory[],
) {
  return { id, at, summary: { tool: { name: tool }, categories } };
}
const current = (reports: ReturnType<typeof report>[]) =>
  currentReports(reports, r => r.at).map(r => r.id);

describe('scanKindOf', () => {
  it('is the sorted, distinct categories', () => {
    expect(scanKindOf(['secrets', 'iac', 'secrets'])).toBe('iac,secrets');
    expect(scanKindOf([])).toBe('');
  });
});

describe('currentReports', () => {
  it('keeps scans of different kinds by one tool, and lets a later one of a kind replace it', () => {
    const secrets = report('secrets', 'Trivy', '2026-01-01', ['secrets']);
    const config = report('config', 'Trivy', '2026-01-02', ['iac']);
    expect(current([secrets, config])).toEqual(['secrets', 'config']);
    const secretsAgain = report('again', 'trivy', '2026-01-03', ['secrets']);
    expect(current([secretsAgain, secrets, config])).toEqual([
      'again',
      'config',
    ]);
  });

  it('lets a later scan that covers part of an earlier one replace it', () => {
    // `trivy fs` found a secret, then the secret was removed: the later scan shows only
    // dependencies, and the earlier one's secret no longer counts.
    const both = report('both', 'Trivy', '2026-01-01', ['sca', 'secrets']);
    const sca = report('sca', 'Trivy', '2026-01-02', ['sca']);
    expect(current([both, sca])).toEqual(['sca']);
    // The other way round, the earlier narrower scan is replaced too.
    const later = report('later', 'Trivy', '2026-01-03', ['sca', 'secrets']);
    expect(current([sca, later])).toEqual(['later']);
  });

  it('never lets one tool supersede another, and orders by time, not by position', () => {
    const a = report('a', 'Semgrep', '2026-01-02', ['sast']);
    const b = report('b', 'Bandit', '2026-01-01', ['sast']);
    const c = report('c', 'Semgrep', '2026-01-01', ['sast']);
    expect(current([c, a, b])).toEqual(['a', 'b']);
    // Same time: the one listed first wins.
    const d = report('d', 'Semgrep', '2026-01-02', ['sast']);
    expect(current([d, a])).toEqual(['d']);
  });

  it('lets reports of no category supersede only one another', () => {
    const none1 = report('none1', 'SARIF', '2026-01-01', []);
    const none2 = report('none2', 'SARIF', '2026-01-02', []);
    const sast = report('sast', 'SARIF', '2026-01-03', ['sast']);
    expect(current([none1, none2, sast])).toEqual(['none2', 'sast']);
  });
});

describe('currentReports against a plain walk over the sorted reports', () => {
  interface R {
    summary: { tool: { name: string }; categories: ReportCategory[] };
    at: string;
  }
  /** The rule as documented: newest first, each superseded by a category claimed before. */
  function plainCurrent(reports: R[]): R[] {
    const order = reports
      .map((r, i) => ({ r, i }))
      .sort((a, b) => {
        if (a.r.at === b.r.at) return a.i - b.i;
        return a.r.at < b.r.at ? 1 : -1;
      });
    const claimed = new Map<string, Set<string>>();
    const kept = new Set<number>();
    for (const { r, i } of order) {
      const tool = r.summary.tool.name.toLowerCase();
      const seen = claimed.get(tool) ?? new Set<string>();
      claimed.set(tool, seen);
      const cats = r.summary.categories.length ? r.summary.categories : [''];
      if (!cats.some(c => seen.has(c))) kept.add(i);
      cats.forEach(c => seen.add(c));
    }
    return reports.filter((_, i) => kept.has(i));
  }

  const anyReport = fc.record({
    summary: fc.record({
      tool: fc.record({ name: fc.constantFrom('Trivy', 'trivy', 'Semgrep') }),
      categories: fc.subarray<ReportCategory>(['sca', 'iac', 'secrets']),
    }),
    at: fc.constantFrom('2026-01-01', '2026-02-01', '2026-03-01'),
  });

  it('keeps the same reports, for few reports and for many', () => {
    fc.assert(
      fc.property(fc.array(anyReport, { maxLength: 40 }), reports => {
        expect(currentReports(reports, r => r.at)).toEqual(
          plainCurrent(reports),
        );
      }),
      { numRuns: 500 },
    );
  });
});
