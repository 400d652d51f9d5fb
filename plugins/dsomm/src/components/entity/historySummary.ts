import { ScoreHistoryPoint } from '@dsomm/plugin-dsomm-common';
import { formatScore } from './format';

/** One or two sentences saying how the score developed, for people and screen readers. */
export function historySummary(history: ScoreHistoryPoint[]): string {
  if (history.length === 0) return 'No score history yet.';
  const first = history[0];
  const last = history[history.length - 1];
  const target =
    last.meetsTarget === null
      ? ''
      : ` It ${last.meetsTarget ? 'met' : 'did not meet'} its target on ${
          last.day
        }.`;
  if (history.length === 1) {
    return `1 day (${last.day}): level ${
      last.overallLevel
    }, score ${formatScore(last.score)}.${target}`;
  }
  const level =
    first.overallLevel === last.overallLevel
      ? `level stayed at ${last.overallLevel}`
      : `level went from ${first.overallLevel} to ${last.overallLevel}`;
  const score =
    first.score === last.score
      ? `score stayed at ${formatScore(last.score)}`
      : `score went from ${formatScore(first.score)} to ${formatScore(
          last.score,
        )}`;
  return `${history.length} days from ${first.day} to ${last.day}: ${level}, ${score}.${target}`;
}
