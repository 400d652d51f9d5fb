import { slugify } from './slug';
import { Activity, Dimension, DsommModel, Level, LEVELS } from './types';

/** What a model source provides before it is assembled into a {@link DsommModel}. */
export interface ModelParts {
  version: string;
  released?: string;
  source: string;
  levels: Record<Level, string>;
  /** Dimension names with their sub-dimension names, in display order. */
  dimensions: { name: string; subDimensions: string[] }[];
  activities: Omit<Activity, 'key'>[];
}

/**
 * Assembles and checks a model: derives keys, orders activities, and rejects duplicate ids or
 * keys, activities outside the listed dimensions, dangling dependencies and dependency cycles.
 * Throws an Error whose message names the offending activity.
 */
export function assembleModel(parts: ModelParts): DsommModel {
  const subDimensionOf = new Map<string, string>();
  for (const dim of parts.dimensions) {
    for (const sub of dim.subDimensions) {
      subDimensionOf.set(`${dim.name}\u0000${sub}`, sub);
    }
  }

  const byId = new Map<string, Activity>();
  const byKey = new Map<string, Activity>();
  const activities: Activity[] = [];
  for (const raw of parts.activities) {
    const activity: Activity = { ...raw, key: slugify(raw.name) };
    const where = `activity "${raw.name}" (${raw.id})`;
    if (!activity.key) {
      throw new Error(`${where}: name gives an empty key`);
    }
    if (byId.has(activity.id)) {
      throw new Error(`${where}: duplicate id`);
    }
    if (byKey.has(activity.key)) {
      throw new Error(
        `${where}: key "${activity.key}" is also the key of "${
          byKey.get(activity.key)!.name
        }"`,
      );
    }
    if (!LEVELS.includes(activity.level)) {
      throw new Error(`${where}: level must be 1-5, got ${activity.level}`);
    }
    if (
      !subDimensionOf.has(`${activity.dimension}\u0000${activity.subDimension}`)
    ) {
      throw new Error(
        `${where}: sub-dimension "${activity.subDimension}" is not listed under dimension "${activity.dimension}"`,
      );
    }
    byId.set(activity.id, activity);
    byKey.set(activity.key, activity);
    activities.push(activity);
  }

  for (const activity of activities) {
    for (const dep of activity.dependsOn) {
      if (!byId.has(dep)) {
        throw new Error(
          `activity "${activity.name}" (${activity.id}): dependsOn "${dep}" is not an activity of the model`,
        );
      }
    }
  }
  const cycle = findDependencyCycle(activities, byId);
  if (cycle) {
    throw new Error(
      `activity "${cycle[0].name}" (${cycle[0].id}): dependency cycle ${cycle
        .map(a => `"${a.name}"`)
        .join(' -> ')}`,
    );
  }

  activities.sort(
    (a, b) =>
      a.dimension.localeCompare(b.dimension) ||
      a.subDimension.localeCompare(b.subDimension) ||
      a.level - b.level ||
      a.name.localeCompare(b.name),
  );

  const dimensions: Dimension[] = parts.dimensions.map(dim => ({
    name: dim.name,
    key: slugify(dim.name),
    subDimensions: dim.subDimensions.map(sub => ({
      name: sub,
      key: slugify(sub),
      dimension: dim.name,
      activityIds: activities
        .filter(a => a.dimension === dim.name && a.subDimension === sub)
        .map(a => a.id),
    })),
  }));

  return {
    version: parts.version,
    released: parts.released,
    source: parts.source,
    levels: parts.levels,
    dimensions,
    activities,
  };
}

/** Returns one dependency cycle (first activity repeated at the end), or undefined. */
function findDependencyCycle(
  activities: Activity[],
  byId: Map<string, Activity>,
): Activity[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: Activity[] = [];
  const visit = (activity: Activity): Activity[] | undefined => {
    const seen = state.get(activity.id);
    if (seen === 'done') return undefined;
    if (seen === 'visiting') {
      return [...stack.slice(stack.indexOf(activity)), activity];
    }
    state.set(activity.id, 'visiting');
    stack.push(activity);
    for (const dep of activity.dependsOn) {
      const found = visit(byId.get(dep)!);
      if (found) return found;
    }
    stack.pop();
    state.set(activity.id, 'done');
    return undefined;
  };
  for (const activity of activities) {
    const found = visit(activity);
    if (found) return found;
  }
  return undefined;
}
