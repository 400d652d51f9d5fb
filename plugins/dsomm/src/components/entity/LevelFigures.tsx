import { EntityScoreResponse } from '@dsomm/plugin-dsomm-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatScore } from './format';
import { TargetStatus } from './StatusChips';

const useStyles = makeStyles(theme => ({
  figures: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    marginBottom: theme.spacing(2),
  },
  large: { gap: theme.spacing(4) },
  compact: { gap: theme.spacing(3) },
  figure: {
    fontWeight: theme.typography.fontWeightBold as number,
    lineHeight: 1.1,
  },
  largeFigure: { fontSize: theme.typography.h3.fontSize },
  compactFigure: { fontSize: theme.typography.h4.fontSize },
  help: { maxWidth: 260 },
}));

/**
 * What the score measures. It counts every level, so a component meeting a low target can
 * score low: the sentence says so where the score is shown.
 */
export const SCORE_HELP =
  'Share of applicable activities implemented, at all levels 1-5, each weighted by its level; the target needs only its own levels.';

/**
 * Level against target, score and meets/below status (or "Not assessed yet"): the tab's
 * summary and the card's.
 */
export function LevelFigures(props: {
  score: EntityScoreResponse;
  levelLabel: string;
  size: 'large' | 'compact';
}) {
  const { score, levelLabel, size } = props;
  const classes = useStyles();
  const figure = `${classes.figure} ${
    size === 'large' ? classes.largeFigure : classes.compactFigure
  }`;
  return (
    <Box
      className={`${classes.figures} ${
        size === 'large' ? classes.large : classes.compact
      }`}
    >
      <div>
        <Typography variant="overline" component="div">
          {levelLabel}
        </Typography>
        <span className={figure}>{score.overallLevel}</span>
        <Typography component="span" color="textSecondary">
          {' '}
          of target {score.target.level}
        </Typography>
      </div>
      <div>
        <Typography variant="overline" component="div">
          Score
        </Typography>
        <span className={figure}>{formatScore(score.score)}</span>
        <Typography component="span" color="textSecondary">
          {' '}
          / 100
        </Typography>
        <Typography
          variant="caption"
          color="textSecondary"
          component="div"
          className={classes.help}
        >
          {SCORE_HELP}
        </Typography>
      </div>
      <div>
        {score.assessed === false ? (
          // Not a failed assessment: no red "Below target" before any evidence exists.
          <Typography variant="subtitle1" component="span">
            Not assessed yet
          </Typography>
        ) : (
          <TargetStatus meetsTarget={score.meetsTarget} size="medium" />
        )}
      </div>
    </Box>
  );
}
