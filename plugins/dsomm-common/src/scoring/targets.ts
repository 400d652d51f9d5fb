import { slugify } from '../model/slug';
import { AchievedLevel, DsommModel } from '../model/types';
import { DimensionGap, EntityScore, Target, TargetGap } from './types';

/** Targets by tier, as platform teams configure them. */
export interface TargetsConfig {
  /** Target for entities whose tier has no entry (or that have no tier). */
  default: Target;
  tiers: Record<string, Target>;
}

/** The target that applies to an entity of the given tier. */
export function targetForTier(
  config: TargetsConfig,
  tier: string | undefined,
): Target {
  if (tier !== undefined && Object.hasOwn(config.tiers, tier)) {
    return config.tiers[tier];
  }
  return config.default;
}

/**
 * The level a target sets for one dimension. Per-dimension entries may be keyed by the
 * dimension's name (`Test and Verification`) or its slug (`test-and-verification`).
 */
export function targetLevelFor(
  target: Target,
  dimension: string,
): AchievedLevel {
  const perDimension = target.dimensions ?? {};
  if (Object.hasOwn(perDimension, dimension)) return perDimension[dimension];
  const key = slugify(dimension);
  if (Object.hasOwn(perDimension, key)) return perDimension[key];
  return target.level;
}

/** How far a score is from a target, per dimension, with the activities still missing. */
export function computeGap(
  model: DsommModel,
  score: EntityScore,
  target: Target,
): TargetGap {
  const levelById = new Map(model.activities.map(a => [a.id, a]));
  const dimensions = score.dimensions.map((dim): DimensionGap => {
    const wanted = targetLevelFor(target, dim.dimension);
    const missingActivityIds = score.activities
      .filter(a => {
        const activity = levelById.get(a.activityId)!;
        return (
          activity.dimension === dim.dimension &&
          activity.level <= wanted &&
          (a.status === 'missing' || a.status === 'stale')
        );
      })
      .map(a => a.activityId);
    return {
      dimension: dim.dimension,
      target: wanted,
      achieved: dim.level,
      meetsTarget: dim.level >= wanted,
      missingActivityIds,
    };
  });
  return {
    meetsTarget: dimensions.every(d => d.meetsTarget),
    dimensions,
  };
}
