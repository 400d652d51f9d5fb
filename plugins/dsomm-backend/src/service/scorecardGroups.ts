import {
  DEFAULT_SCORECARD_GROUPS_LIMIT,
  GroupAggregate,
  GroupKpis,
  LevelStats,
  ScorecardGroupKpis,
  ScorecardGroupSortField,
  ScorecardGroupBy,
  Target,
  TargetMeans,
  TargetsConfig,
  targetForTier,
  targetLevelFor,
} from '@dsomm/plugin-dsomm-common';
import { TierCountRow } from '../database/DsommStore';

/** One decimal, as the scorecard shows means: rounded here once, not by each client. */
export function roundMean(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A group aggregate with its means rounded to one decimal; counts stay as they are. */
export function roundAggregate(group: GroupAggregate): GroupAggregate {
  const stats = (s: LevelStats): LevelStats => ({
    mean: roundMean(s.mean),
    distribution: s.distribution,
  });
  return {
    ...group,
    meanScore: roundMean(group.meanScore),
    overall: stats(group.overall),
    dimensions: Object.fromEntries(
      Object.entries(group.dimensions).map(([name, s]) => [name, stats(s)]),
    ),
  };
}

/**
 * The targets of scorecard groups, from how many of each group's components have each tier:
 * a tier group's configured target, and every group's mean target levels (overall and per
 * dimension), which its mean levels are compared with. `unassigned` is the key of the group of
 * components without a value for the grouping field.
 */
export function groupTargets(
  tierCounts: TierCountRow[],
  groupBy: ScorecardGroupBy,
  targets: TargetsConfig,
  unassigned: string,
) {
  const tierTarget = (tier: string | null | undefined): Target =>
    targetForTier(
      targets,
      tier === null || tier === undefined || tier === unassigned
        ? undefined
        : tier,
    );
  const meansOf = (rows: TierCountRow[], dimensions: string[]): TargetMeans => {
    const count = rows.reduce((n, r) => n + r.count, 0);
    const mean = (levelOf: (target: Target) => number) =>
      count === 0
        ? 0
        : roundMean(
            rows.reduce(
              (sum, r) => sum + r.count * levelOf(tierTarget(r.tier)),
              0,
            ) / count,
          );
    return {
      overall: mean(t => t.level),
      dimensions: Object.fromEntries(
        dimensions.map(d => [d, mean(t => targetLevelFor(t, d))]),
      ),
    };
  };
  const byGroup = new Map<string, TierCountRow[]>();
  for (const row of tierCounts) {
    const key = (groupBy === 'tier' ? row.tier : row.key) ?? unassigned;
    const list = byGroup.get(key);
    if (list) list.push(row);
    else byGroup.set(key, [row]);
  }
  return {
    /** The configured target of a tier group's tier. */
    tierTarget: (key: string): Target => tierTarget(key),
    /**
     * Mean target levels of a group (`undefined`: of every matching component), overall and
     * for each of `dimensions`.
     */
    means: (key: string | undefined, dimensions: string[]): TargetMeans =>
      meansOf(
        key === undefined ? tierCounts : byGroup.get(key) ?? [],
        dimensions,
      ),
  };
}

/** Which groups one scorecard answer holds: sorted by `sort`, then `offset` and `limit`. */
export interface ScorecardGroupPage {
  sort: ScorecardGroupSortField;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** The first page of groups by key, of the default size: when the caller names no page. */
export const DEFAULT_GROUP_PAGE: ScorecardGroupPage = {
  sort: 'key',
  order: 'asc',
  offset: 0,
  limit: DEFAULT_SCORECARD_GROUPS_LIMIT,
};

/** The page of groups a caller asked for, the default's value where it named none. */
export function groupPageOf(
  asked: Partial<ScorecardGroupPage> = {},
): ScorecardGroupPage {
  return {
    sort: asked.sort ?? DEFAULT_GROUP_PAGE.sort,
    order: asked.order ?? DEFAULT_GROUP_PAGE.order,
    offset: asked.offset ?? DEFAULT_GROUP_PAGE.offset,
    limit: asked.limit ?? DEFAULT_GROUP_PAGE.limit,
  };
}

const GROUP_SORT_VALUES: Record<
  Exclude<ScorecardGroupSortField, 'key'>,
  (group: GroupAggregate) => number | null
> = {
  count: g => g.count,
  shareMeetingTarget: g => g.shareMeetingTarget,
  meanScore: g => g.meanScore,
  overallLevel: g => g.overall.mean,
};

/**
 * The groups of `page`: ordered by its field (groups without a value last, whatever the
 * order), ties by key ascending so that consecutive pages neither overlap nor skip a group.
 */
export function pageOfGroups<G extends GroupAggregate>(
  groups: G[],
  page: ScorecardGroupPage,
): G[] {
  const sign = page.order === 'desc' ? -1 : 1;
  // By code unit, not locale: the same order on every server.
  const byKey = (a: G, b: G) => {
    if (a.key === b.key) return 0;
    return a.key < b.key ? -1 : 1;
  };
  const field = page.sort;
  const compare =
    field === 'key'
      ? (a: G, b: G) => sign * byKey(a, b)
      : (a: G, b: G) => {
          const valueOf = GROUP_SORT_VALUES[field];
          const x = valueOf(a);
          const y = valueOf(b);
          if (x === null || y === null) {
            if (x !== y) return x === null ? 1 : -1;
          } else if (x !== y) {
            return sign * (x - y);
          }
          return byKey(a, b);
        };
  return [...groups].sort(compare).slice(page.offset, page.offset + page.limit);
}

/** The KPIs a group row shows, out of all of a group's KPIs. */
export function groupRowKpis(kpis: GroupKpis): ScorecardGroupKpis {
  return { openPastSla: kpis.openPastSla, automatedShare: kpis.automatedShare };
}
