import {
  dayAfter,
  defaultExpiryText,
  earliestExpiryDay,
  latestExpiryDay,
} from './expiry';

const now = new Date('2026-11-29T12:00:00Z');

describe('expiry texts', () => {
  it('counts days from now', () => {
    expect(dayAfter(now, 365)).toBe('2027-11-29');
    expect(dayAfter(now, 1)).toBe('2026-11-30');
  });

  it('says when an empty expiry ends', () => {
    expect(defaultExpiryText(now, 365)).toBe(
      'Leave empty: expires on 2027-11-29, in 365 days',
    );
    expect(defaultExpiryText(now, 1)).toBe(
      'Leave empty: expires on 2026-11-30, in 1 day',
    );
  });

  it('offers days from tomorrow to the last day within the limit', () => {
    expect(earliestExpiryDay(now)).toBe('2026-11-30');
    // 1095 days ahead is 2029-11-28 at noon: that day's midnight is still within it.
    expect(latestExpiryDay(now, 1095)).toBe('2029-11-28');
  });
});
