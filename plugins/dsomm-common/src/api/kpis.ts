import { ReportCategory } from '../reports/types';

/** Severities the finding KPIs are given for. */
export const KPI_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
/** A severity the finding KPIs are given for. */
export type KpiSeverity = (typeof KPI_SEVERITIES)[number];

/** One figure per KPI severity; null where there is nothing to measure. */
export type PerKpiSeverity = Record<KpiSeverity, number | null>;

/**
 * Outcome figures of an entity, measured from its findings' lifecycle (opened, closed,
 * reopened across reports of a tool) and its evidence. See the README's "KPIs" section.
 */
export interface EntityKpis {
  /** Days back from now that `mttrDays` looks at. */
  windowDays: number;
  /**
   * Mean days from first seen to closed, over the findings closed within the window, per
   * severity; null when none was closed.
   */
  mttrDays: PerKpiSeverity;
  /**
   * Open findings older than the SLA days of their severity; null for a severity that has no
   * SLA.
   */
  openPastSla: PerKpiSeverity;
  /**
   * Share (0..1) of the implemented activities that reports or annotation rules prove, as
   * opposed to people's attestations alone; null when none is implemented.
   */
  automatedShare: number | null;
  /** Open critical and high findings of reports scanning infrastructure as code or containers. */
  criticalMisconfigurations: number;
  /** Days since the latest scan of each category; null when the entity has none. */
  daysSinceLastScan: Record<ReportCategory, number | null>;
}
