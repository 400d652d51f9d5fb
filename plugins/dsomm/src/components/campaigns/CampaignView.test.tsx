import { fireEvent, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { CampaignView } from './CampaignView';
import { campaign, renderCampaigns } from './__testUtils__/campaignFixtures';

jest.setTimeout(30_000);

function renderView(api: Parameters<typeof renderCampaigns>[1]) {
  return renderCampaigns(
    <Routes>
      <Route path="/dsomm/campaigns/:id" element={<CampaignView />} />
    </Routes>,
    api,
    { route: `/dsomm/campaigns/${campaign.id}` },
  );
}

describe('CampaignView', () => {
  it('shows the burn-up with its table, remaining per owner and each component with its remaining activities', async () => {
    const getCampaign = jest.fn(async () => campaign);
    await renderView({ getCampaign });

    expect(getCampaign).toHaveBeenCalledWith('c-level2');
    const chart = await screen.findByRole('img', { name: /^Burn-up chart/ });
    expect(chart).toHaveAccessibleName(
      'Burn-up chart. On 2026-06-15, 2 of 3 components had reached the goal, from 0 of 3 on 2026-06-01; the deadline is 2026-06-30.',
    );
    const byDay = screen.getByRole('table', { name: 'Burn-up by day' });
    expect(
      within(byDay)
        .getAllByRole('row')
        .map(r => r.textContent),
    ).toEqual([
      'DayDoneIn scope',
      '2026-06-0103',
      '2026-06-0813',
      '2026-06-1523',
    ]);

    const owners = screen.getByRole('table', { name: 'Remaining per owner' });
    expect(
      within(owners)
        .getAllByRole('row')
        .map(r => r.textContent),
    ).toEqual(['OwnerDoneIn scopeRemaining', 'team-a121', 'No owner110']);

    const components = screen.getByRole('table', {
      name: 'Components and what they still need',
    });
    const rows = within(components).getAllByRole('row').slice(1);
    // What is left comes first, with the activities' names from the model.
    expect(rows[0]).toHaveTextContent(
      'auth-serviceteam-aDefined build process, Pinning of artifacts',
    );
    expect(
      within(rows[0]).getByRole('link', { name: 'auth-service' }),
    ).toHaveAttribute('href', '/catalog/default/component/auth-service/dsomm');
    expect(rows[1]).toHaveTextContent('billingteam-aDone');
    // The campaign has not ended: nothing to promote yet.
    expect(
      screen.queryByRole('button', { name: 'Promote to tier targets' }),
    ).not.toBeInTheDocument();
  });

  it('archives and then restores, reloading the campaign after each', async () => {
    let archivedAt: string | undefined;
    const getCampaign = jest.fn(async () => ({ ...campaign, archivedAt }));
    const updateCampaign = jest.fn(async (_id: string, patch) => {
      archivedAt = patch.archived ? '2026-06-20T00:00:00.000Z' : undefined;
      return { ...campaign, archivedAt };
    });
    await renderView({ getCampaign, updateCampaign });

    fireEvent.click(await screen.findByRole('button', { name: 'Archive' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Restore' }));
    await screen.findByRole('button', { name: 'Archive' });
    expect(updateCampaign.mock.calls).toEqual([
      ['c-level2', { archived: true }],
      ['c-level2', { archived: false }],
    ]);
    expect(getCampaign).toHaveBeenCalledTimes(3);
  });

  it('offers the tier targets snippet once an ended campaign has every component done', async () => {
    const finished = {
      ...campaign,
      deadline: '2020-06-30T00:00:00.000Z',
      done: 3,
    };
    await renderView({ getCampaign: async () => finished });

    fireEvent.click(
      await screen.findByRole('button', { name: 'Promote to tier targets' }),
    );
    expect(
      screen.getByLabelText('Tier targets config snippet').textContent,
    ).toBe(
      'dsomm:\n  targets:\n    tiers:\n      critical:\n        level: 2\n',
    );
    expect(
      screen.getByRole('button', { name: 'Copy tier targets config' }),
    ).toBeInTheDocument();
  });
});
