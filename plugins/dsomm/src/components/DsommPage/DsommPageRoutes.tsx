import { Route, Routes } from 'react-router-dom';
import { CampaignsList } from '../campaigns/CampaignsList';
import { CampaignView } from '../campaigns/CampaignView';
import { Scorecard } from '../scorecard';

/** The DSOMM page's views: the scorecard at its root, the campaigns under `campaigns`. */
export function DsommPageRoutes() {
  return (
    <Routes>
      <Route path="/" element={<Scorecard />} />
      <Route path="/campaigns" element={<CampaignsList />} />
      <Route path="/campaigns/:id" element={<CampaignView />} />
    </Routes>
  );
}
