import { CompiledSubDimension, compileModel } from '../model/compiledModel';
import { AchievedLevel, DsommModel, LEVELS } from '../model/types';
import { STATUS_CODE } from './statuses';
import { DimensionScore, LevelCoverage } from './types';

/** The levels and score an entity reached, without the per-level detail. */
export interface ScoreLevels {
  /** The lowest dimension level. */
  overallLevel: AchievedLevel;
  /** 0-100: share of applicable activities implemented, each weighted by its level. */
  score: number;
  /** Level of each dimension, by dimension name. */
  dimensionLevels: Record<string, AchievedLevel>;
}

/** The highest level L such that every applicable activity of level <= L is implemented. */
export function achievedLevel(coverage: LevelCoverage[]): AchievedLevel {
  let level: AchievedLevel = 0;
  for (const cell of [...coverage].sort((a, b) => a.level - b.level)) {
    if (cell.implemented < cell.applicable) break;
    level = cell.level;
  }
  return level;
}

/**
 * Counts a sub-dimension's implemented and applicable activities per level into `counts`
 * (implemented at 2 * (level - 1), applicable at 2 * (level - 1) + 1) and returns the level
 * reached. `counts` is reused across calls to spare the allocation.
 */
function countSubDimension(
  sub: CompiledSubDimension,
  levelOf: readonly number[],
  statuses: Uint8Array,
  counts: Int32Array,
): AchievedLevel {
  counts.fill(0);
  for (const ordinal of sub.ordinals) {
    const status = statuses[ordinal];
    if (status === STATUS_CODE['not-applicable']) continue;
    const cell = 2 * (levelOf[ordinal] - 1);
    counts[cell + 1] += 1;
    if (status === STATUS_CODE.implemented) counts[cell] += 1;
  }
  let level = 0;
  while (level < 5 && counts[2 * level] >= counts[2 * level + 1]) level += 1;
  return level as AchievedLevel;
}

function weightedScore(levelOf: readonly number[], statuses: Uint8Array) {
  let weighted = 0;
  let implemented = 0;
  for (let ordinal = 0; ordinal < statuses.length; ordinal++) {
    const status = statuses[ordinal];
    if (status === STATUS_CODE['not-applicable']) continue;
    weighted += levelOf[ordinal];
    if (status === STATUS_CODE.implemented) implemented += levelOf[ordinal];
  }
  // With nothing applicable there is nothing left undone.
  return weighted === 0
    ? 100
    : Math.round((1000 * implemented) / weighted) / 10;
}

/** A dimension without sub-dimensions (or a model without dimensions) demands nothing. */
const lowest = (levels: number[]): AchievedLevel =>
  (levels.length === 0 ? 5 : Math.min(...levels)) as AchievedLevel;

/** Scratch counts of `levelsOf`, reused: it runs once per entity of a recompute. */
const levelCounts = new Int32Array(10);

/** Levels and score from status codes by model position (see `decideStatuses`). */
export function levelsOf(model: DsommModel, statuses: Uint8Array): ScoreLevels {
  const { dimensions, levelOf } = compileModel(model);
  const dimensionLevels: Record<string, AchievedLevel> = {};
  // The lowest level of each dimension's sub-dimensions and of all dimensions, as `lowest`
  // works it out, without the arrays.
  let overall = 5;
  for (const dimension of dimensions) {
    let level = 5;
    for (const sub of dimension.subDimensions) {
      const reached = countSubDimension(sub, levelOf, statuses, levelCounts);
      if (reached < level) level = reached;
    }
    dimensionLevels[dimension.name] = level as AchievedLevel;
    if (level < overall) overall = level;
  }
  return {
    overallLevel: overall as AchievedLevel,
    score: weightedScore(levelOf, statuses),
    dimensionLevels,
  };
}

/**
 * The levels and score with per-dimension and per-sub-dimension levels and their coverage,
 * for showing a score: the same figures as `levelsOf`, counted once with the detail.
 */
export function detailedLevels(
  model: DsommModel,
  statuses: Uint8Array,
): Omit<ScoreLevels, 'dimensionLevels'> & { dimensions: DimensionScore[] } {
  const { dimensions, levelOf } = compileModel(model);
  const counts = new Int32Array(10);
  const scores = dimensions.map((dimension): DimensionScore => {
    const subDimensions = dimension.subDimensions.map(sub => {
      const level = countSubDimension(sub, levelOf, statuses, counts);
      return {
        dimension: dimension.name,
        subDimension: sub.name,
        level,
        coverage: LEVELS.map(
          (l): LevelCoverage => ({
            level: l,
            implemented: counts[2 * (l - 1)],
            applicable: counts[2 * (l - 1) + 1],
          }),
        ),
      };
    });
    return {
      dimension: dimension.name,
      level: lowest(subDimensions.map(s => s.level)),
      subDimensions,
    };
  });
  return {
    overallLevel: lowest(scores.map(d => d.level)),
    score: weightedScore(levelOf, statuses),
    dimensions: scores,
  };
}
