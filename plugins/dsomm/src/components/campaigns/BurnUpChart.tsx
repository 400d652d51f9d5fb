import { CampaignBurnUpPoint } from '@dsomm/plugin-dsomm-common';
import { makeStyles } from '@material-ui/core/styles';
import { ChartGridLine, useChartAxisStyles } from '../common/chartAxis';

const WIDTH = 360;
const HEIGHT = 150;
const PAD = { top: 10, right: 14, bottom: 22, left: 30 };

const useStyles = makeStyles(theme => ({
  svg: { display: 'block', width: '100%', maxWidth: 640, height: 'auto' },
  done: { fill: 'none', stroke: theme.palette.primary.main, strokeWidth: 2 },
  inScope: {
    fill: 'none',
    stroke: theme.palette.text.secondary,
    strokeWidth: 1.5,
    strokeDasharray: '4 3',
  },
  deadline: {
    stroke: theme.palette.error.main,
    strokeWidth: 1,
    strokeDasharray: '2 2',
  },
  dot: { fill: theme.palette.primary.main },
  pace: {
    fill: 'none',
    stroke: theme.palette.primary.light,
    strokeWidth: 1,
    strokeDasharray: '1 3',
  },
}));

function dayTime(day: string): number {
  return Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
}

/** One or two sentences saying where the burn-up stands, for the chart's label and readers. */
export function burnUpSummary(
  points: CampaignBurnUpPoint[],
  deadline: string,
): string {
  if (points.length === 0) {
    return `No daily history yet; the deadline is ${deadline.slice(0, 10)}.`;
  }
  const first = points[0];
  const last = points[points.length - 1];
  return `On ${last.day}, ${last.done} of ${
    last.inScope
  } components had reached the goal, from ${first.done} of ${
    first.inScope
  } on ${first.day}; the deadline is ${deadline.slice(0, 10)}.`;
}

/**
 * The burn-up: components done (solid) and in scope (dashed) per day, a vertical line at the
 * deadline and a dotted line from the first day's done count to the scope at the deadline,
 * the pace that would finish in time. Drawn as TrendChart draws the scorecard's trend.
 */
export function BurnUpChart(props: {
  points: CampaignBurnUpPoint[];
  deadline: string;
}) {
  const { points, deadline } = props;
  const classes = useStyles();
  const axis = useChartAxisStyles();
  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const end = dayTime(deadline);
  const first = points.length > 0 ? dayTime(points[0].day) : end;
  const last = Math.max(
    end,
    points.length > 0 ? dayTime(points[points.length - 1].day) : end,
  );
  const top = Math.max(1, ...points.map(p => Math.max(p.inScope, p.done)));
  const x = (time: number) =>
    PAD.left +
    (last === first
      ? innerWidth / 2
      : ((time - first) / (last - first)) * innerWidth);
  const y = (count: number) => PAD.top + (1 - count / top) * innerHeight;
  const line = (value: (p: CampaignBurnUpPoint) => number) =>
    points
      .map(p => `${x(dayTime(p.day)).toFixed(1)},${y(value(p)).toFixed(1)}`)
      .join(' ');
  const lastPoint = points[points.length - 1];
  return (
    <svg
      className={classes.svg}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`Burn-up chart. ${burnUpSummary(points, deadline)}`}
    >
      {[0, top].map(count => (
        <ChartGridLine
          key={count}
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y={y(count)}
          label={count}
        />
      ))}
      <line
        className={classes.deadline}
        data-testid="burn-up-deadline"
        x1={x(end)}
        x2={x(end)}
        y1={PAD.top}
        y2={HEIGHT - PAD.bottom}
      />
      <text
        className={axis.axisText}
        x={x(end)}
        y={HEIGHT - 6}
        textAnchor={end === last ? 'end' : 'middle'}
      >
        {`deadline ${deadline.slice(0, 10)}`}
      </text>
      {points.length > 0 && (
        <>
          <text
            className={axis.axisText}
            x={PAD.left}
            y={HEIGHT - 6}
            textAnchor="start"
          >
            {points[0].day}
          </text>
          {end > first && (
            <polyline
              className={classes.pace}
              points={`${x(first)},${y(points[0].done)} ${x(end)},${y(
                lastPoint.inScope,
              )}`}
            />
          )}
          <polyline
            className={classes.inScope}
            data-testid="burn-up-in-scope"
            points={line(p => p.inScope)}
          />
          <polyline
            className={classes.done}
            data-testid="burn-up-done"
            points={line(p => p.done)}
          />
          {/* The latest counts as dots, so that a single day still shows. */}
          <circle
            className={classes.dot}
            cx={x(dayTime(lastPoint.day))}
            cy={y(lastPoint.inScope)}
            r={2.5}
          />
          <circle
            className={classes.dot}
            cx={x(dayTime(lastPoint.day))}
            cy={y(lastPoint.done)}
            r={3}
          />
        </>
      )}
    </svg>
  );
}
