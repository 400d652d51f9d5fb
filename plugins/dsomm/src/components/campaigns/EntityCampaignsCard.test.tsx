import { screen, within } from '@testing-library/react';
import { EntityCampaignsCard } from './EntityCampaignsCard';
import {
  campaign,
  entityCampaign,
  renderCampaigns,
} from './__testUtils__/campaignFixtures';

jest.setTimeout(30_000);

describe('EntityCampaignsCard', () => {
  it("shows a component's campaign with its deadline, progress here and the activities left", async () => {
    await renderCampaigns(
      <EntityCampaignsCard campaigns={[entityCampaign]} />,
      {},
    );

    const section = screen.getByRole('region', { name: campaign.name });
    expect(
      within(section).getByRole('link', { name: campaign.name }),
    ).toHaveAttribute('href', '/dsomm/campaigns/c-level2');
    expect(section).toHaveTextContent('Level 2 overall by 2026-06-30');
    expect(
      within(section).getByRole('progressbar', {
        name: `${campaign.name}: 0 of 1 done`,
      }),
    ).toBeInTheDocument();
    expect(
      await within(section).findByText(
        'Still needed: Defined build process, Pinning of artifacts',
      ),
    ).toBeInTheDocument();
  });

  it('lists the components still short below a group, linking to their DSOMM tab', async () => {
    const forGroup = {
      ...campaign,
      here: { inScope: 3, done: 2, components: campaign.components },
    };
    await renderCampaigns(
      <EntityCampaignsCard campaigns={[forGroup]} scope />,
      {},
    );

    const section = screen.getByRole('region', { name: campaign.name });
    expect(section).toHaveTextContent('2 of 3 done');
    const short = within(section).getAllByRole('listitem');
    expect(short.map(item => item.textContent)).toEqual([
      'auth-service (2 activities to go)',
    ]);
    expect(
      within(short[0]).getByRole('link', { name: 'auth-service' }),
    ).toHaveAttribute('href', '/catalog/default/component/auth-service/dsomm');
  });
});
