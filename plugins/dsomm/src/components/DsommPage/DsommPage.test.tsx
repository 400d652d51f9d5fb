import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  mockDsommApi,
  renderWithApi,
} from '../scorecard/__testUtils__/testApi';
import { renderCampaigns } from '../campaigns/__testUtils__/campaignFixtures';
import { DsommPage } from './DsommPage';

// The whole scorecard renders: charts and tables take jsdom seconds on a busy machine.
jest.setTimeout(60_000);

// Apps mount the page at /dsomm with its sub-paths (campaigns) below it.
const mounted = (
  <Routes>
    <Route path="/dsomm/*" element={<DsommPage />} />
  </Routes>
);

describe('DsommPage', () => {
  it('shows the organisation scorecard under the page header, linking to the campaigns', async () => {
    await renderWithApi(mounted, mockDsommApi());

    expect(
      screen.getByRole('heading', { name: 'DevSecOps maturity' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Scorecard by owner' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Target level per tier' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Campaigns' })).toHaveAttribute(
      'href',
      '/dsomm/campaigns',
    );
  });

  it('shows the campaigns under /dsomm/campaigns', async () => {
    await renderCampaigns(
      mounted,
      mockDsommApi({ listCampaigns: jest.fn(async () => []) }),
      { route: '/dsomm/campaigns' },
    );

    expect(
      await screen.findByRole('heading', { name: 'Campaigns' }),
    ).toBeInTheDocument();
    expect(await screen.findByText(/No campaigns yet/)).toBeInTheDocument();
  });
});
