import { EntityScoreResponse } from '@dsomm/plugin-dsomm-common';

/** What a change to an activity did to the component's score: shown after attest, waive or revoke. */
export interface ChangeSummary {
  /** E.g. "Attestation recorded for Defined build process." */
  title: string;
  /** Level, score and what is still needed for the target, before -> after. */
  lines: string[];
}

type Scored = Pick<
  EntityScoreResponse,
  'overallLevel' | 'score' | 'gap' | 'meetsTarget' | 'activities'
>;

const missingForTarget = (s: Scored) =>
  new Set(s.gap.dimensions.flatMap(d => d.missingActivityIds)).size;

const statusOf = (s: Scored, activityId: string) =>
  s.activities.find(a => a.activityId === activityId)?.status ?? 'missing';

/**
 * Compares the score read before a write with the one read after it. The sentences say
 * what changed, or that nothing did, so a user never has to spot 14.4 -> 14.6 by eye.
 */
export function changeSummary(
  action: string,
  activityId: string,
  before: Scored,
  after: Scored,
): ChangeSummary {
  const lines: string[] = [];
  const was = statusOf(before, activityId);
  const now = statusOf(after, activityId);
  lines.push(
    was === now
      ? `The activity stays ${now}.`
      : `The activity went from ${was} to ${now}.`,
  );
  lines.push(
    before.overallLevel === after.overallLevel
      ? `Level stays ${after.overallLevel}; score ${before.score} -> ${after.score}.`
      : `Level ${before.overallLevel} -> ${after.overallLevel}; score ${before.score} -> ${after.score}.`,
  );
  const left = missingForTarget(after);
  if (after.meetsTarget) {
    lines.push(
      before.meetsTarget
        ? 'The component meets its target.'
        : 'The component now meets its target.',
    );
  } else {
    const had = missingForTarget(before);
    lines.push(
      `${left} ${
        left === 1 ? 'activity' : 'activities'
      } still needed for the target${had !== left ? ` (was ${had})` : ''}.`,
    );
  }
  return { title: action, lines };
}
