import {
  ActivityScore,
  DsommModel,
  Target,
  targetLevelFor,
} from '@dsomm/plugin-dsomm-common';

/**
 * How many activities a component still needs for its target: those up to the target's level
 * in their dimension that are neither implemented nor not applicable. `activities` lists the
 * decided statuses; an activity it leaves out is missing (as `StoredScore` stores them). A stale
 * or contradicted activity counts as missing, as it does in the target gap. Stored as a column, so the
 * scorecard can show and sort by it without reading every score's detail.
 */
export function missingForTarget(
  model: DsommModel,
  activities: ActivityScore[],
  target: Target,
): number {
  const counted = new Set(
    activities
      .filter(a => a.status === 'implemented' || a.status === 'not-applicable')
      .map(a => a.activityId),
  );
  const wanted = new Map<string, number>();
  let missing = 0;
  for (const activity of model.activities) {
    let level = wanted.get(activity.dimension);
    if (level === undefined) {
      level = targetLevelFor(target, activity.dimension);
      wanted.set(activity.dimension, level);
    }
    if (activity.level <= level && !counted.has(activity.id)) missing += 1;
  }
  return missing;
}
