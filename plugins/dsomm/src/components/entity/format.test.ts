import {
  errorMessage,
  formatDay,
  formatScore,
  formatTime,
  isHttpUrl,
} from './format';
import { historySummary } from './historySummary';
import { responseError } from './__testUtils__/fixtures';

describe('format helpers', () => {
  it('formats days, times and scores', () => {
    expect(formatDay('2026-11-23T10:29:41.510Z')).toBe('2026-11-23');
    expect(formatTime('2026-11-23T10:29:41.510Z')).toBe('2026-11-23 10:29 UTC');
    expect(formatDay('soon')).toBe('soon');
    expect(formatScore(29.345)).toBe('29.3');
    expect(formatScore(100)).toBe('100');
  });

  it('accepts only http(s) URLs as links', () => {
    expect(isHttpUrl('https://ci.example.com/run/1')).toBe(true);
    expect(isHttpUrl('examples/reports/zap.json')).toBe(false);
    expect(isHttpUrl('ftp://files.example.com/evidence.pdf')).toBe(false);
    expect(isHttpUrl(undefined)).toBe(false);
  });

  it('shows the backend message of a failed call with its status', async () => {
    const error = await responseError(
      403,
      'Forbidden',
      'Missing permission dsomm.waiver.manage',
    );
    expect(errorMessage(error)).toBe(
      'Missing permission dsomm.waiver.manage (403 Forbidden)',
    );
    expect(errorMessage(new Error('offline'))).toBe('offline');
  });
});

describe('historySummary', () => {
  const point = (day: string, overallLevel: 0 | 1 | 2, score: number) => ({
    day,
    overallLevel,
    score,
    meetsTarget: overallLevel >= 1,
    dimensionLevels: {},
  });

  it('says how level and score developed', () => {
    expect(historySummary([])).toBe('No score history yet.');
    expect(historySummary([point('2026-11-23', 2, 29.3)])).toBe(
      '1 day (2026-11-23): level 2, score 29.3. It met its target on 2026-11-23.',
    );
    expect(
      historySummary([point('2026-11-01', 1, 20), point('2026-11-02', 1, 20)]),
    ).toBe(
      '2 days from 2026-11-01 to 2026-11-02: level stayed at 1, score stayed at 20. It met its target on 2026-11-02.',
    );
    expect(
      historySummary([point('2026-11-01', 1, 20), point('2026-11-02', 0, 5)]),
    ).toBe(
      '2 days from 2026-11-01 to 2026-11-02: level went from 1 to 0, score went from 20 to 5. It did not meet its target on 2026-11-02.',
    );
  });
});
