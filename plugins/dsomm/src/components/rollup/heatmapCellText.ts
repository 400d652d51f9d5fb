import { RollupHeatmapCell } from '@dsomm/plugin-dsomm-common';

/** What one roll-up heatmap cell says, in words as well as figures. */
export interface HeatmapCellText {
  /** Short text shown in the cell, e.g. "7/9". */
  figure: string;
  /** The rest of the sentence, for the cell's second line and screen readers. */
  detail: string;
  /** Share of the components that complete the cell (0-1), for the shade; null when moot. */
  share: number | null;
}

const percent = (part: number, whole: number) =>
  `${Math.round((100 * part) / whole)}%`;

/**
 * The text of a cell: the components with every applicable activity implemented out of all,
 * and the share of applicable activities implemented across them. Cells the model leaves
 * empty, or where nothing applies to any component, say so instead of "9/9".
 */
export function heatmapCellText(
  cell: RollupHeatmapCell,
  components: number,
): HeatmapCellText {
  if (cell.activities === 0) {
    return { figure: '–', detail: 'no activities at this level', share: null };
  }
  if (cell.applicable === 0) {
    return {
      figure: '–',
      detail: 'not applicable to any component',
      share: null,
    };
  }
  return {
    figure: `${cell.complete}/${components}`,
    detail: `${percent(cell.implemented, cell.applicable)} of activities`,
    share: components === 0 ? null : cell.complete / components,
  };
}
