import { GroupAggregate } from '@dsomm/plugin-dsomm-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatNumber, formatPercent } from '../scorecard/format';

const useStyles = makeStyles(theme => ({
  figures: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: theme.spacing(3),
    marginBottom: theme.spacing(2),
  },
  figure: {
    fontWeight: theme.typography.fontWeightBold as number,
    fontSize: theme.typography.h4.fontSize,
    lineHeight: 1.1,
  },
}));

function Figure(props: { label: string; value: string; suffix?: string }) {
  const classes = useStyles();
  return (
    <div>
      <Typography variant="overline" component="div">
        {props.label}
      </Typography>
      <span className={classes.figure}>{props.value}</span>
      {props.suffix && (
        <Typography component="span" color="textSecondary">
          {' '}
          {props.suffix}
        </Typography>
      )}
    </div>
  );
}

/** Components counted, how many meet their target, and the mean overall level and score. */
export function RollupFigures(props: { rollup: GroupAggregate }) {
  const { rollup } = props;
  const classes = useStyles();
  return (
    <Box className={classes.figures}>
      <Figure label="Components" value={String(rollup.count)} />
      <Figure
        label="Meeting target"
        value={formatPercent(rollup.shareMeetingTarget)}
        suffix={`${rollup.meetingTarget} of ${rollup.count}`}
      />
      <Figure label="Mean level" value={formatNumber(rollup.overall.mean)} />
      <Figure
        label="Mean score"
        value={formatNumber(rollup.meanScore)}
        suffix="/ 100"
      />
    </Box>
  );
}
