import { DsommBackendConfig } from '../config/readDsommConfig';

const DAY_MS = 24 * 60 * 60 * 1000;

/** An ISO 8601 date-time as the plugin stores them (`2026-11-30T12:00:00.000Z`, or a date). */
const ISO_TIME = /^\d{4}-\d\d-\d\d(?:T|$)/;

/**
 * Changes from year 10000 on count as never: their ISO text would no longer sort with the
 * others (and a stored time that far out is a mistake, not a deadline).
 */
const LAST_MS = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * Every span of days after which time alone can change a score or what its owner is told:
 * evidence ageing, finding SLAs (global and per tier), the KPI window, the expiry warning.
 * Scoring compares `now` with stored times shifted by one of these, and with nothing else.
 */
export function scoringOffsetsMs(
  config: DsommBackendConfig,
  kpiWindowDays?: number,
): number[] {
  const days = new Set<number>([0]);
  const add = (value: number | undefined) => {
    if (typeof value === 'number' && Number.isFinite(value)) days.add(value);
  };
  Object.values(config.evidence.maxAgeDays).forEach(add);
  Object.values(config.reports.findingSlaDays).forEach(add);
  for (const tier of Object.values(config.reports.findingSlaDaysByTier)) {
    Object.values(tier).forEach(add);
  }
  add(kpiWindowDays);
  add(config.notifications.expiryWarningDays);
  return withSpansOfDays([], days);
}

/**
 * `offsetsMs` and both sides of each of `days` (a time a span before or after a stored time:
 * warned before an expiry, past an SLA after a first sighting), sorted, each once.
 */
export function withSpansOfDays(
  offsetsMs: readonly number[],
  days: Iterable<number>,
): number[] {
  const offsets = new Set<number>(offsetsMs);
  offsets.add(0);
  for (const d of days) {
    if (!Number.isFinite(d)) continue;
    offsets.add(d * DAY_MS);
    offsets.add(-d * DAY_MS);
  }
  return [...offsets].sort((a, b) => a - b);
}

/**
 * Adds every date-time string found in `value` (any depth) to `into`. Strings are collected
 * rather than parsed, so the thousands of findings that share a first-seen time cost one
 * parse later.
 */
export function collectTimes(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    // Most strings are names and keys: the first character rules them out before the pattern.
    const first = value.charCodeAt(0);
    if (first >= 48 && first <= 57 && ISO_TIME.test(value)) into.add(value);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectTimes(item, into);
    return;
  }
  for (const key of Object.keys(value)) {
    collectTimes((value as Record<string, unknown>)[key], into);
  }
}

/**
 * The earliest instant after `nowMs` at which one of `times` shifted by one of `offsetsMs`
 * falls: before it, no comparison of `now` with a stored time can come out otherwise than it
 * did at `nowMs`, so the same inputs give the same score. Undefined: never by time alone.
 */
export function nextChangeAfter(
  times: Iterable<string>,
  offsetsMs: readonly number[],
  nowMs: number,
): number | undefined {
  let next = Infinity;
  for (const text of times) {
    const t = Date.parse(text);
    if (Number.isNaN(t)) continue;
    // Offsets are sorted: the first one past now is this time's earliest change. A span that
    // ends right now still counts (scoring asks "more than d days ago": true just after now);
    // the time itself does not (an expiry at now has already taken effect).
    for (const offset of offsetsMs) {
      const at = t + offset;
      if (offset === 0 ? at > nowMs : at >= nowMs) {
        if (at < next) next = at;
        break;
      }
    }
  }
  return next > LAST_MS ? undefined : next;
}
