import { fireEvent, screen, within } from '@testing-library/react';
import { ResponseError } from '@backstage/errors';
import { Route, Routes } from 'react-router-dom';
import { CampaignsList } from './CampaignsList';
import { campaign, renderCampaigns } from './__testUtils__/campaignFixtures';

jest.setTimeout(30_000);

const archivedCampaign = {
  ...campaign,
  id: 'c-old',
  name: 'Old push',
  archivedAt: '2026-05-01T00:00:00.000Z',
};

describe('CampaignsList', () => {
  it('lists campaigns with goal, deadline and progress, archived ones behind the switch', async () => {
    const listCampaigns = jest.fn(async (options?: { archived?: boolean }) =>
      options?.archived ? [campaign, archivedCampaign] : [campaign],
    );
    await renderCampaigns(<CampaignsList />, { listCampaigns });

    const table = await screen.findByRole('table', { name: 'Campaigns' });
    const row = within(table)
      .getByRole('link', { name: campaign.name })
      .closest('tr')!;
    expect(row).toHaveTextContent('security');
    expect(row).toHaveTextContent('Level 2 overall');
    expect(row).toHaveTextContent('2026-06-30');
    expect(
      within(row).getByRole('progressbar', {
        name: `${campaign.name}: 2 of 3 done`,
      }),
    ).toHaveAttribute('aria-valuenow', '67');
    expect(screen.queryByText('Old push')).not.toBeInTheDocument();

    fireEvent.click(
      screen.getByRole('checkbox', { name: 'Show archived campaigns' }),
    );
    expect(await screen.findByText('Old push')).toBeInTheDocument();
    expect(listCampaigns).toHaveBeenLastCalledWith({ archived: true });
  });

  it('creates a campaign from the form, showing the backend 400 message first', async () => {
    const createCampaign = jest
      .fn()
      .mockRejectedValueOnce(
        await ResponseError.fromResponse(
          Response.json(
            {
              error: {
                name: 'InputError',
                message: 'body.deadline: must be after the start',
              },
              response: { statusCode: 400 },
            },
            { status: 400 },
          ) as any,
        ),
      )
      .mockResolvedValueOnce({ ...campaign, id: 'c-new' });
    await renderCampaigns(
      <Routes>
        <Route path="/dsomm/campaigns" element={<CampaignsList />} />
        <Route path="/dsomm/campaigns/c-new" element={<p>Opened c-new</p>} />
      </Routes>,
      {
        listCampaigns: async () => [],
        getScorecard: async () => ({ groups: [], rows: [] } as any),
        createCampaign,
      },
    );

    fireEvent.click(
      await screen.findByRole('button', { name: 'New campaign' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Name/ }), {
      target: { value: 'Level 2' },
    });
    fireEvent.change(
      within(dialog).getByRole('textbox', { name: /Campaign owner/ }),
      {
        target: { value: 'group:default/security' },
      },
    );
    fireEvent.change(within(dialog).getByLabelText(/Deadline/), {
      target: { value: '2026-01-01' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'body.deadline: must be after the start (400)',
    );
    expect(createCampaign).toHaveBeenCalledWith({
      name: 'Level 2',
      owner: 'group:default/security',
      scope: {},
      goal: { level: 2 },
      deadline: '2026-01-01',
    });

    fireEvent.click(within(dialog).getByRole('button', { name: 'Create' }));
    // Once created, the page opens the new campaign.
    expect(await screen.findByText('Opened c-new')).toBeInTheDocument();
    expect(createCampaign).toHaveBeenCalledTimes(2);
  });
});
