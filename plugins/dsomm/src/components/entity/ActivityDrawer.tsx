import { Link, MarkdownContent } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CloseIcon from '@material-ui/icons/Close';
import { ActivityFactsLine } from './ActivityFactsLine';
import { ActivityRow } from './activityRows';
import { annotationSnippet, reportProofs } from './howToProve';
import { ActivityStatusChip } from './StatusChips';
import { useFocusRingStyles } from '../common/focusRing';

const useStyles = makeStyles(theme => ({
  paper: {
    width: 560,
    // Full width on phones, never wider than the screen.
    maxWidth: '100vw',
    padding: theme.spacing(3),
    boxSizing: 'border-box',
  },
  header: { display: 'flex', alignItems: 'flex-start', gap: theme.spacing(1) },
  title: { flex: 1, overflowWrap: 'anywhere' },
  section: { marginTop: theme.spacing(3) },
  snippet: {
    background: theme.palette.background.default,
    padding: theme.spacing(1),
    overflowX: 'auto',
    fontSize: '0.8rem',
  },
}));

const TEXT_SECTIONS = [
  ['description', 'Description'],
  ['risk', 'Risk'],
  ['measure', 'Measure'],
] as const;

/**
 * One activity in detail: DSOMM's own texts when the loaded model has them, and how this plugin
 * can be given evidence for it (annotation, scanner report, attestation).
 */
export function ActivityDrawer(props: {
  row: ActivityRow | undefined;
  onClose: () => void;
  onAttest?: (activityId: string) => void;
}) {
  const { row, onClose, onAttest } = props;
  const classes = useStyles();
  const focus = useFocusRingStyles();
  const texts = TEXT_SECTIONS.filter(([field]) => row?.texts?.[field]);
  const reports = row ? reportProofs(row.key, row.proofCategories) : [];
  const canAttest =
    row && row.status !== 'implemented' && row.status !== 'not-applicable';
  return (
    <Drawer
      anchor="right"
      open={row !== undefined}
      onClose={onClose}
      classes={{ paper: `${classes.paper} ${focus.focusRing}` }}
      PaperProps={{
        role: 'dialog',
        'aria-label': row ? `Activity ${row.name}` : undefined,
      }}
    >
      {row && (
        <>
          <div className={classes.header}>
            <Typography variant="h5" component="h2" className={classes.title}>
              {row.name}
            </Typography>
            <IconButton aria-label="Close" onClick={onClose} size="small">
              <CloseIcon />
            </IconButton>
          </div>
          <Typography variant="body2" color="textSecondary">
            Level {row.level} · {row.dimension} / {row.subDimension}
          </Typography>
          <Box mt={1}>
            <ActivityStatusChip status={row.status} target={row.target} />
          </Box>
          <ActivityFactsLine facts={row} />

          {texts.length > 0 ? (
            texts.map(([field, title]) => (
              <section key={field} className={classes.section}>
                <Typography variant="h6" component="h3">
                  {title}
                </Typography>
                <MarkdownContent content={row.texts![field]!} />
              </section>
            ))
          ) : (
            <Typography variant="body2" className={classes.section}>
              The loaded model has no DSOMM description of this activity; read
              it, with its risk and measure, on{' '}
              <Link to={row.url} target="_blank" rel="noopener noreferrer">
                its DSOMM page
              </Link>
              .
            </Typography>
          )}

          <section className={classes.section}>
            <Typography variant="h6" component="h3">
              How to prove it
            </Typography>
            <Typography variant="subtitle2" component="h4">
              Annotation
            </Typography>
            <Typography variant="body2">
              Add the key to the component's catalog file (several keys go in
              one value, separated by commas or new lines):
            </Typography>
            <pre className={classes.snippet} aria-label="Annotation snippet">
              {annotationSnippet(row.key)}
            </pre>
            {row.proofAnnotations.length > 0 && (
              <Typography variant="body2">
                This portal also counts it for a component with any of these
                annotations:{' '}
                {row.proofAnnotations.map((a, i) => (
                  <span key={a}>
                    {i > 0 && ', '}
                    <code>{a}</code>
                  </span>
                ))}
                .
              </Typography>
            )}
            <Typography variant="subtitle2" component="h4">
              Scanner reports
            </Typography>
            {reports.length > 0 ? (
              reports.map(text => (
                <Typography key={text} variant="body2">
                  {text}
                </Typography>
              ))
            ) : (
              <Typography variant="body2">
                No scanner report proves this activity.
              </Typography>
            )}
            <Typography variant="subtitle2" component="h4">
              Attestation
            </Typography>
            <Typography variant="body2">
              Someone allowed to attest records that it is implemented, with a
              comment and an expiry.
            </Typography>
            {canAttest && onAttest && (
              <Button
                color="primary"
                variant="outlined"
                size="small"
                onClick={() => onAttest(row.id)}
              >
                Attest {row.name}
              </Button>
            )}
          </section>
        </>
      )}
    </Drawer>
  );
}
