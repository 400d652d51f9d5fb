import {
  ActivityScore,
  GroupKpis,
  KPI_SEVERITIES,
  KpiSeverity,
  PerKpiSeverity,
  parsedTime,
} from '@dsomm/plugin-dsomm-common';
import { LifecycleFinding } from '../lifecycle/findingLifecycle';
import { isMisconfiguration } from './entityKpis';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Additive figures of some findings of one severity: what the group and org KPIs are made of.
 * Sums add up across components, so a group's KPIs come from its components' sums without
 * reading each finding again (the store computes them in one query).
 */
export interface KpiFindingSums {
  severity: KpiSeverity;
  /** Findings closed within the window. */
  closedCount: number;
  /** Their days from first seen to closed, added up. */
  closedDays: number;
  /** Open findings older than their component's SLA days for this severity. */
  openPastSla: number;
  /** Open findings counted as critical misconfigurations (see `criticalMisconfigurations`). */
  criticalMisconfigurations: number;
}

/** Implemented activities and those of them a report or an annotation rule proves. */
export interface KpiShareCounts {
  implemented: number;
  automated: number;
}

/** SLA days per severity of each tier, and those of components of any other tier or none. */
export interface KpiSlaDays {
  byTier: Record<string, Partial<Record<KpiSeverity, number>>>;
  default: Partial<Record<KpiSeverity, number>>;
}

/** The SLA days of a component of `tier`, as findingSlaDaysFor chooses them. */
export function slaDaysOfTier(
  sla: KpiSlaDays,
  tier: string | undefined,
): Partial<Record<KpiSeverity, number>> {
  return tier !== undefined && Object.hasOwn(sla.byTier, tier)
    ? sla.byTier[tier]
    : sla.default;
}

/** Severities that some tier's (or the default) SLA covers. */
export function slaSeveritiesOf(sla: KpiSlaDays): Set<KpiSeverity> {
  const severities = new Set<KpiSeverity>();
  for (const days of [sla.default, ...Object.values(sla.byTier)]) {
    for (const s of KPI_SEVERITIES)
      if (days[s] !== undefined) severities.add(s);
  }
  return severities;
}

type Finding = Pick<
  LifecycleFinding,
  'severity' | 'category' | 'firstSeenAt' | 'closedAt'
>;

/**
 * The sums, per severity, of one component's findings: `slaDays` are its tier's, the window
 * runs from `from` to `now` (epoch ms). The same rules as the entity KPIs.
 */
export function findingSums(
  findings: readonly Finding[],
  slaDays: Partial<Record<KpiSeverity, number>>,
  from: number,
  now: number,
): KpiFindingSums[] {
  const bySeverity = new Map<KpiSeverity, KpiFindingSums>();
  for (const f of findings) {
    let sums = bySeverity.get(f.severity);
    if (!sums) {
      sums = {
        severity: f.severity,
        closedCount: 0,
        closedDays: 0,
        openPastSla: 0,
        criticalMisconfigurations: 0,
      };
      bySeverity.set(f.severity, sums);
    }
    if (f.closedAt !== null) {
      const closed = Date.parse(f.closedAt);
      if (closed >= from && closed <= now) {
        sums.closedCount += 1;
        sums.closedDays += (closed - Date.parse(f.firstSeenAt)) / DAY_MS;
      }
      continue;
    }
    const days = slaDays[f.severity];
    if (days !== undefined && now - Date.parse(f.firstSeenAt) > days * DAY_MS) {
      sums.openPastSla += 1;
    }
    if (isMisconfiguration(f)) sums.criticalMisconfigurations += 1;
  }
  return [...bySeverity.values()];
}

/** Adds sums up per severity. */
export function addFindingSums(
  ...lists: readonly (readonly KpiFindingSums[])[]
): KpiFindingSums[] {
  const bySeverity = new Map<KpiSeverity, KpiFindingSums>();
  for (const list of lists) {
    for (const s of list) {
      const into = bySeverity.get(s.severity);
      if (!into) {
        bySeverity.set(s.severity, { ...s });
        continue;
      }
      into.closedCount += s.closedCount;
      into.closedDays += s.closedDays;
      into.openPastSla += s.openPastSla;
      into.criticalMisconfigurations += s.criticalMisconfigurations;
    }
  }
  return [...bySeverity.values()];
}

