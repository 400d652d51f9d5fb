import {
  DsommModel,
  RollupMissingActivity,
  Target,
  targetLevelFor,
} from '@dsomm/plugin-dsomm-common';

/**
 * Counts, over many components, the activities each misses for its target: those up to the
 * target level of their dimension whose status is missing or stale, as the component's own
 * gap (`computeGap`) lists them.
 */
export class MissingForTargetCounter {
  private readonly counts = new Map<string, number>();
  private components = 0;

  constructor(private readonly model: DsommModel) {}

  /** Adds one component, with the ids of the activities it has done (see `doneActivities`). */
  add(target: Target, done: ReadonlySet<string>): void {
    this.components += 1;
    const wanted = new Map<string, number>();
    for (const dimension of this.model.dimensions) {
      wanted.set(dimension.name, targetLevelFor(target, dimension.name));
    }
    for (const activity of this.model.activities) {
      if (activity.level > (wanted.get(activity.dimension) ?? 0)) continue;
      if (done.has(activity.id)) continue;
      this.counts.set(activity.id, (this.counts.get(activity.id) ?? 0) + 1);
    }
  }

  /** How many components were added. */
  get outOf(): number {
    return this.components;
  }

  /** The `limit` most missed activities: by count, then lowest level, then key. */
  top(limit: number): RollupMissingActivity[] {
    const byId = new Map(this.model.activities.map(a => [a.id, a]));
    return [...this.counts.entries()]
      .map(([id, missing]) => {
        const a = byId.get(id)!;
        return {
          activityId: a.id,
          key: a.key,
          name: a.name,
          dimension: a.dimension,
          subDimension: a.subDimension,
          level: a.level,
          missing,
        };
      })
      .sort(
        (x, y) =>
          y.missing - x.missing ||
          x.level - y.level ||
          x.key.localeCompare(y.key),
      )
      .slice(0, limit);
  }
}
