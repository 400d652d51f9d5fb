import { ActivityScore } from '@dsomm/plugin-dsomm-common';

/**
 * Whether a component has been assessed at all, the opposite of issue 12's start state "Not
 * assessed yet": some activity has evidence (annotation, scanner report or attestation, its
 * own or inherited from a scope, valid or expired) or is not applicable (its own or a scope's
 * annotation or waiver). Report notes do not count: scoring writes them ("no current scanner
 * report") for every component. `activities` lists decided statuses as `StoredScore` keeps
 * them; a missing activity without evidence says nothing.
 */
export function isAssessed(score: { activities: ActivityScore[] }): boolean {
  return score.activities.some(
    a => a.status !== 'missing' || a.evidence.length > 0,
  );
}
