import { ConfigReader } from '@backstage/config';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { readDsommConfig } from '../config/readDsommConfig';
import {
  collectTimes,
  nextChangeAfter,
  scoringOffsetsMs,
  withSpansOfDays,
} from './timeThresholds';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse('2026-06-01T12:00:00.000Z');

describe('scoringOffsetsMs', () => {
  it('holds both sides of every configured span of days, and zero', () => {
    const config = readDsommConfig(
      new ConfigReader({
        dsomm: {
          evidence: { maxAgeDays: { report: 30 } },
          reports: { findingSlaDays: { critical: 2 } },
          targets: {
            tiers: { gold: { level: 3, findingSlaDays: { high: 5 } } },
          },
          notifications: { expiryWarningDays: 10 },
        },
      }),
      getBuiltInModel(),
    );
    const days = scoringOffsetsMs(config, 90).map(ms => ms / DAY);
    for (const d of [0, 30, -30, 2, -2, 5, -5, 10, -10, 90, -90]) {
      expect(days).toContain(d);
    }
    expect([...days].sort((a, b) => a - b)).toEqual(days);
    expect(new Set(days).size).toBe(days.length);
  });
});

describe('withSpansOfDays', () => {
  it('adds both sides of each span, sorted, each once', () => {
    expect(
      withSpansOfDays([DAY], [1, 3, Number.NaN]).map(x => x / DAY),
    ).toEqual([-3, -1, 0, 1, 3]);
  });
});

describe('collectTimes', () => {
  it('finds date-times and dates at any depth, and nothing else', () => {
    const found = new Set<string>();
    collectTimes(
      {
        observedAt: '2026-05-01T00:00:00.000Z',
        nested: [{ day: '2026-05-02' }, 'not 2026-05-03', 7, null],
        key: 'CVE-2026-0001',
      },
      found,
    );
    expect([...found].sort()).toEqual([
      '2026-05-01T00:00:00.000Z',
      '2026-05-02',
    ]);
  });
});

describe('nextChangeAfter', () => {
  const offsets = withSpansOfDays([], [1, 7]);

  it('is the earliest stored time shifted by a span that is still ahead', () => {
    const times = [
      new Date(NOW - 3 * DAY).toISOString(), // +7 days: in 4 days
      new Date(NOW - 12 * 60 * 60 * 1000).toISOString(), // +1 day: in 12 hours
      new Date(NOW + 2 * DAY).toISOString(), // -1 day: in 1 day
    ];
    expect(nextChangeAfter(times, offsets, NOW)).toBe(
      NOW + 12 * 60 * 60 * 1000,
    );
  });

  it('counts a span that ends right now (it flips just after), not a time that is now', () => {
    expect(
      nextChangeAfter([new Date(NOW - DAY).toISOString()], offsets, NOW),
    ).toBe(NOW);
    expect(nextChangeAfter([new Date(NOW).toISOString()], [0], NOW)).toBe(
      undefined,
    );
  });

  it('is undefined when every shifted time has passed, for unreadable times, and past year 9999', () => {
    expect(
      nextChangeAfter([new Date(NOW - 30 * DAY).toISOString()], offsets, NOW),
    ).toBeUndefined();
    expect(nextChangeAfter(['2026-99-99'], offsets, NOW)).toBeUndefined();
    expect(
      nextChangeAfter(['9999-12-31T00:00:00.000Z'], [2 * DAY], NOW),
    ).toBeUndefined();
  });
});
