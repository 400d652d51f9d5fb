import {
  CampaignGoal,
  CampaignProgress,
  CampaignSummary,
  ModelIndex,
} from '@dsomm/plugin-dsomm-common';

// What `campaign-status` answers, cut from the campaign's progress to what an assistant needs:
// counts and time left, who is behind, and a few components with what they still lack.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Remaining activities listed per component at most; the rest are only counted. */
export const ACTIVITIES_PER_COMPONENT = 20;

/** Whole days from `now` to the deadline, rounded up; negative once it has passed. */
export function daysLeft(deadline: string, now: Date): number {
  return Math.ceil((Date.parse(deadline) - now.getTime()) / DAY_MS);
}

/** The goal in words an assistant can repeat, with activity names instead of ids. */
export function describeGoal(goal: CampaignGoal, index: ModelIndex): string {
  if ('level' in goal) return `overall level ${goal.level}`;
  if ('dimensions' in goal) {
    return Object.entries(goal.dimensions)
      .map(([name, level]) => `${name} level ${level}`)
      .join(', ');
  }
  return `activities ${goal.activities
    .map(id => index.byId.get(id)?.name ?? id)
    .join(', ')}`;
}

function headline(c: CampaignSummary, index: ModelIndex, now: Date) {
  return {
    id: c.id,
    name: c.name,
    owner: c.owner,
    goal: describeGoal(c.goal, index),
    start: c.start,
    deadline: c.deadline,
    daysLeft: daysLeft(c.deadline, now),
    inScope: c.inScope,
    done: c.done,
    remaining: c.inScope - c.done,
  };
}

/** Without an id: each live campaign with its counts and days left. */
export function campaignList(
  campaigns: CampaignSummary[],
  index: ModelIndex,
  now: Date,
) {
  return { campaigns: campaigns.map(c => headline(c, index, now)) };
}

/**
 * One campaign: its counts, days left, remaining per owner (those with something left), and
 * the first `limit` components short of the goal with their remaining activities by key and
 * name (at most ACTIVITIES_PER_COMPONENT each, the rest counted).
 */
export function campaignStatus(
  progress: CampaignProgress,
  index: ModelIndex,
  now: Date,
  limit: number,
) {
  const behind = progress.components.filter(c => !c.done);
  return {
    campaign: {
      ...headline(progress, index, now),
      archived: progress.archivedAt !== undefined,
      remainingPerOwner: progress.remainingPerOwner.filter(
        o => o.remaining > 0,
      ),
      componentsShown: Math.min(limit, behind.length),
      components: behind.slice(0, limit).map(c => ({
        entityRef: c.entityRef,
        owner: c.owner,
        remainingActivities: c.remainingActivityIds.length,
        activities: c.remainingActivityIds
          .slice(0, ACTIVITIES_PER_COMPONENT)
          .map(id => {
            const activity = index.byId.get(id);
            return { key: activity?.key ?? id, name: activity?.name ?? id };
          }),
      })),
    },
  };
}
