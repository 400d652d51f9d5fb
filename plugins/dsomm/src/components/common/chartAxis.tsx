import { ReactNode } from 'react';
import { makeStyles } from '@material-ui/core/styles';

/** The look of the small SVG charts' grid lines and axis labels (trend, burn-up). */
export const useChartAxisStyles = makeStyles(theme => ({
  grid: { stroke: theme.palette.divider, strokeWidth: 1 },
  axisText: {
    fill: theme.palette.text.secondary,
    fontSize: 10,
    fontFamily: theme.typography.fontFamily,
  },
}));

/** A horizontal grid line from `x1` to `x2` at `y`, labelled at its left end. */
export function ChartGridLine(props: {
  x1: number;
  x2: number;
  y: number;
  label: ReactNode;
}) {
  const { x1, x2, y, label } = props;
  const classes = useChartAxisStyles();
  return (
    <g>
      <line className={classes.grid} x1={x1} x2={x2} y1={y} y2={y} />
      <text className={classes.axisText} x={x1 - 4} y={y + 3} textAnchor="end">
        {label}
      </text>
    </g>
  );
}
