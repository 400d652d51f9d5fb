const DAY_MS = 24 * 60 * 60 * 1000;

/** The day `days` after `now`, as a date input holds it (YYYY-MM-DD, UTC as the backend counts). */
export function dayAfter(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** What an empty expiry field means, e.g. `Leave empty: expires on 2027-11-29, in 365 days`. */
export function defaultExpiryText(now: Date, days: number): string {
  return `Leave empty: expires on ${dayAfter(now, days)}, in ${days} day${
    days === 1 ? '' : 's'
  }`;
}

/**
 * The latest day a date input may offer: the backend refuses an expiry more than `maxDays`
 * ahead; a day is sent as its midnight (UTC), which is never later than now plus `maxDays`.
 */
export function latestExpiryDay(now: Date, maxDays: number): string {
  return dayAfter(now, maxDays);
}

/** The first day a date input may offer: an expiry must lie ahead. */
export function earliestExpiryDay(now: Date): string {
  return dayAfter(now, 1);
}
