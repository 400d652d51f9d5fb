import { KPI_SEVERITIES, KpiSeverity } from '@dsomm/plugin-dsomm-common';
import { KpiFindingSums } from '../kpis/groupKpis';

/** Columns of a score holding its findings' KPI sums for one severity. */
export function kpiSeverityColumns(severity: KpiSeverity) {
  return {
    closedCount: `closed_count_${severity}`,
    closedDays: `closed_days_${severity}`,
    openPastSla: `past_sla_${severity}`,
  };
}

/**
 * A score row's KPI columns: its findings' sums per severity as of the score, over a window
 * of `windowDays`; all null when they were not measured.
 */
export function kpiSumColumns(
  sums: KpiFindingSums[] | undefined,
  windowDays: number | undefined,
): Record<string, number | null> {
  const columns: Record<string, number | null> = {
    kpi_window_days: sums ? windowDays ?? null : null,
    misconfigurations: sums
      ? sums.reduce((n, s) => n + s.criticalMisconfigurations, 0)
      : null,
  };
  for (const severity of KPI_SEVERITIES) {
    const names = kpiSeverityColumns(severity);
    const of = sums?.find(s => s.severity === severity);
    columns[names.closedCount] = sums ? of?.closedCount ?? 0 : null;
    columns[names.closedDays] = sums ? of?.closedDays ?? 0 : null;
    columns[names.openPastSla] = sums ? of?.openPastSla ?? 0 : null;
  }
  return columns;
}

/** A daily snapshot's KPI columns: the sums over all severities; null when not measured. */
export function kpiSnapshotColumns(sums: KpiFindingSums[] | undefined) {
  const add = (pick: (s: KpiFindingSums) => number) =>
    sums ? sums.reduce((n, s) => n + pick(s), 0) : null;
  return {
    open_past_sla: add(s => s.openPastSla),
    critical_misconfigurations: add(s => s.criticalMisconfigurations),
    closed_count: add(s => s.closedCount),
    closed_days: add(s => s.closedDays),
  };
}
