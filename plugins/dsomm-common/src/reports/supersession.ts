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
