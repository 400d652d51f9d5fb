import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ActivityFacts } from './activityRows';
import { CopyKeyButton } from './CopyKeyButton';

const useStyles = makeStyles(theme => ({
  facts: { marginTop: theme.spacing(0.5) },
  key: {
    fontFamily: 'monospace',
    // Keys are long slugs: break at hyphens rather than overflow narrow screens.
    overflowWrap: 'anywhere',
  },
  line: { display: 'block' },
}));

/** The SAMM and ISO 27001 references of an activity as one line, or '' when it has none. */
export function referencesText(facts: Pick<ActivityFacts, 'references'>) {
  const refs = facts.references;
  if (!refs) return '';
  const parts: string[] = [];
  if (refs.samm2.length) parts.push(`SAMM ${refs.samm2.join(', ')}`);
  if (refs['iso27001-2022'].length)
    parts.push(`ISO 27001:2022 ${refs['iso27001-2022'].join(', ')}`);
  if (refs['iso27001-2017'].length)
    parts.push(`ISO 27001:2017 ${refs['iso27001-2017'].join(', ')}`);
  return parts.join(' · ');
}

/** Key (with copy button), tools, references and DSOMM page of an activity, under its name. */
export function ActivityFactsLine(props: { facts: ActivityFacts }) {
  const { facts } = props;
  const classes = useStyles();
  const references = referencesText(facts);
  return (
    <div className={classes.facts}>
      <Typography variant="caption" component="span" className={classes.line}>
        Key: <code className={classes.key}>{facts.key}</code>
        <CopyKeyButton activityKey={facts.key} />
      </Typography>
      {facts.tools.length > 0 && (
        <Typography
          variant="caption"
          color="textSecondary"
          component="span"
          className={classes.line}
        >
          Tools: {facts.tools.join(', ')}
        </Typography>
      )}
      {references && (
        <Typography
          variant="caption"
          color="textSecondary"
          component="span"
          className={classes.line}
        >
          {references}
        </Typography>
      )}
      <Typography variant="caption" component="span" className={classes.line}>
        <Link
          to={facts.url}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={`DSOMM page of ${facts.name}`}
        >
          DSOMM page
        </Link>
      </Typography>
    </div>
  );
}
