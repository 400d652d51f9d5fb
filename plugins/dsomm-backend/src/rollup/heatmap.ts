import {
  ActivityStatus,
  DsommModel,
  LEVELS,
  RollupHeatmap,
} from '@dsomm/plugin-dsomm-common';

/**
 * The model's sub-dimensions by level as a flat list of cells (cell `5 * row + level - 1`),
 * with the cell of each activity and how many activities each cell holds.
 */
export interface HeatmapLayout {
  rows: { dimension: string; subDimension: string }[];
  cellOf: ReadonlyMap<string, number>;
  activities: Uint16Array;
}

const layouts = new WeakMap<DsommModel, HeatmapLayout>();

/** The (cached) heatmap layout of a model, in model order. */
export function heatmapLayout(model: DsommModel): HeatmapLayout {
  let layout = layouts.get(model);
  if (layout) return layout;
  const levelOf = new Map(model.activities.map(a => [a.id, a.level]));
  const rows: HeatmapLayout['rows'] = [];
  const cellOf = new Map<string, number>();
  for (const dimension of model.dimensions) {
    for (const sub of dimension.subDimensions) {
      const row = rows.length;
      rows.push({ dimension: dimension.name, subDimension: sub.name });
      for (const id of sub.activityIds) {
        const level = levelOf.get(id);
        if (level !== undefined) cellOf.set(id, 5 * row + level - 1);
      }
    }
  }
  const activities = new Uint16Array(5 * rows.length);
  for (const cell of cellOf.values()) activities[cell] += 1;
  layout = { rows, cellOf, activities };
  layouts.set(model, layout);
  return layout;
}

/**
 * One component's counts per cell, from its stored statuses (those not listed are missing):
 * implemented activities at `cell`, not-applicable ones at `cells + cell`. Kept per component
 * in the status cache, so a roll-up adds small arrays instead of walking every activity.
 */
export function componentCells(
  layout: HeatmapLayout,
  statuses: Iterable<{ activityId: string; status: ActivityStatus }>,
): Uint16Array {
  const cells = layout.activities.length;
  const counts = new Uint16Array(2 * cells);
  for (const { activityId, status } of statuses) {
    const cell = layout.cellOf.get(activityId);
    // An id the model no longer has (a score from an older model) has no cell.
    if (cell === undefined) continue;
    if (status === 'implemented') counts[cell] += 1;
    else if (status === 'not-applicable') counts[cells + cell] += 1;
  }
  return counts;
}

/**
 * Sums components' cell counts into the roll-up heatmap: per cell, the components with every
 * applicable activity implemented and the implemented and applicable activities over all.
 */
export class HeatmapCounter {
  private readonly complete: Uint32Array;
  private readonly implemented: Uint32Array;
  private readonly applicable: Uint32Array;
  private components = 0;

  constructor(private readonly layout: HeatmapLayout) {
    const cells = layout.activities.length;
    this.complete = new Uint32Array(cells);
    this.implemented = new Uint32Array(cells);
    this.applicable = new Uint32Array(cells);
  }

  /** Adds one component, with its counts from `componentCells`. */
  add(counts: Uint16Array): void {
    this.components += 1;
    const { activities } = this.layout;
    const cells = activities.length;
    for (let cell = 0; cell < cells; cell++) {
      const applicable = activities[cell] - counts[cells + cell];
      this.implemented[cell] += counts[cell];
      this.applicable[cell] += applicable;
      // As for levels, a cell where nothing applies has nothing left undone.
      if (counts[cell] >= applicable) this.complete[cell] += 1;
    }
  }

  result(): RollupHeatmap {
    return {
      components: this.components,
      subDimensions: this.layout.rows.map((row, i) => ({
        ...row,
        levels: LEVELS.map(level => {
          const cell = 5 * i + level - 1;
          return {
            level,
            activities: this.layout.activities[cell],
            complete: this.complete[cell],
            implemented: this.implemented[cell],
            applicable: this.applicable[cell],
          };
        }),
      })),
    };
  }
}
