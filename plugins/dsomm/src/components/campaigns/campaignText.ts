import { Activity, CampaignGoal } from '@dsomm/plugin-dsomm-common';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Activity names by id, for goals and remaining work; unknown ids show as themselves. */
export type ActivityNames = (id: string) => string;

export function activityNamesOf(activities: Activity[]): ActivityNames {
  const byId = new Map(activities.map(a => [a.id, a.name]));
  return id => byId.get(id) ?? id;
}

/** A goal in words: `Level 2 overall`, `Level 3 in Build and Deployment`, `2 activities: …`. */
export function goalText(goal: CampaignGoal, names: ActivityNames): string {
  if ('level' in goal) return `Level ${goal.level} overall`;
  if ('dimensions' in goal) {
    const parts = Object.entries(goal.dimensions).map(
      ([dimension, level]) => `level ${level} in ${dimension}`,
    );
    const text = parts.join(', ');
    return text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);
  }
  const count = goal.activities.length;
  return `${count} ${count === 1 ? 'activity' : 'activities'}: ${goal.activities
    .map(names)
    .join(', ')}`;
}

/** Whole days from `now` to the deadline, rounded up: 1 until the deadline's last moment. */
export function daysLeft(deadline: string, now: Date): number {
  return Math.ceil((Date.parse(deadline) - now.getTime()) / DAY_MS);
}

/** `12 days left`, `1 day left`, `ends today`, `ended 3 days ago`. */
export function daysLeftText(deadline: string, now: Date): string {
  const days = daysLeft(deadline, now);
  if (Date.parse(deadline) <= now.getTime()) {
    const ago = Math.max(0, -days);
    if (ago === 0) return 'ended today';
    return `ended ${ago} ${ago === 1 ? 'day' : 'days'} ago`;
  }
  return `${days} ${days === 1 ? 'day' : 'days'} left`;
}

/** The date part of an ISO date-time, as the campaigns show deadlines. */
export function dayOf(dateTime: string): string {
  return dateTime.slice(0, 10);
}

/** `3 of 8 done`, or `nothing in scope` when the scope matches no component. */
export function progressText(done: number, inScope: number): string {
  return inScope === 0 ? 'nothing in scope' : `${done} of ${inScope} done`;
}

/** Activity names for a table cell: all of a few, else the first ones and how many more. */
export function activityList(
  ids: string[],
  names: ActivityNames,
  shown = 5,
): string {
  const listed = ids.slice(0, shown).map(names).join(', ');
  return ids.length > shown
    ? `${listed} and ${ids.length - shown} more`
    : listed;
}
