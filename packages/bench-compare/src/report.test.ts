import { compareTable, ratio } from './report';
import { SideResult } from './side';
import { median, percentile } from './stats';

function result(
  side: SideResult['side'],
  scale: number,
  extra: Partial<SideResult> = {},
): SideResult {
  return {
    side,
    jobFirstMs: 1000 * scale,
    jobSecondMs: 900 * scale,
    jobFirstCpuMs: 800 * scale,
    jobSecondCpuMs: 700 * scale,
    entityP50Ms: 2 * scale,
    orgViewMs: 30 * scale,
    peakRssMb: 300 * scale,
    ...extra,
  };
}

describe('stats', () => {
  it('takes medians and nearest-rank percentiles', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([5, 1, 4, 2, 3], 100)).toBe(5);
    expect(() => median([])).toThrow('median of no values');
  });
});

describe('ratio', () => {
  it('says ours divided by theirs, and which way in words', () => {
    expect(ratio(1, 4)).toBe('0.25 (4.0x faster)');
    expect(ratio(3, 2)).toBe('1.50 (1.5x slower)');
    expect(ratio(300, 600, ['smaller', 'larger'])).toBe('0.50 (2.0x smaller)');
  });
});

describe('compareTable', () => {
  it('prints each measure as the medians of ours / theirs with the ratio, then the raw rounds', () => {
    const dsomm = [result('dsomm', 1), result('dsomm', 3), result('dsomm', 2)];
    const ti = [1, 2, 4].map(s =>
      result('techInsights', s, {
        orgViewMs: 50_000 * s,
        peakRssMb: 600 * s,
        orgViewExtrapolatedFrom: 100,
      }),
    );
    const table = compareTable('postgres', 10_000, dsomm, ti);
    expect(table).toContain(
      '### PostgreSQL, 10000 components, 3 rounds (medians)',
    );
    expect(table).toContain(
      '| scheduled job, first run | 2.00 s / 2.00 s | 1.00 (1.0x faster) |',
    );
    expect(table).toContain(
      '| peak RSS | 600 MB / 1200 MB | 0.50 (2.0x smaller) |',
    );
    expect(table).toContain('| one entity, p50 | 4.0 ms / 4.0 ms |');
    expect(table).toContain(
      '| org view (Tech Insights extrapolated from 100 of 10000) | 60.0 ms / 100 s | 0.00 (1666.7x faster) |',
    );
    // Two raw rows a round, ours first.
    expect(table).toContain(
      '| 2 | DSOMM | 3000 (2400) | 2700 (2100) | 900 | 6.0 | 90 |',
    );
    expect(table).toContain(
      '| 3 | Tech Insights | 4000 (3200) | 3600 (2800) | 2400 | 8.0 | 200000 (extrapolated) |',
    );
  });
});
