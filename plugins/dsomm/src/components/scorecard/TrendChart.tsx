import { ScorecardTrendPoint } from '@dsomm/plugin-dsomm-common';
import { makeStyles } from '@material-ui/core/styles';
import { ChartGridLine, useChartAxisStyles } from '../common/chartAxis';
import { formatPercent } from './format';

const WIDTH = 320;
const HEIGHT = 130;
const PAD = { top: 8, right: 12, bottom: 22, left: 36 };

const useStyles = makeStyles(theme => ({
  svg: {
    display: 'block',
    width: '100%',
    maxWidth: 560,
    height: 'auto',
  },
  line: {
    fill: 'none',
    stroke: theme.palette.primary.main,
    strokeWidth: 2,
  },
  dot: {
    fill: theme.palette.primary.main,
  },
}));

export type MeasuredPoint = ScorecardTrendPoint & {
  shareMeetingTarget: number;
};

function dayTime(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/**
 * A small line chart of the share meeting target (0-100 %) over days. The caller supplies a
 * text summary; the chart itself is labelled with the first and last values.
 */
export function TrendChart(props: { points: MeasuredPoint[] }) {
  const { points } = props;
  const classes = useStyles();
  const axis = useChartAxisStyles();
  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const first = dayTime(points[0].day);
  const last = dayTime(points[points.length - 1].day);
  const x = (day: string) =>
    PAD.left +
    (last === first
      ? innerWidth / 2
      : ((dayTime(day) - first) / (last - first)) * innerWidth);
  const y = (share: number) => PAD.top + (1 - share) * innerHeight;
  const path = points
    .map(p => `${x(p.day).toFixed(1)},${y(p.shareMeetingTarget).toFixed(1)}`)
    .join(' ');
  const firstPoint = points[0];
  const lastPoint = points[points.length - 1];
  return (
    <svg
      className={classes.svg}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Share meeting target from ${firstPoint.day} (${formatPercent(
        firstPoint.shareMeetingTarget,
      )}) to ${lastPoint.day} (${formatPercent(lastPoint.shareMeetingTarget)})`}
    >
      {[0, 0.5, 1].map(share => (
        <ChartGridLine
          key={share}
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y={y(share)}
          label={formatPercent(share)}
        />
      ))}
      <text
        className={axis.axisText}
        x={PAD.left}
        y={HEIGHT - 6}
        textAnchor={points.length > 1 ? 'start' : 'middle'}
        dx={points.length > 1 ? 0 : innerWidth / 2}
      >
        {firstPoint.day}
      </text>
      {points.length > 1 && (
        <text
          className={axis.axisText}
          x={WIDTH - PAD.right}
          y={HEIGHT - 6}
          textAnchor="end"
        >
          {lastPoint.day}
        </text>
      )}
      {points.length > 1 && <polyline className={classes.line} points={path} />}
      {(points.length === 1 ? points : [lastPoint]).map(p => (
        <circle
          key={p.day}
          className={classes.dot}
          cx={x(p.day)}
          cy={y(p.shareMeetingTarget)}
          r={3}
        />
      ))}
    </svg>
  );
}
