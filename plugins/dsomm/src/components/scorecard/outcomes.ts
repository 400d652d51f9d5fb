import {
  GroupKpis,
  KPI_SEVERITIES,
  ScorecardTrendPoint,
  TrendKpis,
} from '@dsomm/plugin-dsomm-common';
import { formatPercent } from './format';

/** Open findings past SLA over every severity that has one; null when none has. */
export function openPastSlaTotal(
  kpis: Pick<GroupKpis, 'openPastSla'>,
): number | null {
  const counts = KPI_SEVERITIES.map(s => kpis.openPastSla[s]).filter(
    (n): n is number => n !== null,
  );
  return counts.length === 0 ? null : counts.reduce((a, b) => a + b, 0);
}

/** "critical 2 · high 5 · medium 0" (severities without an SLA left out). */
export function openPastSlaDetail(
  kpis: Pick<GroupKpis, 'openPastSla'>,
): string {
  return KPI_SEVERITIES.filter(s => kpis.openPastSla[s] !== null)
    .map(s => `${s} ${kpis.openPastSla[s]}`)
    .join(' · ');
}

/** "critical 3.5 d · high – · ..." : the mean days to fix per severity. */
export function mttrDetail(kpis: GroupKpis): string {
  return KPI_SEVERITIES.map(s => {
    const days = kpis.mttrDays[s];
    return `${s} ${days === null ? '–' : `${Math.round(days * 10) / 10} d`}`;
  }).join(' · ');
}

/** How one KPI moved over the trend: from its first measured day to its last. */
export interface KpiChange {
  from: { day: string; value: number };
  to: { day: string; value: number };
}

/** The change of `pick` over the days that measured it; undefined with fewer than two. */
export function kpiChange(
  points: ScorecardTrendPoint[],
  pick: (kpis: TrendKpis) => number | null,
): KpiChange | undefined {
  const measured = points.flatMap(p => {
    const value = p.kpis ? pick(p.kpis) : null;
    return value === null ? [] : [{ day: p.day, value }];
  });
  if (measured.length < 2) return undefined;
  return { from: measured[0], to: measured[measured.length - 1] };
}

/**
 * The change in words with an arrow, e.g. "↑ 3 since 2026-11-01"; a share in percentage
 * points. Whether up is good is the reader's to judge: the words say which way it went.
 */
export function changeText(
  change: KpiChange | undefined,
  share = false,
): string | undefined {
  if (!change) return undefined;
  const delta = share
    ? Math.round((change.to.value - change.from.value) * 100)
    : Math.round((change.to.value - change.from.value) * 10) / 10;
  const since = `since ${change.from.day}`;
  if (delta === 0) return `→ unchanged ${since}`;
  const amount = share ? `${Math.abs(delta)} points` : String(Math.abs(delta));
  return `${delta > 0 ? '↑ up' : '↓ down'} ${amount} ${since} (was ${
    share ? formatPercent(change.from.value) : change.from.value
  })`;
}
