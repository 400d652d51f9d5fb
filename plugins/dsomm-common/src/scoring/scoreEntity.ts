import { DsommModel } from '../model/types';
import { detailedLevels } from './levels';
import { StatusInput, decideStatuses, statusesOf } from './statuses';
import { ActivityScore, EntityScore } from './types';

export type ScoreInput = StatusInput;

/**
 * Scores one entity against a model. Pure: the same input always gives the same score.
 * Evidence for activities the model does not have is ignored (callers report it as a warning).
 */
export function scoreEntity(input: ScoreInput): EntityScore {
  return scoreFromActivities(input.model, decideStatuses(input).activities);
}

/**
 * The full score of activities whose statuses are already decided (e.g. a stored score's):
 * every model activity in model order, the ones not listed as missing, and the levels with
 * their coverage.
 */
export function scoreFromActivities(
  model: DsommModel,
  decided: ActivityScore[],
): EntityScore {
  const { overallLevel, score, dimensions } = detailedLevels(
    model,
    statusesOf(model, decided),
  );
  const known = new Map(decided.map(a => [a.activityId, a]));
  return {
    overallLevel,
    score,
    dimensions,
    activities: model.activities.map(
      a =>
        known.get(a.id) ?? {
          activityId: a.id,
          level: a.level,
          status: 'missing',
          evidence: [],
        },
    ),
  };
}
