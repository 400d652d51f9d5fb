import { Fragment, useState } from 'react';
import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  ORGANIZATION_SCOPE_REF,
  PendingApproval,
} from '@dsomm/plugin-dsomm-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { dsommApiRef } from '../../api';
import { DialogError } from '../entity/DialogError';
import { formatDay } from '../entity/format';
import { useSubmit } from '../entity/useSubmit';
import { PersonName } from '../people/PersonName';
import { useEntityPath } from '../scorecard/useEntityPath';
import { DenyDialog } from './DenyDialog';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    padding: theme.spacing(1, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  actions: { marginTop: theme.spacing(0.5), display: 'flex', gap: 8 },
}));

const KIND_LABELS: Record<PendingApproval['kind'], string> = {
  waiver: 'Waiver (not applicable)',
  attestation: 'Attestation (implemented)',
};

/** The entity a request is on, linked to its page; the organisation scope as plain text. */
function EntityName(props: { entityRef: string }) {
  const entityPath = useEntityPath();
  if (props.entityRef === ORGANIZATION_SCOPE_REF) return <>the organisation</>;
  return (
    <Link to={entityPath(parseEntityRef(props.entityRef))}>
      {props.entityRef}
    </Link>
  );
}

/**
 * Waivers and attestations waiting for a second person, with Approve and Deny for those the
 * user may decide (never their own requests; the backend checks both again).
 */
export function PendingRequestList(props: {
  requests: PendingApproval[];
  activityName: (activityId: string) => string;
  /** Whether the user holds the approve permission for the request's entity. */
  mayDecide: (request: PendingApproval) => boolean;
  userRef?: string;
  /** Names each request's entity, as the approvers' list across entities does. */
  showEntity?: boolean;
  onDecided: (request: PendingApproval, approved: boolean) => void;
}) {
  const { requests, activityName, mayDecide, userRef, showEntity } = props;
  const classes = useStyles();
  const api = useApi(dsommApiRef);
  const { busy, error, run } = useSubmit();
  const [denying, setDenying] = useState<PendingApproval | undefined>();
  const approve = async (request: PendingApproval) => {
    if (await run(() => api.decideRequest(request, { approve: true }))) {
      props.onDecided(request, true);
    }
  };
  return (
    <>
      <ul className={classes.list} aria-label="Waiting for approval">
        {requests.map(request => {
          const name = activityName(request.activityId);
          const own = userRef !== undefined && request.requestedBy === userRef;
          return (
            <li key={request.id} className={classes.item}>
              <Typography variant="subtitle2" component="p">
                {KIND_LABELS[request.kind]}: {name}
                {showEntity && (
                  <>
                    {' on '}
                    <EntityName entityRef={request.entityRef} />
                  </>
                )}
              </Typography>
              <Typography variant="body2" component="p">
                Requested by <PersonName entityRef={request.requestedBy} /> on{' '}
                {formatDay(request.requestedAt)}
                {request.expiresAt && (
                  <Fragment>, until {formatDay(request.expiresAt)}</Fragment>
                )}
              </Typography>
              <Typography variant="body2" component="p">
                “{request.text}”
              </Typography>
              {own && (
                <Typography variant="body2" component="p">
                  You requested this: someone else approves or denies it.
                </Typography>
              )}
              {!own && mayDecide(request) && (
                <div className={classes.actions}>
                  <Button
                    size="small"
                    variant="outlined"
                    color="primary"
                    disabled={busy}
                    onClick={() => approve(request)}
                    aria-label={`Approve ${request.kind} for ${name}`}
                  >
                    Approve
                  </Button>
                  <Button
                    size="small"
                    variant="outlined"
                    disabled={busy}
                    onClick={() => setDenying(request)}
                    aria-label={`Deny ${request.kind} for ${name}`}
                  >
                    Deny
                  </Button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <DialogError message={error} />
      {denying && (
        <DenyDialog
          what={denying.kind}
          activityName={activityName(denying.activityId)}
          onDeny={reason =>
            api.decideRequest(denying, { approve: false, reason })
          }
          onDone={() => {
            setDenying(undefined);
            props.onDecided(denying, false);
          }}
          onCancel={() => setDenying(undefined)}
        />
      )}
    </>
  );
}
