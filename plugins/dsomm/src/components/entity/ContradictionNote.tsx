import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ActivityRow } from './activityRows';
import { SOURCE_LABELS } from './format';
import { isInherited, scopeLabel } from './inheritance';

const useStyles = makeStyles(theme => ({
  box: {
    borderLeft: `3px solid ${theme.palette.error.main}`,
    paddingLeft: theme.spacing(1),
  },
}));

/** What was declared about the activity, in a few words: its evidence's kinds and origins. */
export function declaredSummary(row: ActivityRow): string {
  const kinds = new Set(
    row.evidence
      .filter(item => item.source !== 'report')
      .map(item => {
        const label = SOURCE_LABELS[item.source] ?? item.source;
        return isInherited(item)
          ? `${label} from ${scopeLabel(item.scope!)}`
          : label;
      }),
  );
  return kinds.size > 0 ? [...kinds].join(', ') : 'evidence';
}

/**
 * Both sides of a contradicted activity: the declaration and the measurement against it, so
 * people see why it does not count and what to fix.
 */
export function ContradictionNote(props: { row: ActivityRow }) {
  const { row } = props;
  const classes = useStyles();
  if (row.status !== 'contradicted') return null;
  const measured = row.notes.filter(note => note.contradicts);
  return (
    <div className={classes.box} role="note" aria-label="Contradicted">
      <Typography variant="body2">
        <strong>Declared:</strong> {declaredSummary(row)} (listed below)
      </Typography>
      <Typography variant="body2">
        <strong>Measured:</strong>{' '}
        {measured.length > 0
          ? measured.map(note => note.reason).join(' ')
          : 'the latest reports contradict it.'}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        Counts as not implemented until the findings are treated or a waiver is
        recorded.
      </Typography>
    </div>
  );
}