/** Implemented activities and automated ones among them, with evidence valid at `now`. */
export function shareCounts(
  activities: readonly Pick<ActivityScore, 'status' | 'evidence'>[],
  now: number,
): KpiShareCounts {
  let implemented = 0;
  let automated = 0;
  for (const a of activities) {
    if (a.status !== 'implemented') continue;
    implemented += 1;
    const byTool = a.evidence.some(
      e =>
        e.source !== 'attestation' &&
        // Report evidence of one scan shares its expiry across activities and components.
        (e.expiresAt === undefined || parsedTime(e.expiresAt) > now),
    );
    if (byTool) automated += 1;
  }
  return { implemented, automated };
}

/**
 * A group's KPIs from the sums of its components' findings and activities. `slaSeverities`:
 * the severities some SLA applies to (the others answer null, as for one entity).
 */
export function groupKpis(input: {
  sums: readonly KpiFindingSums[];
  share: KpiShareCounts;
  slaSeverities: ReadonlySet<KpiSeverity>;
  windowDays: number;
}): GroupKpis {
  const total = addFindingSums(input.sums);
  const of = (s: KpiSeverity) => total.find(t => t.severity === s);
  const perSeverity = (value: (s: KpiSeverity) => number | null) =>
    Object.fromEntries(
      KPI_SEVERITIES.map(s => [s, value(s)]),
    ) as PerKpiSeverity;
  const { implemented, automated } = input.share;
  return {
    windowDays: input.windowDays,
    mttrDays: perSeverity(s => {
      const sums = of(s);
      return sums && sums.closedCount > 0
        ? Math.round((sums.closedDays / sums.closedCount) * 100) / 100
        : null;
    }),
    openPastSla: perSeverity(s =>
      input.slaSeverities.has(s) ? of(s)?.openPastSla ?? 0 : null,
    ),
    automatedShare:
      implemented === 0
        ? null
        : Math.round((automated / implemented) * 1000) / 1000,
    criticalMisconfigurations: total.reduce(
      (n, s) => n + s.criticalMisconfigurations,
      0,
    ),
  };
}

/** The SLA days of the config: each tier's (dsomm.targets.tiers.<tier>.findingSlaDays), else the global ones. */
export function kpiSlaDaysOf(reports: {
  findingSlaDays: Partial<Record<KpiSeverity, number>>;
  findingSlaDaysByTier: Record<string, Partial<Record<KpiSeverity, number>>>;
}): KpiSlaDays {
  return {
    byTier: reports.findingSlaDaysByTier,
    default: reports.findingSlaDays,
  };
}

/**
 * KPIs per group from the store's per-group rows (`key` null: rows without a value), and for
 * all of them together. `unassigned` names the group of rows without a value.
 */
export function kpisByGroup(input: {
  sums: readonly (KpiFindingSums & { key: string | null })[];
  shares: readonly (KpiShareCounts & { key: string | null })[];
  slaSeverities: ReadonlySet<KpiSeverity>;
  windowDays: number;
  unassigned: string;
}): { groups: Map<string, GroupKpis>; total: GroupKpis } {
  const sumsOf = new Map<string, KpiFindingSums[]>();
  for (const row of input.sums) {
    const key = row.key ?? input.unassigned;
    const list = sumsOf.get(key);
    if (list) list.push(row);
    else sumsOf.set(key, [row]);
  }
  const shareOf = new Map<string, KpiShareCounts>();
  const totalShare: KpiShareCounts = { implemented: 0, automated: 0 };
  for (const row of input.shares) {
    const key = row.key ?? input.unassigned;
    const share = shareOf.get(key) ?? { implemented: 0, automated: 0 };
    share.implemented += row.implemented;
    share.automated += row.automated;
    shareOf.set(key, share);
    totalShare.implemented += row.implemented;
    totalShare.automated += row.automated;
  }
  const common = {
    slaSeverities: input.slaSeverities,
    windowDays: input.windowDays,
  };
  const groups = new Map<string, GroupKpis>();
  for (const key of new Set([...sumsOf.keys(), ...shareOf.keys()])) {
    groups.set(
      key,
      groupKpis({
        sums: sumsOf.get(key) ?? [],
        share: shareOf.get(key) ?? { implemented: 0, automated: 0 },
        ...common,
      }),
    );
  }
  return {
    groups,
    total: groupKpis({ sums: input.sums, share: totalShare, ...common }),
  };
}
