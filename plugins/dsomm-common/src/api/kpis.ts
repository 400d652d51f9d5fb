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

/**
 * Outcome figures of a scorecard group or of every component the caller may see, aggregated
 * over the components (not averaged over their KPIs): MTTR is the mean over all of their
 * findings closed in the window, open past SLA and critical misconfigurations are sums (each
 * component's findings against its own tier's SLA), and the automated share is over all of
 * their implemented activities.
 */
export interface GroupKpis {
  /** Days back from now that `mttrDays` looks at. */
  windowDays: number;
  mttrDays: PerKpiSeverity;
  openPastSla: PerKpiSeverity;
  automatedShare: number | null;
  criticalMisconfigurations: number;
}

/**
 * The KPIs of one day of the scorecard trend, from the daily snapshots of the matching
 * components; null where no snapshot of that day measured it.
 */
export interface TrendKpis {
  /** Open findings past their SLA, all severities together. */
  openPastSla: number | null;
  criticalMisconfigurations: number | null;
  automatedShare: number | null;
  /** Mean days to fix over the findings closed in the window before that day, all severities. */
  mttrDays: number | null;
}
