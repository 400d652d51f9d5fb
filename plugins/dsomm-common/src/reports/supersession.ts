import { ReportCategory } from './types';

/**
 * What kind of scan a report is: its categories, sorted and joined (`iac,secrets`); empty for
 * a report that shows no scan. Stored with each report, so that the latest report of each tool
 * and kind can be found without reading every summary.
 */
export function scanKindOf(categories: readonly ReportCategory[]): string {
  return [...new Set(categories)].sort().join(',');
}

/** The part of a stored report that decides whether it is still current. */
export interface SupersedableReport {
  /** The tool, by name, and the categories the report proves. */
  summary: { tool: { name: string }; categories: readonly ReportCategory[] };
}

/** Up to this many reports (an entity's usual few), `currentOfFew` decides without sorting. */
const SMALL = 16;

/**
 * The reports that still count: a report is superseded by a later report of the same tool
 * that proves any of the same categories (the same kind of scan, or one that covers part of
 * it). Several scans of one tool in a pipeline (`trivy config`, `trivy fs --scanners secret`)
 * thus all count, while a later scan of one kind replaces the earlier one of that kind. A
 * report of no category is superseded by the next one of no category.
 *
 * `timeOf` orders the reports (later wins; ties keep the one listed first). The result keeps
 * the input's order.
 */
export function currentReports<T extends SupersedableReport>(
  reports: readonly T[],
  timeOf: (report: T) => string,
): T[] {
  if (reports.length <= SMALL) return currentOfFew(reports, timeOf);
  const newestFirst = reports
    .map((report, i) => ({ report, i, time: timeOf(report) }))
    .sort((a, b) => {
      if (a.time === b.time) return a.i - b.i;
      return a.time < b.time ? 1 : -1;
    });
  /** Per tool (any case), the categories later reports have proved. */
  const claimed = new Map<string, Set<string>>();
  const kept = new Set<number>();
  for (const { report, i } of newestFirst) {
    const tool = report.summary.tool.name.toLowerCase();
    let seen = claimed.get(tool);
    if (!seen) {
      seen = new Set();
      claimed.set(tool, seen);
    }
    // '' stands for "no category", so that such reports supersede one another.
    const categories =
      report.summary.categories.length > 0 ? report.summary.categories : [''];
    if (!categories.some(c => seen!.has(c))) kept.add(i);
    for (const c of categories) seen.add(c);
  }
  return reports.filter((_, i) => kept.has(i));
}

/**
 * `currentReports` for a few reports, pair by pair: a report is superseded exactly when a
 * report before it in the order above (later, or as late and listed first) of the same tool
 * proves one of its categories, which is what the walk over the sorted reports works out, but
 * without the sort, its entries and sets, which cost more than the pairs for a few reports.
 */
function currentOfFew<T extends SupersedableReport>(
  reports: readonly T[],
  timeOf: (report: T) => string,
): T[] {
  const n = reports.length;
  const tools: string[] = new Array(n);
  const times: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    tools[i] = reports[i].summary.tool.name.toLowerCase();
    times[i] = timeOf(reports[i]);
  }
  const kept: T[] = [];
  for (let i = 0; i < n; i++) {
    let superseded = false;
    for (let j = 0; j < n && !superseded; j++) {
      if (j === i || tools[j] !== tools[i]) continue;
      const before = times[j] === times[i] ? j < i : times[j] > times[i];
      if (
        before &&
        overlap(reports[i].summary.categories, reports[j].summary.categories)
      ) {
        superseded = true;
      }
    }
    if (!superseded) kept.push(reports[i]);
  }
  return kept;
}

/** Whether two reports prove a category in common; no category counts as one ('' above). */
function overlap(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return a.length === b.length;
  for (const c of a) if (b.includes(c)) return true;
  return false;
}
