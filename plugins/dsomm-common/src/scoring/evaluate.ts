import { DsommModel } from '../model/types';
import { nextSteps } from './nextSteps';
import { ScoreInput, scoreEntity } from './scoreEntity';
import { computeGap } from './targets';
import { EntityScore, NextStep, Target, TargetGap } from './types';

/** A full evaluation: the score, the gap to the target (if any) and next steps. */
export interface EntityEvaluation extends EntityScore {
  target?: Target;
  gap?: TargetGap;
  nextSteps: NextStep[];
}

/** Scores an entity and adds its gap to the target and its next steps. */
export function evaluateEntity(
  input: ScoreInput & { target?: Target; nextStepLimit?: number },
): EntityEvaluation {
  const model: DsommModel = input.model;
  const score = scoreEntity(input);
  return {
    ...score,
    target: input.target,
    gap: input.target ? computeGap(model, score, input.target) : undefined,
    nextSteps: nextSteps(model, score, {
      target: input.target,
      limit: input.nextStepLimit,
    }),
  };
}
