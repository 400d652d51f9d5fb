import { Link } from '@backstage/core-components';
import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  ScopePreviewResponse,
  ScopePreviewStatus,
} from '@dsomm/plugin-dsomm-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useEffect, useState } from 'react';
import { dsommApiRef } from '../../api';
import { errorMessage, formatScore } from '../entity/format';
import { DSOMM_TAB_PATH } from '../scorecard/format';
import { useEntityPath } from '../scorecard/useEntityPath';
import { componentLabel, liftSummary } from './liftSummary';

const useStyles = makeStyles(theme => ({
  list: { margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(2.5) },
  lifted: { fontWeight: theme.typography.fontWeightBold as number },
}));

type PreviewState =
  | { loading: true }
  | { loading: false; preview?: ScopePreviewResponse; error?: string };

/**
 * Asks the backend what marking `activityIds` with `status` at the scope would change below
 * it; only the answer to the latest selection is kept, so fast clicking shows no stale one.
 */
function useLiftPreview(
  scopeRef: CompoundEntityRef,
  activityIds: string[],
  status: ScopePreviewStatus,
): PreviewState {
  const api = useApi(dsommApiRef);
  const [state, setState] = useState<PreviewState>({ loading: true });
  const key = activityIds.join(',');
  const { kind, namespace, name } = scopeRef;
  useEffect(() => {
    if (key === '') {
      setState({ loading: false });
      return undefined;
    }
    let current = true;
    setState({ loading: true });
    api
      .previewScope(
        { kind, namespace, name },
        { activities: key.split(','), status },
      )
      .then(
        preview => current && setState({ loading: false, preview }),
        error =>
          current && setState({ loading: false, error: errorMessage(error) }),
      );
    return () => {
      current = false;
    };
  }, [api, kind, namespace, name, key, status]);
  return state;
}

/**
 * Which components below the scope the selected activities would lift, and which they would
 * otherwise change, before anything is recorded.
 */
export function LiftPreview(props: {
  scopeRef: CompoundEntityRef;
  activityIds: string[];
  status: ScopePreviewStatus;
}) {
  const { scopeRef, activityIds, status } = props;
  const classes = useStyles();
  const entityPath = useEntityPath();
  const state = useLiftPreview(scopeRef, activityIds, status);
  const heading =
    status === 'implemented'
      ? 'If marked implemented'
      : 'If marked not applicable';

  let body;
  if (state.loading) {
    body = 'Working out which components this lifts…';
  } else if (state.error) {
    body = `Cannot tell which components this lifts: ${state.error}`;
  } else if (state.preview) {
    body = liftSummary(state.preview);
  }
  if (!body) return null;
  const preview = state.loading ? undefined : state.preview;
  const components = preview?.components ?? [];
  return (
    <section aria-label={`${heading}: components below`}>
      <Typography variant="body2" role="status">
        <strong>{heading}:</strong> {body}
      </Typography>
      {components.length > 0 && (
        <Typography variant="body2" component="ul" className={classes.list}>
          {components.map(c => {
            const lifted = c.after.overallLevel > c.before.overallLevel;
            return (
              <li key={c.entityRef} className={lifted ? classes.lifted : ''}>
                <Link
                  to={`${entityPath(
                    parseEntityRef(c.entityRef),
                  )}/${DSOMM_TAB_PATH}`}
                >
                  {componentLabel(c)}
                </Link>
                {`: level ${c.before.overallLevel} → ${
                  c.after.overallLevel
                }, score ${formatScore(c.before.score)} → ${formatScore(
                  c.after.score,
                )}${
                  c.after.meetsTarget && !c.before.meetsTarget
                    ? ', meets its target'
                    : ''
                }; ${c.changes.length} of ${activityIds.length} new for it`}
              </li>
            );
          })}
        </Typography>
      )}
      {preview && preview.changed > components.length && (
        <Typography variant="caption" color="textSecondary">
          The first {components.length} of {preview.changed} changed components
          are listed.
        </Typography>
      )}
    </section>
  );
}
