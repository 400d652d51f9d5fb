import { indexModel } from '../model/modelIndex';
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
  const perDimension = target.dimensions;
  if (!perDimension) return target.level;
  if (Object.hasOwn(perDimension, dimension)) return perDimension[dimension];
  const key = slugOf(dimension);
  if (Object.hasOwn(perDimension, key)) return perDimension[key];
  return target.level;
}

/** Dimension names are few and asked for per entity: remember their slugs. */
const dimensionSlugs = new Map<string, string>();
function slugOf(dimension: string): string {
  let slug = dimensionSlugs.get(dimension);
  if (slug === undefined) {
    slug = slugify(dimension);
    if (dimensionSlugs.size < 1000) dimensionSlugs.set(dimension, slug);
  }
  return slug;
}

/** True when every dimension's level reaches what the target sets for it. */
export function meetsTarget(
  dimensionLevels: Record<string, AchievedLevel>,
  target: Target,
): boolean {
  for (const [dimension, level] of Object.entries(dimensionLevels)) {
    if (level < targetLevelFor(target, dimension)) return false;
  }
  return true;
}

/** How far a score is from a target, per dimension, with the activities still missing. */
export function computeGap(
  model: DsommModel,
  score: EntityScore,
  target: Target,
): TargetGap {
  const activityById = indexModel(model).byId;
  const wanted = new Map(
    score.dimensions.map(d => [
      d.dimension,
      targetLevelFor(target, d.dimension),
    ]),
  );
  // One pass over the activities, bucketing the missing ones by dimension.
  const missing = new Map<string, string[]>(
    score.dimensions.map(d => [d.dimension, []]),
  );
  for (const a of score.activities) {
    if (a.status === 'implemented' || a.status === 'not-applicable') continue;
    const activity = activityById.get(a.activityId)!;
    if (activity.level <= (wanted.get(activity.dimension) ?? 0)) {
      missing.get(activity.dimension)?.push(a.activityId);
    }
  }
  const dimensions = score.dimensions.map(
    (dim): DimensionGap => ({
      dimension: dim.dimension,
      target: wanted.get(dim.dimension)!,
      achieved: dim.level,
      meetsTarget: dim.level >= wanted.get(dim.dimension)!,
      missingActivityIds: missing.get(dim.dimension)!,
    }),
  );
  return {
    meetsTarget: dimensions.every(d => d.meetsTarget),
    dimensions,
  };
}
