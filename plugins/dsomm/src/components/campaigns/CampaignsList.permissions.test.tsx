import { screen, waitFor } from '@testing-library/react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CampaignsList } from './CampaignsList';
import { campaign, renderCampaigns } from './__testUtils__/campaignFixtures';

jest.setTimeout(30_000);

// A file of its own: the permission hook caches its answers for the whole module, so an
// earlier test's "allow" would show here first.
describe('CampaignsList without dsomm.campaign.manage', () => {
  it('offers no create button once the permission is denied', async () => {
    const authorize = jest.fn(() => AuthorizeResult.DENY);
    await renderCampaigns(
      <CampaignsList />,
      { listCampaigns: async () => [campaign] },
      { authorize },
    );
    await screen.findByRole('table', { name: 'Campaigns' });
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    // Let the denial render.
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(
      screen.queryByRole('button', { name: 'New campaign' }),
    ).not.toBeInTheDocument();
  });
});
