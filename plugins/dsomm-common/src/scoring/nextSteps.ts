import { indexModel } from '../model/modelIndex';
import { Activity, DsommModel, Level } from '../model/types';
import { targetLevelFor } from './targets';
import { ActivityScore, EntityScore, NextStep, Target } from './types';

export interface NextStepsOptions {
  /** When given, steps needed for the target are flagged and their reasons say so. */
  target?: Target;
  /** At most this many steps; default 10. */
  limit?: number;
}

/**
 * The missing activities that would raise a level soonest. For every sub-dimension, the
 * candidates are the not-yet-implemented activities of the level just above the one reached
 * (all of them are needed for that level). They are ranked by level (lowest first), then
 * dependencies already met, then usefulness (higher first), then difficulty (lower first).
 */
export function nextSteps(
  model: DsommModel,
  score: EntityScore,
  options: NextStepsOptions = {},
): NextStep[] {
  const index = indexModel(model);
  const byId = new Map<string, ActivityScore>(
    score.activities.map(a => [a.activityId, a]),
  );
  const done = (id: string) => {
    const status = byId.get(id)?.status;
    return status === 'implemented' || status === 'not-applicable';
  };

  const steps: Array<Omit<NextStep, 'why'>> = [];
  for (const dim of score.dimensions) {
    const targetLevel = options.target
      ? targetLevelFor(options.target, dim.dimension)
      : 0;
    for (const sub of dim.subDimensions) {
      if (sub.level >= 5) continue;
      const nextLevel = (sub.level + 1) as Level;
      const open = model.dimensions
        .find(d => d.name === dim.dimension)!
        .subDimensions.find(s => s.name === sub.subDimension)!
        .activityIds.map(id => index.byId.get(id)!)
        .filter(a => a.level === nextLevel && !done(a.id));
      for (const activity of open) {
        const unmet = activity.dependsOn.filter(id => !done(id));
        const step: Omit<NextStep, 'why'> = {
          activityId: activity.id,
          level: activity.level,
          dimension: activity.dimension,
          subDimension: activity.subDimension,
          raisesToLevel: nextLevel,
          remainingForLevel: open.length,
          dependenciesMet: unmet.length === 0,
          unmetDependencyIds: unmet,
          towardTarget: nextLevel <= targetLevel,
          usefulness: activity.usefulness,
          difficulty: meanDifficulty(activity),
        };
        steps.push(step);
      }
    }
  }

  // Names break ties; a plain comparison keeps this hot path free of locale-aware collation.
  const nameOf = (id: string) => index.byId.get(id)!.name;
  steps.sort(
    (a, b) =>
      a.level - b.level ||
      Number(b.dependenciesMet) - Number(a.dependenciesMet) ||
      b.usefulness - a.usefulness ||
      a.difficulty - b.difficulty ||
      compareText(nameOf(a.activityId), nameOf(b.activityId)),
  );
  // Only the steps returned get their sentence.
  return steps.slice(0, options.limit ?? 10).map(step => ({
    ...step,
    why: explain(
      step,
      index.byId.get(step.activityId)!,
      byId.get(step.activityId),
      index,
    ),
  }));
}

function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function meanDifficulty(activity: Activity): number {
  const { knowledge, time, resources } = activity.difficulty;
  return Math.round(((knowledge + time + resources) / 3) * 10) / 10;
}

function explain(
  step: Omit<NextStep, 'why'>,
  activity: Activity,
  scored: ActivityScore | undefined,
  index: ReturnType<typeof indexModel>,
): string {
  const parts: string[] = [];
  parts.push(
    step.remainingForLevel === 1
      ? `Last activity missing for level ${step.raisesToLevel} of ${step.subDimension}.`
      : `One of ${step.remainingForLevel} activities missing for level ${step.raisesToLevel} of ${step.subDimension}.`,
  );
  if (scored?.status === 'stale') {
    parts.push('Its evidence has expired; renew it.');
  }
  if (scored?.status === 'contradicted') {
    // The declaration stands; what blocks it is the measurement, so say what to fix.
    parts.push(
      `Declared, but reports contradict it: ${
        scored.contradiction ?? 'a measurement says otherwise.'
      } Treat the findings or record a waiver.`,
    );
  }
  if (step.towardTarget) parts.push('Needed to reach the target.');
  parts.push(
    step.dependenciesMet
      ? 'Its dependencies are met.'
      : `First needs: ${step.unmetDependencyIds
          .map(id => index.byId.get(id)?.name ?? id)
          .join(', ')}.`,
  );
  parts.push(
    `Usefulness ${activity.usefulness}/5, difficulty ${step.difficulty}/5.`,
  );
  return parts.join(' ');
}
