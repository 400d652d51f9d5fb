import { InfoCard } from '@backstage/core-components';
import { EntityScoreResponse } from '@dsomm/plugin-dsomm-common';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatScore, formatTime } from './format';
import { DimensionTargetsTable } from './DimensionTargetsTable';
import { LevelFigures } from './LevelFigures';
import { cardTitleProps } from './cardTitleProps';

const useStyles = makeStyles(theme => ({
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
      <LevelFigures score={score} levelLabel="Overall level" size="large" />
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
