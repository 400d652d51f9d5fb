import { screen } from '@testing-library/react';
import { ScorecardResponse } from '@dsomm/plugin-dsomm-common';
import { ComponentsTable } from './ComponentsTable';
import {
  fixtureFor,
  mockDsommApi,
  renderWithApi,
} from './__testUtils__/testApi';

describe('ComponentsTable', () => {
  it('names its loading spinner while a page of rows loads, and drops it once they arrive', async () => {
    let answer: (value: ScorecardResponse) => void = () => {};
    const api = mockDsommApi({
      getScorecard: jest.fn(
        () => new Promise<ScorecardResponse>(resolve => (answer = resolve)),
      ),
    });
    await renderWithApi(
      <ComponentsTable
        filters={{}}
        initialView={{ page: 0, pageSize: 10, order: 'asc' }}
        onViewChange={() => {}}
      />,
      api,
    );

    expect(
      await screen.findByRole('progressbar', { name: 'Loading components' }),
    ).toBeInTheDocument();

    answer(fixtureFor({ offset: 0, limit: 10 }));
    expect(
      await screen.findByText(fixtureFor({}).rows[0].name),
    ).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });
});
