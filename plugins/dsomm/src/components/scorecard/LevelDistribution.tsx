import { InfoCard } from '@backstage/core-components';
import { LevelStats } from '@dsomm/plugin-dsomm-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatPercent } from './format';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  item: {
    display: 'grid',
    gridTemplateColumns: '4.5em 1fr 6.5em',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(0.75),
  },
  track: {
    height: 18,
    borderRadius: theme.shape.borderRadius,
    backgroundColor: theme.palette.action.hover,
    overflow: 'hidden',
  },
  bar: {
    height: '100%',
    minWidth: 2,
    backgroundColor: theme.palette.primary.main,
  },
  count: {
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
  },
}));

/** Bars counting the components at each overall level, 0 to 5. */
export function LevelDistribution(props: { overall: LevelStats }) {
  const { distribution } = props.overall;
  const classes = useStyles();
  const total = distribution.reduce((sum, n) => sum + n, 0);
  const max = Math.max(...distribution, 1);
  return (
    <InfoCard title="Overall levels" variant="gridItem">
      <ul className={classes.list} aria-label="Components per overall level">
        {distribution.map((count, level) => (
          <li key={level} className={classes.item}>
            <Typography variant="body2">Level {level}</Typography>
            <div className={classes.track} aria-hidden>
              {count > 0 && (
                <div
                  className={classes.bar}
                  style={{ width: `${(count / max) * 100}%` }}
                />
              )}
            </div>
            <Typography variant="body2" className={classes.count}>
              {count} ({formatPercent(total ? count / total : null)})
            </Typography>
          </li>
        ))}
      </ul>
      <Typography variant="caption" color="textSecondary">
        The overall level is a component's lowest dimension level.
      </Typography>
    </InfoCard>
  );
}
