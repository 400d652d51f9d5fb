import { useState } from 'react';
import {
  ContentHeader,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { CampaignProgress } from '@dsomm/plugin-dsomm-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dsommApiRef } from '../../api';
import { useCampaignsPath } from '../common/useScorecardPath';
import { DialogError } from '../entity/DialogError';
import { useSubmit } from '../entity/useSubmit';
import { refLabel } from '../scorecard/format';
import { describeFilters } from '../scorecard/Scorecard';
import { BurnUpChart, burnUpSummary } from './BurnUpChart';
import { BurnUpTable } from './BurnUpTable';
import { CampaignProgressBar } from './CampaignProgressBar';
import { ComponentTabLink } from './ComponentTabLink';
import {
  ActivityNames,
  activityList,
  dayOf,
  daysLeftText,
  goalText,
} from './campaignText';
import { PromotePanel } from './PromotePanel';
import { useActivityNames } from './useCampaignModel';
import { useCanManageCampaigns } from './useCanManageCampaigns';

function OwnersTable(props: { campaign: CampaignProgress }) {
  return (
    <Table size="small" aria-label="Remaining per owner">
      <TableHead>
        <TableRow>
          <TableCell>Owner</TableCell>
          <TableCell align="right">Done</TableCell>
          <TableCell align="right">In scope</TableCell>
          <TableCell align="right">Remaining</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.campaign.remainingPerOwner.map(row => (
          <TableRow key={row.owner ?? ''}>
            <TableCell>
              {row.owner ? refLabel(row.owner, 'group') : 'No owner'}
            </TableCell>
            <TableCell align="right">{row.done}</TableCell>
            <TableCell align="right">{row.inScope}</TableCell>
            <TableCell align="right">{row.remaining}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ComponentsTable(props: {
  campaign: CampaignProgress;
  names: ActivityNames;
}) {
  // Those with work left first, as that is what the campaign is about.
  const rows = [...props.campaign.components].sort(
    (a, b) =>
      Number(a.done) - Number(b.done) ||
      b.remainingActivityIds.length - a.remainingActivityIds.length ||
      a.entityRef.localeCompare(b.entityRef),
  );
  return (
    <Table size="small" aria-label="Components and what they still need">
      <TableHead>
        <TableRow>
          <TableCell>Component</TableCell>
          <TableCell>Owner</TableCell>
          <TableCell>Still needed</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(row => (
          <TableRow key={row.entityRef}>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              <ComponentTabLink entityRef={row.entityRef} />
            </TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {row.owner ? refLabel(row.owner, 'group') : '–'}
            </TableCell>
            <TableCell>
              {row.done
                ? 'Done'
                : activityList(row.remainingActivityIds, props.names)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** One campaign: what it asks, its burn-up, what is left per owner and per component. */
export function CampaignDetails(props: {
  campaign: CampaignProgress;
  onChanged: () => void;
}) {
  const { campaign } = props;
  const dsommApi = useApi(dsommApiRef);
  const canManage = useCanManageCampaigns();
  const names = useActivityNames();
  const campaignsPath = useCampaignsPath();
  const { busy, error, run } = useSubmit();
  const [now] = useState(() => new Date());
  const archived = Boolean(campaign.archivedAt);
  const toggleArchived = async () => {
    if (
      await run(() =>
        dsommApi.updateCampaign(campaign.id, { archived: !archived }),
      )
    ) {
      props.onChanged();
    }
  };
  return (
    <>
      <ContentHeader title={campaign.name}>
        <Button component={Link} to={campaignsPath()}>
          All campaigns
        </Button>
        {canManage && (
          <Button variant="outlined" onClick={toggleArchived} disabled={busy}>
            {archived ? 'Restore' : 'Archive'}
          </Button>
        )}
      </ContentHeader>
      <DialogError message={error} />
      <Grid container spacing={3}>
        <Grid item xs={12} md={5}>
          <InfoCard title="Goal" variant="gridItem">
            <Typography variant="body1" paragraph>
              {goalText(campaign.goal, names)}
            </Typography>
            <Typography variant="body2">
              Scope: {describeFilters(campaign.scope) ?? 'every component'}
            </Typography>
            <Typography variant="body2">
              Owner: {refLabel(campaign.owner, 'group')}
            </Typography>
            <Typography variant="body2" paragraph>
              From {dayOf(campaign.start)} to {dayOf(campaign.deadline)} (
              {daysLeftText(campaign.deadline, now)}){archived && ', archived'}
            </Typography>
            <CampaignProgressBar
              name={campaign.name}
              done={campaign.done}
              inScope={campaign.inScope}
            />
            <PromotePanel campaign={campaign} now={now} />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={7}>
          <InfoCard title="Burn-up" variant="gridItem">
            <Typography variant="body2" paragraph>
              {burnUpSummary(campaign.burnUp, campaign.deadline)}
            </Typography>
            <BurnUpChart
              points={campaign.burnUp}
              deadline={campaign.deadline}
            />
            {campaign.burnUp.length > 0 && (
              <details>
                <summary>Burn-up as a table</summary>
                <BurnUpTable points={campaign.burnUp} />
              </details>
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={5}>
          <InfoCard title="Remaining per owner">
            <OwnersTable campaign={campaign} />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={7}>
          <InfoCard title="Components">
            <ComponentsTable campaign={campaign} names={names} />
          </InfoCard>
        </Grid>
      </Grid>
    </>
  );
}

/** The campaign of the route's `:id`. */
export function CampaignView() {
  const { id = '' } = useParams();
  const dsommApi = useApi(dsommApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    async () => dsommApi.getCampaign(id),
    [dsommApi, id],
  );
  if (loading && !value) return <Progress aria-label="Loading campaign" />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  return <CampaignDetails campaign={value} onChanged={retry} />;
}
