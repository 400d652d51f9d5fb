import {
  AchievedLevel,
  ActivityScore,
  CampaignBurnUpPoint,
  CampaignGoal,
  CampaignOwnerProgress,
  CampaignScope,
  CampaignScopeKey,
  DsommModel,
  Target,
  computeGap,
  indexModel,
  scoreFromActivities,
} from '@dsomm/plugin-dsomm-common';

// Campaign progress as pure functions over what the store read: the levels a component
// reached (as the scorecard shows them) and, for activity goals, its decided statuses.

/**
 * A component's levels, as stored in its score row or a day of its history; sub-dimension
 * levels (by name) only where a goal names a sub-dimension, worked out from its statuses.
 */
export interface Levels {
  overallLevel: AchievedLevel;
  dimensionLevels: Record<string, AchievedLevel>;
  subDimensionLevels?: Record<string, AchievedLevel>;
}

type Statuses = ReadonlyArray<Pick<ActivityScore, 'activityId' | 'status'>>;

const settled = (status: ActivityScore['status']) =>
  status === 'implemented' || status === 'not-applicable';

const isDimension = (model: DsommModel, name: string) =>
  model.dimensions.some(d => d.name === name);

/** The sub-dimensions (by name) a dimensions goal names; the other names are dimensions. */
export function goalSubDimensions(
  goal: CampaignGoal,
  model: DsommModel,
): string[] {
  if (!('dimensions' in goal)) return [];
  return Object.keys(goal.dimensions).filter(n => !isDimension(model, n));
}

/**
 * Whether a component falls in a campaign's scope: for every filter given, its value is one
 * of the listed ones (exactly, as the scorecard's SQL filter compares them).
 */
export function scopeHolds(
  scope: CampaignScope,
  facts: Partial<Record<CampaignScopeKey, string>>,
): boolean {
  return Object.entries(scope).every(([key, values]) => {
    const value = facts[key as CampaignScopeKey];
    return !values || values.length === 0
      ? true
      : value !== undefined && values.includes(value);
  });
}

/**
 * Whether a goal needs activity statuses, which only the stored score details have: an
 * activities goal, or one naming a sub-dimension (score rows keep dimension levels only).
 */
export function needsStatuses(goal: CampaignGoal, model: DsommModel): boolean {
  return 'activities' in goal || goalSubDimensions(goal, model).length > 0;
}

/** Each sub-dimension's level (by name) from a component's decided statuses. */
export function subDimensionLevels(
  model: DsommModel,
  activities: ActivityScore[],
): Record<string, AchievedLevel> {
  const levels: Record<string, AchievedLevel> = {};
  for (const d of scoreFromActivities(model, activities).dimensions) {
    for (const sub of d.subDimensions) levels[sub.subDimension] = sub.level;
  }
  return levels;
}

/**
 * Whether a component meets the goal: its overall level reaches `level`; each named
 * dimension or sub-dimension reaches its level (a name with no level is level 0); or each
 * listed activity is implemented or not applicable (`activities`: its decided statuses, an
 * unlisted activity being missing).
 */
export function meetsGoal(
  goal: CampaignGoal,
  levels: Levels,
  activities: Statuses = [],
): boolean {
  if ('level' in goal) return levels.overallLevel >= goal.level;
  if ('dimensions' in goal) {
    return Object.entries(goal.dimensions).every(
      ([name, level]) =>
        (levels.dimensionLevels[name] ??
          levels.subDimensionLevels?.[name] ??
          0) >= level,
    );
  }
  const status = new Map(activities.map(a => [a.activityId, a.status]));
  return goal.activities.every(id => {
    const s = status.get(id);
    return s !== undefined && settled(s);
  });
}

/**
 * A level or dimensions goal as a target, so the gap engine lists what is missing: the
 * goal's dimensions only (the gap engine knows no sub-dimensions).
 */
export function goalTarget(
  goal: CampaignGoal,
  model: DsommModel,
): Target | undefined {
  if ('level' in goal) return { level: goal.level };
  if ('dimensions' in goal) {
    const dimensions = Object.fromEntries(
      Object.entries(goal.dimensions).filter(([n]) => isDimension(model, n)),
    );
    return { level: 0, dimensions };
  }
  return undefined;
}

/**
 * The activities a component still needs for the goal: for a level or dimensions goal, the
 * target gap's missing activities (`computeGap`, as the entity page shows them), then for
 * each named sub-dimension its activities up to the level that are neither implemented nor
 * not applicable, in model order; for an activities goal, the listed ones still unsettled.
 */
