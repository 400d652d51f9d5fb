import { InfoCard } from '@backstage/core-components';
import { EntityScoreResponse } from '@dsomm/plugin-dsomm-common';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatScore, formatTime } from './format';
import { DimensionTargetsTable } from './DimensionTargetsTable';
import { TargetStatus } from './StatusChips';
import { cardTitleProps } from './cardTitleProps';

const useStyles = makeStyles(theme => ({
  figures: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(4),
    alignItems: 'flex-end',
    marginBottom: theme.spacing(2),
  },
  figure: {
    fontSize: theme.typography.h3.fontSize,
    fontWeight: theme.typography.fontWeightBold as number,
    lineHeight: 1.1,
  },
  facts: {
    margin: 0,
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0 },
  },
  bar: { height: 8, borderRadius: 4, marginBottom: theme.spacing(2) },
  subheading: { marginTop: theme.spacing(3) },
}));

/** Per-dimension target exceptions, e.g. `Culture and Organization: level 1`. */
export function targetExceptions(score: EntityScoreResponse): string[] {
  return Object.entries(score.target.dimensions ?? {})
    .filter(([, level]) => level !== score.target.level)
    .map(([dimension, level]) => `${dimension}: level ${level}`);
}

/** The entity's overall level and each dimension's level against the target, and the score. */
export function LevelSummaryCard(props: { score: EntityScoreResponse }) {
  const { score } = props;
  const classes = useStyles();
  const exceptions = targetExceptions(score);
  return (
    <InfoCard
      titleTypographyProps={cardTitleProps}
      title="Maturity"
      variant="gridItem"
    >
      <Box className={classes.figures}>
        <div>
          <Typography variant="overline" component="div">
            Overall level
          </Typography>
          <span className={classes.figure}>{score.overallLevel}</span>
          <Typography component="span" color="textSecondary">
            {' '}
            of target {score.target.level}
          </Typography>
        </div>
        <div>
          <Typography variant="overline" component="div">
            Score
          </Typography>
          <span className={classes.figure}>{formatScore(score.score)}</span>
          <Typography component="span" color="textSecondary">
            {' '}
            / 100
          </Typography>
        </div>
        <div>
          <TargetStatus meetsTarget={score.meetsTarget} size="medium" />
        </div>
      </Box>
      <LinearProgress
        variant="determinate"
        value={Math.max(0, Math.min(100, score.score))}
        className={classes.bar}
        aria-label={`Score ${formatScore(score.score)} of 100`}
      />
      <dl className={classes.facts}>
        <dt>Tier</dt>
        <dd>{score.tier ?? 'none'}</dd>
        <dt>Target</dt>
        <dd>
          Level {score.target.level} in every dimension
          {exceptions.length > 0 ? `, except ${exceptions.join(', ')}` : ''}
        </dd>
        <dt>Scored</dt>
        <dd>{formatTime(score.computedAt)}</dd>
        <dt>Model</dt>
        <dd>DSOMM {score.modelVersion}</dd>
      </dl>
      <Typography
        variant="subtitle2"
        component="h3"
        className={classes.subheading}
      >
        Dimensions against target
      </Typography>
      <DimensionTargetsTable score={score} />
    </InfoCard>
  );
}
