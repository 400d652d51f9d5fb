import { LEVELS, ScoreHistoryPoint } from '@dsomm/plugin-dsomm-common';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { useId } from 'react';
import { formatScore } from './format';
import { historySummary } from './historySummary';

const WIDTH = 640;
const HEIGHT = 200;
const M = { top: 12, right: 44, bottom: 28, left: 36 };
const PLOT_W = WIDTH - M.left - M.right;
const PLOT_H = HEIGHT - M.top - M.bottom;
const DAY_MS = 24 * 60 * 60 * 1000;

const useStyles = makeStyles(theme => ({
  svg: { width: '100%', height: 'auto', display: 'block' },
  axis: { fill: theme.palette.text.secondary, fontSize: 11 },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    fontSize: theme.typography.caption.fontSize,
    color: theme.palette.text.secondary,
    alignItems: 'center',
  },
}));

/** Day labels: the first starts at its point, the last ends at it, others are centred. */
function dayAnchor(index: number, count: number): 'start' | 'middle' | 'end' {
  if (count === 1) return 'middle';
  if (index === 0) return 'start';
  if (index === count - 1) return 'end';
  return 'middle';
}

/**
 * Overall level (steps, solid, left axis 0-5) and score (line, dashed, right axis 0-100) per
 * day, with the target level as a dotted line. The text summary goes in the SVG's description.
 */
export function ScoreHistoryChart(props: {
  history: ScoreHistoryPoint[];
  targetLevel?: number;
}) {
  const { history, targetLevel } = props;
  const classes = useStyles();
  const theme = useTheme();
  const titleId = useId();
  const descId = useId();
  const levelColor = theme.palette.primary.main;
  const scoreColor = theme.palette.secondary.main;
  const gridColor = theme.palette.divider;

  const times = history.map(p => Date.parse(p.day));
  const start = Math.min(...times);
  const end = Math.max(...times);
  const span = Math.max(end - start, DAY_MS);
  const x = (time: number) =>
    history.length === 1
      ? M.left + PLOT_W / 2
      : M.left + ((time - start) / span) * PLOT_W;
  const yLevel = (level: number) => M.top + PLOT_H - (level / 5) * PLOT_H;
  const yScore = (score: number) => M.top + PLOT_H - (score / 100) * PLOT_H;

  const levelPath = history
    .map((p, i) => {
      const px = x(times[i]);
      const py = yLevel(p.overallLevel);
      if (i === 0) return `M${px},${py}`;
      return `H${px}V${py}`;
    })
    .join('');
  const scorePath = history
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(times[i])},${yScore(p.score)}`)
    .join('');
  const labelDays = Array.from(
    new Set([0, Math.floor((history.length - 1) / 2), history.length - 1]),
  );

  return (
    <figure style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className={classes.svg}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
      >
        <title id={titleId}>Overall level and score per day</title>
        <desc id={descId}>{historySummary(history)}</desc>
        {[0, ...LEVELS].map(level => (
          <g key={level}>
            <line
              x1={M.left}
              x2={M.left + PLOT_W}
              y1={yLevel(level)}
              y2={yLevel(level)}
              stroke={gridColor}
            />
            <text
              x={M.left - 8}
              y={yLevel(level) + 4}
              textAnchor="end"
              className={classes.axis}
            >
              {level}
            </text>
            <text
              x={M.left + PLOT_W + 8}
              y={yLevel(level) + 4}
              className={classes.axis}
            >
              {level * 20}
            </text>
          </g>
        ))}
        {targetLevel !== undefined && (
          <line
            x1={M.left}
            x2={M.left + PLOT_W}
            y1={yLevel(targetLevel)}
            y2={yLevel(targetLevel)}
            stroke={theme.palette.text.secondary}
            strokeDasharray="2 4"
            strokeWidth={1.5}
          />
        )}
        {labelDays.map(i => (
          <text
            key={i}
            x={x(times[i])}
            y={HEIGHT - 8}
            textAnchor={dayAnchor(i, history.length)}
            className={classes.axis}
          >
            {history[i].day}
          </text>
        ))}
        <path
          d={scorePath}
          fill="none"
          stroke={scoreColor}
          strokeWidth={2}
          strokeDasharray="6 4"
        />
        <path d={levelPath} fill="none" stroke={levelColor} strokeWidth={2.5} />
        {history.map((p, i) => (
          <g key={p.day}>
            <circle
              cx={x(times[i])}
              cy={yScore(p.score)}
              r={3}
              fill={scoreColor}
            >
              <title>{`${p.day}: score ${formatScore(p.score)}`}</title>
            </circle>
            <rect
              x={x(times[i]) - 3.5}
              y={yLevel(p.overallLevel) - 3.5}
              width={7}
              height={7}
              fill={levelColor}
            >
              <title>{`${p.day}: level ${p.overallLevel}`}</title>
            </rect>
          </g>
        ))}
      </svg>
      <figcaption className={classes.legend}>
        <span>
          <svg width="28" height="8" aria-hidden="true">
            <line
              x1="0"
              x2="28"
              y1="4"
              y2="4"
              stroke={levelColor}
              strokeWidth={2.5}
            />
          </svg>{' '}
          Overall level (left axis)
        </span>
        <span>
          <svg width="28" height="8" aria-hidden="true">
            <line
              x1="0"
              x2="28"
              y1="4"
              y2="4"
              stroke={scoreColor}
              strokeWidth={2}
              strokeDasharray="6 4"
            />
          </svg>{' '}
          Score (right axis)
        </span>
        {targetLevel !== undefined && (
          <span>
            <svg width="28" height="8" aria-hidden="true">
              <line
                x1="0"
                x2="28"
                y1="4"
                y2="4"
                stroke={theme.palette.text.secondary}
                strokeWidth={1.5}
                strokeDasharray="2 4"
              />
            </svg>{' '}
            Target level {targetLevel}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
