import { screen } from '@testing-library/react';
import {
  mockDsommApi,
  renderWithApi,
} from '../scorecard/__testUtils__/testApi';
import { DsommPage } from './DsommPage';

// The whole scorecard renders: charts and tables take jsdom seconds on a busy machine.
jest.setTimeout(60_000);

describe('DsommPage', () => {
  it('shows the organisation scorecard under the page header', async () => {
    await renderWithApi(<DsommPage />, mockDsommApi());

    expect(
      screen.getByRole('heading', { name: 'DevSecOps maturity' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Scorecard by owner' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Target level per tier' }),
    ).toBeInTheDocument();
  });
});
