import { isoTime, parsedTime } from './cachedTimes';

describe('parsedTime', () => {
  it('gives what Date.parse gives, again when cached', () => {
    const texts = [
      '2026-11-29T12:00:00Z',
      '2026-11-29T12:00:00.000Z',
      '2026-02-30T00:00:00Z',
      'not a time',
      '',
      '2026-06-01',
    ];
    for (const round of [1, 2]) {
      for (const text of texts) {
        expect([round, parsedTime(text)]).toEqual([round, Date.parse(text)]);
      }
    }
  });

  it('stays right past the size of its cache', () => {
    const start = Date.parse('2020-01-01T00:00:00Z');
    for (let i = 0; i < 45_000; i += 1) {
      const text = new Date(start + (i % 30_000) * 60_000).toISOString();
      expect(parsedTime(text)).toBe(start + (i % 30_000) * 60_000);
    }
  });
});

describe('isoTime', () => {
  it('gives what toISOString gives, for a time asked again or after another', () => {
    const times = [
      0, 1_700_000_000_000, 1_700_000_000_000, 1_700_000_000_001, 0,
    ];
    for (const ms of times) {
      expect(isoTime(new Date(ms))).toBe(new Date(ms).toISOString());
    }
  });

  it('throws for an invalid date, as toISOString does', () => {
    expect(() => isoTime(new Date(NaN))).toThrow(RangeError);
  });
});