export function remainingActivities(
  model: DsommModel,
  goal: CampaignGoal,
  activities: ActivityScore[],
): string[] {
  const status = new Map(activities.map(a => [a.activityId, a.status]));
  const unsettled = (id: string) => {
    const s = status.get(id);
    return s === undefined || !settled(s);
  };
  const target = goalTarget(goal, model);
  if (!target) {
    return (goal as { activities: string[] }).activities.filter(unsettled);
  }
  const gap = computeGap(model, scoreFromActivities(model, activities), target);
  const remaining = gap.dimensions.flatMap(d => d.missingActivityIds);
  const subs = goalSubDimensions(goal, model);
  if (subs.length === 0) return remaining;
  const wanted = (goal as { dimensions: Record<string, number> }).dimensions;
  const { byId } = indexModel(model);
  const seen = new Set(remaining);
  for (const sub of model.dimensions.flatMap(d => d.subDimensions)) {
    if (!subs.includes(sub.name)) continue;
    for (const id of sub.activityIds) {
      if (byId.get(id)!.level > wanted[sub.name] || seen.has(id)) continue;
      if (unsettled(id)) {
        remaining.push(id);
        seen.add(id);
      }
    }
  }
  return remaining;
}

/** Counts in scope and done, in all and per owner (owners sorted, none last). */
export function tally(components: { owner: string | null; done: boolean }[]): {
  inScope: number;
  done: number;
  remainingPerOwner: CampaignOwnerProgress[];
} {
  const byOwner = new Map<string | null, CampaignOwnerProgress>();
  let done = 0;
  for (const c of components) {
    let entry = byOwner.get(c.owner);
    if (!entry) {
      entry = { owner: c.owner, inScope: 0, done: 0, remaining: 0 };
      byOwner.set(c.owner, entry);
    }
    entry.inScope += 1;
    if (c.done) {
      entry.done += 1;
      done += 1;
    } else {
      entry.remaining += 1;
    }
  }
  const remainingPerOwner = [...byOwner.values()].sort((a, b) => {
    if (a.owner === b.owner) return 0;
    if (a.owner === null) return 1;
    if (b.owner === null) return -1;
    return a.owner < b.owner ? -1 : 1;
  });
  return { inScope: components.length, done, remainingPerOwner };
}

/** The UTC day (YYYY-MM-DD) of an ISO time. */
export function dayOf(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/**
 * The burn-up: per day from the campaign's start (or the oldest history day, if later) to
 * `today`, how many components were in scope and how many met the goal. Before today a
 * component counts from its first snapshot on, with its latest snapshot up to that day (a day
 * without a recompute keeps the levels of the day before); today is `current`, so the last
 * point equals the campaign's own counts. `history` rows need not be sorted. Only for goals
 * the history's levels decide (not `needsStatuses`): the history keeps no statuses.
 */
export function burnUp(
  goal: CampaignGoal,
  startDay: string,
  today: string,
  history: ReadonlyArray<Levels & { entityRef: string; day: string }>,
  current: { inScope: number; done: number },
): CampaignBurnUpPoint[] {
  const todayPoint = { day: today, ...current };
  const past = history
    .filter(h => h.day < today)
    .slice()
    .sort((a, b) => a.day.localeCompare(b.day));
  if (past.length === 0) return [todayPoint];
  const first = startDay > past[0].day ? startDay : past[0].day;
  const latest = new Map<string, boolean>();
  const points: CampaignBurnUpPoint[] = [];
  let next = 0;
  for (let day = first; day < today; day = nextDay(day)) {
    while (next < past.length && past[next].day <= day) {
      latest.set(past[next].entityRef, meetsGoal(goal, past[next]));
      next += 1;
    }
    let done = 0;
    for (const met of latest.values()) if (met) done += 1;
    points.push({ day, inScope: latest.size, done });
  }
  points.push(todayPoint);
  return points;
}

/**
 * The burn-up from the campaign's own daily counts (for goals the history cannot judge): per
 * day from the start (or the oldest snapshot, if later) to `today`, the latest snapshot up to
 * that day (a day without a recompute keeps the day before's); today is `current`.
 */
export function snapshotBurnUp(
  startDay: string,
  today: string,
  snapshots: ReadonlyArray<CampaignBurnUpPoint>,
  current: { inScope: number; done: number },
): CampaignBurnUpPoint[] {
  const todayPoint = { day: today, ...current };
  const past = snapshots
    .filter(s => s.day < today)
    .slice()
    .sort((a, b) => a.day.localeCompare(b.day));
  if (past.length === 0) return [todayPoint];
  const first = startDay > past[0].day ? startDay : past[0].day;
  const points: CampaignBurnUpPoint[] = [];
  let latest = past[0];
  let next = 0;
  for (let day = first; day < today; day = nextDay(day)) {
    while (next < past.length && past[next].day <= day) {
      latest = past[next];
      next += 1;
    }
    points.push({ day, inScope: latest.inScope, done: latest.done });
  }
  points.push(todayPoint);
  return points;
}
