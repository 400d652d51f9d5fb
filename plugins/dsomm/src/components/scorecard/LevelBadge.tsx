import { makeStyles, useTheme } from '@material-ui/core/styles';
import { levelColors } from './levelColors';

const useStyles = makeStyles(theme => ({
  badge: {
    display: 'inline-block',
    minWidth: '1.8em',
    padding: theme.spacing(0, 0.75),
    borderRadius: theme.shape.borderRadius,
    textAlign: 'center',
    fontVariantNumeric: 'tabular-nums',
  },
}));

/** A level (0-5) as its number on the heatmap colour of that level. */
export function LevelBadge(props: {
  level: number | undefined;
  label?: string;
}) {
  const { level, label } = props;
  const classes = useStyles();
  const theme = useTheme();
  if (level === undefined) return <>–</>;
  return (
    <span
      className={classes.badge}
      style={levelColors(theme, level)}
      title={label ? `${label}: level ${level}` : `Level ${level}`}
    >
      {level}
    </span>
  );
}
