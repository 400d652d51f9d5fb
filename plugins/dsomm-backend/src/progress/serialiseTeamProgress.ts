import { stringify } from 'yaml';
import { TeamProgressDocument } from '@dsomm/plugin-dsomm-common';

/** One state of one activity for one team, to write. */
export interface ExportEntry {
  team: string;
  activityId: string;
  state: string;
  /** ISO 8601. */
  date: string;
}

/** Midnight UTC as a plain date (as DSOMM's app writes them), any other time in full. */
export function formatProgressDate(iso: string): string {
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/**
 * DSOMM's `team-progress.yaml` shape, in a stable order: activities and teams sorted, states in
 * the configured order. The same entry twice keeps the later date.
 */
export function toTeamProgress(
  entries: ExportEntry[],
  states: string[],
): TeamProgressDocument {
  const rank = new Map(states.map((s, i) => [s, i]));
  const sorted = [...entries].sort(
    (a, b) =>
      compare(a.activityId, b.activityId) ||
      compare(a.team, b.team) ||
      (rank.get(a.state) ?? states.length) -
        (rank.get(b.state) ?? states.length) ||
      compare(a.state, b.state),
  );
  const progress: TeamProgressDocument['progress'] = {};
  for (const entry of sorted) {
    const teams = (progress[entry.activityId] ??= {});
    const entryStates = (teams[entry.team] ??= {});
    const date = formatProgressDate(entry.date);
    const earlier = entryStates[entry.state];
    if (earlier === undefined || Date.parse(earlier) < Date.parse(date)) {
      entryStates[entry.state] = date;
    }
  }
  return { progress };
}

function compare(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** As YAML; strings that YAML would read as another type (numbers, booleans) are quoted. */
export function teamProgressYaml(document: TeamProgressDocument): string {
  return stringify(document, { schema: 'core' });
}
