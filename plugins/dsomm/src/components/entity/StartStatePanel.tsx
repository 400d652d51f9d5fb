import {
  configApiRef,
  discoveryApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { DsommModel, EntityScoreResponse } from '@dsomm/plugin-dsomm-common';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsync from 'react-use/esm/useAsync';
import { CopyButton } from './CopyButton';
import { annotationSnippet, backendBaseUrl, uploadCommand } from './startState';

const useStyles = makeStyles(theme => ({
  panel: { padding: theme.spacing(2) },
  code: {
    margin: theme.spacing(1, 0),
    padding: theme.spacing(1),
    background: theme.palette.background.default,
    overflowX: 'auto',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    fontSize: '0.85rem',
  },
  way: { marginTop: theme.spacing(2) },
}));

/** How many next steps the annotation snippet declares: enough to show the list format. */
const SNIPPET_KEYS = 3;

/**
 * The tab's start state "Not assessed yet": what it means, and the three ways to add the
 * first evidence, ready to copy for this component.
 */
export function StartStatePanel(props: {
  score: EntityScoreResponse;
  model?: DsommModel;
  /** Opens the attest dialog; absent for users who may not attest. */
  onAttest?: (activityId: string) => void;
}) {
  const { score, model, onAttest } = props;
  const classes = useStyles();
  const discovery = useApi(discoveryApiRef);
  const config = useApi(configApiRef);
  const baseUrl = useAsync(async () => {
    try {
      return backendBaseUrl(await discovery.getBaseUrl('dsomm'));
    } catch {
      return config.getOptionalString('backend.baseUrl') ?? '<backend url>';
    }
  }, [discovery, config]);
  const byId = new Map((model?.activities ?? []).map(a => [a.id, a]));
  const steps = score.nextSteps.filter(s => byId.has(s.activityId));
  const keys = steps
    .slice(0, SNIPPET_KEYS)
    .map(s => byId.get(s.activityId)!.key);
  const first = steps[0] ? byId.get(steps[0].activityId) : undefined;
  const snippet = annotationSnippet(
    keys.length > 0 ? keys : ['<activity-key>'],
  );
  const command = uploadCommand(
    baseUrl.value ?? '<backend url>',
    score.entityRef,
  );
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="dsomm-start-title"
      className={classes.panel}
    >
      <Typography id="dsomm-start-title" variant="h6" component="h2">
        Not assessed yet
      </Typography>
      <Typography variant="body2">
        DSOMM has no evidence for this component: no annotation, scanner report,
        attestation or waiver of its own, and nothing inherited from its group,
        system, domain or the organisation. Its levels read 0 because nothing
        was assessed, not because an assessment failed. Add evidence in one of
        three ways.
      </Typography>
      <div className={classes.way}>
        <Typography variant="subtitle2" component="h3">
          1. Declare implemented activities in catalog-info.yaml
        </Typography>
        <pre className={classes.code}>{snippet}</pre>
        <CopyButton text={snippet} label="Copy annotation snippet" />
      </div>
      <div className={classes.way}>
        <Typography variant="subtitle2" component="h3">
          2. Upload a scanner report from CI
        </Typography>
        <pre className={classes.code}>{command}</pre>
        <CopyButton text={command} label="Copy upload command" />
      </div>
      <div className={classes.way}>
        <Typography variant="subtitle2" component="h3">
          3. Attest an activity
        </Typography>
        {onAttest && first ? (
          <Button
            variant="contained"
            color="primary"
            size="small"
            onClick={() => onAttest(first.id)}
          >
            Attest {first.name}
          </Button>
        ) : (
          <Typography variant="body2" color="textSecondary">
            Owners with the DSOMM attest permission can attest activities in the
            list below.
          </Typography>
        )}
      </div>
    </Paper>
  );
}
