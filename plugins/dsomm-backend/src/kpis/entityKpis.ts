import {
  ActivityScore,
  EntityKpis,
  KPI_SEVERITIES,
  KpiSeverity,
  PerKpiSeverity,
  REPORT_CATEGORIES,
  ReportCategory,
} from '@dsomm/plugin-dsomm-common';
import { LifecycleFinding } from '../lifecycle/findingLifecycle';
import { shareCounts } from './groupKpis';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Categories whose findings are misconfigurations of infrastructure or images. */
const MISCONFIGURATION_CATEGORIES: ReadonlySet<string> = new Set([
  'iac',
  'container',
]);

type Finding = Pick<
  LifecycleFinding,
  'severity' | 'category' | 'firstSeenAt' | 'closedAt'
>;

/**
 * Mean days from first seen to closed, per severity, over the findings closed between
 * `from` and `now` (epoch ms); null for a severity with none.
 */
export function mttrDays(
  findings: readonly Finding[],
  from: number,
  now: number,
): PerKpiSeverity {
  const sums = new Map<KpiSeverity, { days: number; count: number }>();
  for (const f of findings) {
    if (f.closedAt === null) continue;
    const closed = Date.parse(f.closedAt);
    if (closed < from || closed > now) continue;
    const sum = sums.get(f.severity) ?? { days: 0, count: 0 };
    sum.days += (closed - Date.parse(f.firstSeenAt)) / DAY_MS;
    sum.count += 1;
    sums.set(f.severity, sum);
  }
  return perSeverity(s => {
    const sum = sums.get(s);
    return sum ? sum.days / sum.count : null;
  });
}

/**
 * Open findings first seen longer ago than their severity's SLA days; null for a severity
 * without an SLA.
 */
export function openPastSla(
  findings: readonly Finding[],
  slaDays: Partial<Record<KpiSeverity, number>>,
  now: number,
): PerKpiSeverity {
  const counts = new Map<KpiSeverity, number>();
  for (const f of findings) {
    const days = slaDays[f.severity];
    if (f.closedAt !== null || days === undefined) continue;
    // The same comparison as the SLA rules of the findings-based activities.
    if (now - Date.parse(f.firstSeenAt) > days * DAY_MS) {
      counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
    }
  }
  return perSeverity(s =>
    slaDays[s] === undefined ? null : counts.get(s) ?? 0,
  );
}

/**
 * Whether a finding counts as a critical misconfiguration: open, critical or high, of a report
 * that scanned infrastructure as code or images.
 */
export function isMisconfiguration(f: Finding): boolean {
  if (f.closedAt !== null) return false;
  if (f.severity !== 'critical' && f.severity !== 'high') return false;
  return f.category.split(',').some(c => MISCONFIGURATION_CATEGORIES.has(c));
}

/** Open critical and high findings of reports that scanned infrastructure as code or images. */
export function criticalMisconfigurations(
  findings: readonly Finding[],
): number {
  return findings.filter(isMisconfiguration).length;
}

/**
 * Of the implemented activities, the share that a report or an annotation rule proves (with
 * evidence still valid at `now`), as opposed to people's attestations alone; null when none
 * is implemented.
 */
export function automatedShare(
  activities: readonly Pick<ActivityScore, 'status' | 'evidence'>[],
  now: number,
): number | null {
  const { implemented, automated } = shareCounts(activities, now);
  return implemented === 0 ? null : automated / implemented;
}

/** Days since the latest scan of each category; null for one never scanned. */
export function daysSinceLastScan(
  scans: readonly { categories: readonly ReportCategory[]; at: string }[],
  now: number,
): Record<ReportCategory, number | null> {
  const latest = new Map<ReportCategory, number>();
  for (const scan of scans) {
    const at = Date.parse(scan.at);
    if (Number.isNaN(at)) continue;
    for (const c of scan.categories) {
      if (at > (latest.get(c) ?? -Infinity)) latest.set(c, at);
    }
  }
  return Object.fromEntries(
    REPORT_CATEGORIES.map(c => {
      const at = latest.get(c);
      return [c, at === undefined ? null : Math.max(0, now - at) / DAY_MS];
    }),
  ) as Record<ReportCategory, number | null>;
}

function perSeverity(value: (s: KpiSeverity) => number | null): PerKpiSeverity {
  return Object.fromEntries(
    KPI_SEVERITIES.map(s => [s, value(s)]),
  ) as PerKpiSeverity;
}

/** Days to two decimals: the API's precision. */
function roundDays(days: number | null): number | null {
  return days === null ? null : Math.round(days * 100) / 100;
}

/** An entity's KPIs from its tracked findings, activities and latest scans. */
export function entityKpis(input: {
  findings: readonly Finding[];
  activities: readonly Pick<ActivityScore, 'status' | 'evidence'>[];
  scans: readonly { categories: readonly ReportCategory[]; at: string }[];
  slaDays: Partial<Record<KpiSeverity, number>>;
  windowDays: number;
  now: Date;
}): EntityKpis {
  const now = input.now.getTime();
  const mttr = mttrDays(input.findings, now - input.windowDays * DAY_MS, now);
  const share = automatedShare(input.activities, now);
  const scans = daysSinceLastScan(input.scans, now);
  return {
    windowDays: input.windowDays,
    mttrDays: perSeverity(s => roundDays(mttr[s])),
    openPastSla: openPastSla(input.findings, input.slaDays, now),
    automatedShare: share === null ? null : Math.round(share * 1000) / 1000,
    criticalMisconfigurations: criticalMisconfigurations(input.findings),
    daysSinceLastScan: Object.fromEntries(
      REPORT_CATEGORIES.map(c => [c, roundDays(scans[c])]),
    ) as Record<ReportCategory, number | null>,
  };
}
