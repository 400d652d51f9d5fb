import { useState } from 'react';
import {
  ContentHeader,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { CampaignSummary } from '@dsomm/plugin-dsomm-common';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { useNavigate } from 'react-router-dom';
import { dsommApiRef } from '../../api';
import { useCampaignsPath, useScorecardPath } from '../common/useScorecardPath';
import { refLabel } from '../scorecard/format';
import { CampaignForm } from './CampaignForm';
import { CampaignProgressBar } from './CampaignProgressBar';
import { dayOf, daysLeftText, goalText } from './campaignText';
import { useActivityNames } from './useCampaignModel';
import { useCanManageCampaigns } from './useCanManageCampaigns';

function CampaignRows(props: { campaigns: CampaignSummary[] }) {
  const names = useActivityNames();
  const campaignPath = useCampaignsPath();
  const now = new Date();
  return (
    <Table size="small" aria-label="Campaigns">
      <TableHead>
        <TableRow>
          <TableCell>Campaign</TableCell>
          <TableCell>Owner</TableCell>
          <TableCell>Goal</TableCell>
          <TableCell>Deadline</TableCell>
          <TableCell>Progress</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.campaigns.map(c => (
          <TableRow key={c.id}>
            <TableCell>
              <Link to={campaignPath(c.id)}>{c.name}</Link>
              {c.archivedAt && (
                <Typography variant="caption" component="div">
                  archived
                </Typography>
              )}
            </TableCell>
            <TableCell>{refLabel(c.owner, 'group')}</TableCell>
            <TableCell>{goalText(c.goal, names)}</TableCell>
            <TableCell>
              {dayOf(c.deadline)}
              <Typography variant="caption" component="div">
                {daysLeftText(c.deadline, now)}
              </Typography>
            </TableCell>
            <TableCell>
              <CampaignProgressBar
                name={c.name}
                done={c.done}
                inScope={c.inScope}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Every campaign by deadline, archived ones behind a switch, and a form to start one. */
export function CampaignsList() {
  const dsommApi = useApi(dsommApiRef);
  const canManage = useCanManageCampaigns();
  const scorecardPath = useScorecardPath();
  const campaignPath = useCampaignsPath();
  const navigate = useNavigate();
  const [archived, setArchived] = useState(false);
  const [creating, setCreating] = useState(false);
  const { value, loading, error } = useAsync(
    async () => dsommApi.listCampaigns({ archived }),
    [dsommApi, archived],
  );
  let body;
  if (loading) body = <Progress aria-label="Loading campaigns" />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (!value || value.length === 0) {
    body = (
      <Typography variant="body2">
        No campaigns yet. A campaign asks the components of a scope to reach a
        goal by a deadline.
      </Typography>
    );
  } else body = <CampaignRows campaigns={value} />;
  return (
    <>
      <ContentHeader title="Campaigns">
        <Button component={Link} to={scorecardPath}>
          Scorecard
        </Button>
        {canManage && (
          <Button
            variant="contained"
            color="primary"
            onClick={() => setCreating(true)}
          >
            New campaign
          </Button>
        )}
      </ContentHeader>
      <FormControlLabel
        control={
          <Switch
            checked={archived}
            onChange={e => setArchived(e.target.checked)}
          />
        }
        label="Show archived campaigns"
      />
      {body}
      {creating && (
        <CampaignForm
          onClose={() => setCreating(false)}
          onCreated={campaign => {
            setCreating(false);
            navigate(campaignPath(campaign.id));
          }}
        />
      )}
    </>
  );
}
