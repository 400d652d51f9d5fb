import {
  ActivityScore,
  DsommModel,
  STATUS_CODE,
  Target,
  compileModel,
  statusesOf,
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
  return missingForTargetOf(model, statusesOf(model, activities), target);
}

/**
 * `missingForTarget` from status codes by model position (see `decideStatuses`), which a
 * recompute already has: it walks only the activities the target wants.
 */
export function missingForTargetOf(
  model: DsommModel,
  statuses: Uint8Array,
  target: Target,
): number {
  let missing = 0;
  for (const ordinal of wantedOrdinals(model, target)) {
    const status = statuses[ordinal];
    if (
      status !== STATUS_CODE.implemented &&
      status !== STATUS_CODE['not-applicable']
    ) {
      missing += 1;
    }
  }
  return missing;
}

/**
 * The model positions of the activities a target wants, made once per model and target: a
 * recompute asks for the same few targets (one per tier) thousands of times.
 */
const wantedByModel = new WeakMap<DsommModel, WeakMap<Target, Int32Array>>();
function wantedOrdinals(model: DsommModel, target: Target): Int32Array {
  let byTarget = wantedByModel.get(model);
  if (!byTarget) {
    byTarget = new WeakMap();
    wantedByModel.set(model, byTarget);
  }
  let wanted = byTarget.get(target);
  if (!wanted) {
    const { levelOf } = compileModel(model);
    const ordinals: number[] = [];
    model.activities.forEach((activity, ordinal) => {
      if (levelOf[ordinal] <= targetLevelFor(target, activity.dimension)) {
        ordinals.push(ordinal);
      }
    });
    wanted = Int32Array.from(ordinals);
    byTarget.set(target, wanted);
  }
  return wanted;
}
