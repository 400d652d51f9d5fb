import { EntityScoreResponse } from '@dsomm/plugin-dsomm-common';
import { ChangeSummary } from './changeSummary';
import { formatScore } from './format';

type Scored = Pick<
  EntityScoreResponse,
  'overallLevel' | 'score' | 'meetsTarget' | 'assessed' | 'warnings'
>;

/**
 * What a refresh (a recompute from the catalog, reports and records) changed: level, score,
 * target status, start state and scoring problems, or "Up to date" when none of them moved.
 */
export function refreshSummary(before: Scored, after: Scored): ChangeSummary {
  const lines: string[] = [];
  if (before.overallLevel !== after.overallLevel) {
    lines.push(`Level ${before.overallLevel} -> ${after.overallLevel}.`);
  }
  if (formatScore(before.score) !== formatScore(after.score)) {
    lines.push(
      `Score ${formatScore(before.score)} -> ${formatScore(
        after.score,
      )} of 100.`,
    );
  }
  if (before.meetsTarget !== after.meetsTarget) {
    lines.push(
      after.meetsTarget ? 'Now meets its target.' : 'Now below its target.',
    );
  }
  if (before.assessed !== after.assessed) {
    lines.push(
      after.assessed === false
        ? 'No evidence left: not assessed.'
        : 'First evidence found: assessed.',
    );
  }
  if (before.warnings.length !== after.warnings.length) {
    lines.push(
      `${after.warnings.length} problem${
        after.warnings.length === 1 ? '' : 's'
      } while scoring (was ${before.warnings.length}).`,
    );
  }
  return lines.length === 0
    ? { title: 'Up to date: the refresh changed nothing.', lines: [] }
    : { title: 'Refreshed.', lines };
}
