const MAX_CACHED = 20_000;
let parsed = new Map<string, number>();

/**
 * `Date.parse` of times that recur: a recompute parses the same few observation and expiry
 * times (its own start, a scope's attestations, a report's scan) for thousands of entities,
 * and parsing an ISO string costs far more than looking it up. Date.parse is pure for a given
 * string, so a cached result is the same number (NaN included).
 */
export function parsedTime(text: string): number {
  let ms = parsed.get(text);
  if (ms === undefined) {
    ms = Date.parse(text);
    // Dropped whole when full: a run's times recur, and the next entities refill it.
    if (parsed.size >= MAX_CACHED) parsed = new Map();
    parsed.set(text, ms);
  }
  return ms;
}

let lastMs = NaN;
let lastIso = '';

/**
 * `date.toISOString()`, made once for a run of calls with the same time: scoring asks for
 * the time of its run several times per entity. (Throws, like toISOString, for an invalid date.)
 */
export function isoTime(date: Date): string {
  const ms = date.getTime();
  if (ms !== lastMs) {
    lastIso = date.toISOString();
    lastMs = ms;
  }
  return lastIso;
}
