import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Attestation,
  EntityScoreResponse,
  Waiver,
  dsommAttestationCreatePermission,
  dsommAttestationDeletePermission,
  dsommRefreshPermission,
  dsommWaiverApprovePermission,
  dsommWaiverManagePermission,
} from '@dsomm/plugin-dsomm-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { useEffect, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dsommApiRef } from '../../api';
import { PeopleProvider } from '../people/PeopleProvider';
import { ActivityTable } from './ActivityTable';
import { activityLookup, activityRows } from './activityRows';
import { AttestDialog } from './AttestDialog';
import { ChangeSummary, changeSummary } from './changeSummary';
import { LevelSummaryCard } from './LevelSummaryCard';
import { MaturityHeatmap } from './MaturityHeatmap';
import { NextStepsCard } from './NextStepsCard';
import { OutcomesCard } from './OutcomesCard';
import { refreshSummary } from './refreshSummary';
import { ReportsCard } from './ReportsCard';
import { RevokeDialog } from './RevokeDialog';
import { ScoreHistoryCard } from './ScoreHistoryCard';
import { StartStatePanel } from './StartStatePanel';
import { WaiverDialog } from './WaiverDialog';
import { useFocusRingStyles } from '../common/focusRing';
import { PendingRequestsCard } from './PendingRequestsCard';
import { EntityCampaignsCard } from '../campaigns/EntityCampaignsCard';
import { useEntityCampaigns } from '../campaigns/useEntityCampaigns';

type DialogState =
  | { kind: 'attest'; activityId: string }
  | { kind: 'waive'; activityId: string }
  | { kind: 'revoke-attestation'; attestation: Attestation }
  | { kind: 'revoke-waiver'; waiver: Waiver };

/**
 * The DSOMM tab of an entity page: levels against target, coverage heatmap, next steps,
 * every activity with its evidence, score history and uploaded reports. Users with the DSOMM
 * permissions can attest activities and record waivers; the others do not see those buttons.
 */
