import { LevelStats } from '@dsomm/plugin-dsomm-common';
import TableCell from '@material-ui/core/TableCell';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { CellDetailsButton } from '../common/CellDetailsButton';
import { formatNumber } from './format';
import { levelColors } from './levelColors';

const useStyles = makeStyles(theme => ({
  cell: {
    textAlign: 'center',
    fontVariantNumeric: 'tabular-nums',
    borderLeft: `1px solid ${theme.palette.background.paper}`,
    whiteSpace: 'nowrap',
  },
}));

/** A heatmap cell: the mean level as text on a colour that darkens with the level. */
export function HeatCell(props: {
  stats: LevelStats | undefined;
  label: string;
}) {
  const { stats, label } = props;
  const classes = useStyles();
  const theme = useTheme();
  if (!stats) {
    return <TableCell className={classes.cell}>–</TableCell>;
  }
  const colors = levelColors(theme, stats.mean);
  const description = `${label}: mean level ${formatNumber(
    stats.mean,
  )}; components per level 0-5: ${stats.distribution.join(' / ')}`;
  return (
    <TableCell className={classes.cell} style={colors}>
      <CellDetailsButton label={description}>
        {formatNumber(stats.mean)}
      </CellDetailsButton>
    </TableCell>
  );
}

/** A key to the heatmap colours, levels 0 to 5, each with its number. */
export function HeatLegend() {
  const theme = useTheme();
  return (
    <span aria-hidden style={{ display: 'inline-flex', gap: 2 }}>
      {[0, 1, 2, 3, 4, 5].map(level => (
        <span
          key={level}
          style={{
            ...levelColors(theme, level),
            padding: '0 8px',
            borderRadius: 2,
            fontSize: '0.75rem',
          }}
        >
          {level}
        </span>
      ))}
    </span>
  );
}
