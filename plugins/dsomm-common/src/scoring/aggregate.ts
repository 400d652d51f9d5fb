import { AchievedLevel } from '../model/types';

/** The part of an entity's score that aggregation needs. */
export interface ScoreSummary {
  overallLevel: AchievedLevel;
  score: number;
  /** Achieved level per dimension name. */
  dimensionLevels: Record<string, AchievedLevel>;
  /** Absent (or null) when the entity has no target. */
  meetsTarget?: boolean | null;
}

/** Mean and distribution of levels; `distribution[L]` counts entities at level L (0-5). */
export interface LevelStats {
  mean: number;
  distribution: [number, number, number, number, number, number];
}

export interface GroupAggregate {
  key: string;
  count: number;
  /** Entities with a target that meet it. */
  meetingTarget: number;
  /** meetingTarget / entities that have a target, 0-1; null when none has a target. */
  shareMeetingTarget: number | null;
  meanScore: number;
  overall: LevelStats;
  dimensions: Record<string, LevelStats>;
}

/**
 * Aggregates entity scores per group. `groupOf` names each entity's group; an entity may
 * belong to several groups, or to none (an empty list). Groups are returned sorted by key.
 */
export function aggregateScores<T extends ScoreSummary>(
  items: Iterable<T>,
  groupOf: (item: T) => string | string[] | undefined,
): GroupAggregate[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const keys = groupOf(item);
    for (const key of keys === undefined ? [] : ([] as string[]).concat(keys)) {
      const list = groups.get(key);
      if (list) list.push(item);
      else groups.set(key, [item]);
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, members]) => aggregateGroup(key, members));
}

/** Aggregates one set of entity scores. */
export function aggregateGroup(
  key: string,
  members: ScoreSummary[],
): GroupAggregate {
  const withTarget = members.filter(
    m => m.meetsTarget !== undefined && m.meetsTarget !== null,
  );
  const meetingTarget = withTarget.filter(m => m.meetsTarget).length;
  const dimensionNames = new Set(
    members.flatMap(m => Object.keys(m.dimensionLevels)),
  );
  const dimensions: Record<string, LevelStats> = {};
  for (const name of dimensionNames) {
    dimensions[name] = levelStats(
      members
        .map(m => m.dimensionLevels[name])
        .filter((l): l is AchievedLevel => l !== undefined),
    );
  }
  return {
    key,
    count: members.length,
    meetingTarget,
    shareMeetingTarget:
      withTarget.length === 0 ? null : meetingTarget / withTarget.length,
    meanScore: mean(members.map(m => m.score)),
    overall: levelStats(members.map(m => m.overallLevel)),
    dimensions,
  };
}

function levelStats(levels: AchievedLevel[]): LevelStats {
  const distribution: LevelStats['distribution'] = [0, 0, 0, 0, 0, 0];
  for (const level of levels) distribution[level] += 1;
  return { mean: mean(levels), distribution };
}

function mean(values: number[]): number {
  if (values.length === 0) return 0;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** The aggregation input for a full score. */
export function summarizeScore(
  score: {
    overallLevel: AchievedLevel;
    score: number;
    dimensions: { dimension: string; level: AchievedLevel }[];
  },
  meetsTarget?: boolean,
): ScoreSummary {
  return {
    overallLevel: score.overallLevel,
    score: score.score,
    dimensionLevels: Object.fromEntries(
      score.dimensions.map(d => [d.dimension, d.level]),
    ),
    meetsTarget,
  };
}