export function EntityDsommContent(props: { historyDays?: number }) {
  const historyDays = props.historyDays ?? 90;
  const { entity } = useEntity();
  const api = useApi(dsommApiRef);
  const refKey = stringifyEntityRef(entity);
  const campaigns = useEntityCampaigns(refKey);
  // Stable while the entity stays the same, so the loaders below run once per entity.
  const ref = useMemo(() => parseEntityRef(refKey), [refKey]);

  const score = useAsyncRetry(() => api.getEntityScore(ref), [api, ref]);
  const model = useAsync(() => api.getModel(), [api]);
  const [historyVersion, setHistoryVersion] = useState(0);
  const history = useAsync(
    () => api.getEntityHistory(ref, historyDays),
    [api, ref, historyDays, historyVersion],
  );
  const reports = useAsync(() => api.getEntityReports(ref), [api, ref]);
  const [dialog, setDialog] = useState<DialogState | undefined>();
  const focus = useFocusRingStyles();
  // After a write: the score before it, until the re-read score arrives to compare with.
  const [pending, setPending] = useState<
    | { action: string; activityId: string; before: EntityScoreResponse }
    | undefined
  >();
  const [feedback, setFeedback] = useState<ChangeSummary | undefined>();
  useEffect(() => {
    if (!pending || score.loading || !score.value) return;
    if (score.value === pending.before) return;
    setFeedback(
      changeSummary(
        pending.action,
        pending.activityId,
        pending.before,
        score.value,
      ),
    );
    setPending(undefined);
  }, [pending, score.loading, score.value]);

  const rows = useMemo(
    () => (score.value ? activityRows(score.value, model.value) : []),
    [score.value, model.value],
  );
  const lookup = useMemo(() => activityLookup(model.value), [model.value]);
  // Buttons only for what the user may do on this entity (policies may decide by ownership;
  // the backend checks again on every call).
  const canAttest = usePermission({
    permission: dsommAttestationCreatePermission,
    resourceRef: refKey,
  }).allowed;
  const canRevokeAttestation = usePermission({
    permission: dsommAttestationDeletePermission,
    resourceRef: refKey,
  }).allowed;
  const canManageWaivers = usePermission({
    permission: dsommWaiverManagePermission,
    resourceRef: refKey,
  }).allowed;
  const canApprove = usePermission({
    permission: dsommWaiverApprovePermission,
    resourceRef: refKey,
  }).allowed;
  const canRefresh = usePermission({
    permission: dsommRefreshPermission,
    resourceRef: refKey,
  }).allowed;
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<Error | undefined>();
  // Stable, so that the activity table keeps its page and sorting across dialogs.
  const actions = useMemo(
    () => ({
      onAttest: canAttest
        ? (activityId: string) => setDialog({ kind: 'attest', activityId })
        : undefined,
      onWaive: canManageWaivers
        ? (activityId: string) => setDialog({ kind: 'waive', activityId })
        : undefined,
      onRevokeAttestation: canRevokeAttestation
        ? (attestation: Attestation) =>
            setDialog({ kind: 'revoke-attestation', attestation })
        : undefined,
      onRevokeWaiver: canManageWaivers
        ? (waiver: Waiver) => setDialog({ kind: 'revoke-waiver', waiver })
        : undefined,
    }),
    [canAttest, canManageWaivers, canRevokeAttestation],
  );

  if ((score.loading && !score.value) || model.loading) {
    return <Progress aria-label="Loading the DSOMM score" />;
  }
  if (score.error) {
    return <ResponseErrorPanel error={score.error} />;
  }
  if (model.error) {
    return <ResponseErrorPanel error={model.error} />;
  }
  if (!score.value) {
    return <Progress aria-label="Loading the DSOMM score" />;
  }
  const value = score.value;

  const close = () => setDialog(undefined);
  const done = (action: string, activityId: string) => {
    setDialog(undefined);
    setFeedback(undefined);
    setPending({ action, activityId, before: value });
    score.retry();
    setHistoryVersion(v => v + 1);
  };
  // Recomputes now rather than waiting for the schedule, then says what moved.
  const refresh = async () => {
    setRefreshing(true);
    setRefreshError(undefined);
    setFeedback(undefined);
    try {
      const after = await api.refreshEntity(ref);
      setFeedback(refreshSummary(value, after));
      score.retry();
      setHistoryVersion(v => v + 1);
    } catch (e) {
      setRefreshError(e as Error);
    } finally {
      setRefreshing(false);
    }
  };

  return (
    <PeopleProvider>
      <Grid
        container
        spacing={3}
        alignItems="stretch"
        className={focus.focusRing}
      >
        {canRefresh && (
          <Grid item xs={12}>
            <Button
              variant="outlined"
              size="small"
              onClick={refresh}
              disabled={refreshing}
            >
              {refreshing ? 'Refreshing…' : 'Refresh score'}
            </Button>
            {refreshing && <Progress aria-label="Refreshing the score" />}
          </Grid>
        )}
        {refreshError && (
          <Grid item xs={12}>
            <ResponseErrorPanel error={refreshError} />
          </Grid>
        )}
        {value.pending && value.pending.length > 0 && (
          <Grid item xs={12}>
            <PendingRequestsCard
              requests={value.pending}
              activityName={id => lookup(id).name}
              canApprove={canApprove}
              onDecided={(request, approved) =>
                done(
                  `${request.kind === 'waiver' ? 'Waiver' : 'Attestation'} ${
                    approved ? 'approved' : 'denied'
                  } for ${lookup(request.activityId).name}.`,
                  request.activityId,
                )
              }
            />
          </Grid>
        )}
        {value.assessed === false && (
          <Grid item xs={12}>
            <StartStatePanel
              score={value}
              model={model.value}
              onAttest={actions.onAttest}
            />
          </Grid>
        )}
        {feedback && (
          <Grid item xs={12}>
            <Paper
              variant="outlined"
              role="status"
              aria-label="What changed"
              style={{ padding: 16 }}
            >
              <Typography variant="subtitle1" component="p">
                {feedback.title}
              </Typography>
              {feedback.lines.map(line => (
                <Typography key={line} variant="body2" component="p">
                  {line}
                </Typography>
              ))}
              <Button size="small" onClick={() => setFeedback(undefined)}>
                Dismiss
              </Button>
            </Paper>
          </Grid>
        )}
        {value.warnings.length > 0 && (
          <Grid item xs={12}>
            <WarningPanel
              title={`${value.warnings.length} problem${
                value.warnings.length === 1 ? '' : 's'
              } while scoring this component`}
              defaultExpanded
            >
              <ul style={{ margin: 0 }}>
                {value.warnings.map(warning => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            </WarningPanel>
          </Grid>
        )}
        <Grid item xs={12} lg={6}>
          <LevelSummaryCard score={value} />
        </Grid>
        <Grid item xs={12} lg={6}>
          <ScoreHistoryCard
            loading={history.loading}
            error={history.error}
            value={history.value}
            targetLevel={value.target.level}
          />
        </Grid>
        <Grid item xs={12} lg={7}>
          <MaturityHeatmap score={value} />
        </Grid>
        <Grid item xs={12} lg={5}>
          <NextStepsCard
            nextSteps={value.nextSteps}
            model={model.value}
            onAttest={actions.onAttest}
            neededCount={rows.filter(r => r.target === 'needed').length}
          />
        </Grid>
        {campaigns.length > 0 && (
          <Grid item xs={12}>
            <EntityCampaignsCard campaigns={campaigns} />
          </Grid>
        )}
        <Grid item xs={12}>
          <ActivityTable
            rows={rows}
            reports={reports.value?.reports}
            belowTarget={!value.meetsTarget}
            {...actions}
          />
        </Grid>
        {value.kpis && (
          <Grid item xs={12}>
            <OutcomesCard kpis={value.kpis} />
          </Grid>
        )}
        <Grid item xs={12}>
          <ReportsCard
            loading={reports.loading}
            error={reports.error}
            value={reports.value}
          />
        </Grid>
      </Grid>
      {dialog?.kind === 'attest' && (
        <AttestDialog
          activityName={lookup(dialog.activityId).name}
          expiryDays={value.expiryDays}
          onSubmit={input =>
            api.createAttestation(ref, {
              activity: dialog.activityId,
              ...input,
            })
          }
          onDone={() =>
            done(
              `Attestation recorded for ${lookup(dialog.activityId).name}.`,
              dialog.activityId,
            )
          }
          onCancel={close}
        />
      )}
      {dialog?.kind === 'waive' && (
        <WaiverDialog
          activityName={lookup(dialog.activityId).name}
          expiryDays={value.expiryDays}
          onSubmit={input =>
            api.createWaiver(ref, { activity: dialog.activityId, ...input })
          }
          onDone={() =>
            done(
              `Waiver recorded for ${lookup(dialog.activityId).name}.`,
              dialog.activityId,
            )
          }
          onCancel={close}
        />
      )}
      {dialog?.kind === 'revoke-attestation' && (
        <RevokeDialog
          what="attestation"
          activityName={lookup(dialog.attestation.activityId).name}
          detail={dialog.attestation.comment}
          onConfirm={() => api.revokeAttestation(ref, dialog.attestation.id)}
          onDone={() =>
            done(
              `Attestation revoked for ${
                lookup(dialog.attestation.activityId).name
              }.`,
              dialog.attestation.activityId,
            )
          }
          onCancel={close}
        />
      )}
      {dialog?.kind === 'revoke-waiver' && (
        <RevokeDialog
          what="waiver"
          activityName={lookup(dialog.waiver.activityId).name}
          detail={dialog.waiver.justification}
          onConfirm={() => api.revokeWaiver(ref, dialog.waiver.id)}
          onDone={() =>
            done(
              `Waiver revoked for ${lookup(dialog.waiver.activityId).name}.`,
              dialog.waiver.activityId,
            )
          }
          onCancel={close}
        />
      )}
    </PeopleProvider>
  );
}
