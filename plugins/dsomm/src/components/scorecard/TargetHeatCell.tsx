import { LevelStats } from '@dsomm/plugin-dsomm-common';
import TableCell from '@material-ui/core/TableCell';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { CellDetailsButton } from '../common/CellDetailsButton';
import { formatNumber } from './format';
import { distanceColors, levelColors } from './levelColors';

const useStyles = makeStyles(theme => ({
  cell: {
    textAlign: 'center',
    fontVariantNumeric: 'tabular-nums',
    borderLeft: `1px solid ${theme.palette.background.paper}`,
    whiteSpace: 'nowrap',
  },
  distance: {
    display: 'block',
    fontSize: '0.75em',
  },
}));

/** The range of the distances shown: what the colour scale spans. */
export interface DistanceRange {
  min: number;
  max: number;
}

/** `+0.4`, `-1.2`, `0.0`: a distance with its sign. */
export function formatDistance(distance: number): string {
  const text = formatNumber(Math.abs(distance));
  if (text === '0.0') return text;
  return distance < 0 ? `\u2212${text}` : `+${text}`;
}

/**
 * A scorecard heatmap cell: the mean level as text, its distance to the group's mean target below it,
 * on a colour that says how far below (red) or above (green) the target the group is.
 */
export function TargetHeatCell(props: {
  stats: LevelStats | undefined;
  /** The group's mean target level for this column; absent from older backends. */
  target: number | undefined;
  range: DistanceRange;
  label: string;
}) {
  const { stats, target, range, label } = props;
  const classes = useStyles();
  const theme = useTheme();
  if (!stats) {
    return <TableCell className={classes.cell}>–</TableCell>;
  }
  const distance = target === undefined ? undefined : stats.mean - target;
  const description = `${label}: mean level ${formatNumber(stats.mean)}${
    target === undefined
      ? ''
      : `, mean target ${formatNumber(target)} (${formatDistance(distance!)})`
  }; components per level 0-5: ${stats.distribution.join(' / ')}`;
  return (
    <TableCell
      className={classes.cell}
      style={
        // Without targets (an older backend) the colour follows the level, as it did.
        distance === undefined
          ? levelColors(theme, stats.mean)
          : distanceColors(theme, distance, range)
      }
    >
      <CellDetailsButton label={description}>
        {formatNumber(stats.mean)}
        {distance !== undefined && (
          <span className={classes.distance} aria-hidden>
            {formatDistance(distance)}
          </span>
        )}
      </CellDetailsButton>
    </TableCell>
  );
}

/** A key to the heatmap colours over the range shown: furthest below, at, furthest above. */
export function TargetHeatLegend(props: { range: DistanceRange }) {
  const theme = useTheme();
  const { min, max } = props.range;
  const stops = [
    ...(min < 0 ? [min, min / 2] : []),
    0,
    ...(max > 0 ? [max / 2, max] : []),
  ];
  return (
    <span
      role="img"
      aria-label={`Colour key: from ${formatDistance(
        min,
      )} (furthest below target) to ${formatDistance(max)}`}
      style={{ display: 'inline-flex', gap: 2 }}
    >
      {stops.map(stop => (
        <span
          key={stop}
          data-testid="legend-stop"
          style={{
            ...distanceColors(theme, stop, props.range),
            padding: '0 8px',
            borderRadius: 2,
            fontSize: '0.75rem',
          }}
        >
          {formatDistance(stop)}
        </span>
      ))}
    </span>
  );
}
