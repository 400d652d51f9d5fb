import { ScorecardResponse } from '@dsomm/plugin-dsomm-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Scorecard } from './Scorecard';
import { byOwner, mockDsommApi, renderWithApi } from './__testUtils__/testApi';

// The whole page renders; on a shared, busy machine that takes tens of seconds.
jest.setTimeout(120_000);

/** The by-owner answer with components not assessed yet: 3 in all, 2 of them team-mobile's. */
function withNotAssessed(): ScorecardResponse {
  return {
    ...byOwner,
    groups: byOwner.groups.map(g => ({
      ...g,
      notAssessed: g.key === 'group:default/team-mobile' ? 2 : 0,
    })),
    total: { ...byOwner.total, notAssessed: 3 },
  };
}

describe('Scorecard counts components not assessed yet apart', () => {
  it('in the summary and in each group row that has some', async () => {
    const answer = withNotAssessed();
    const api = mockDsommApi({ getScorecard: jest.fn(async () => answer) });
    await renderWithApi(<Scorecard />, api);

    const figure = await screen.findByText('not assessed yet', {
      exact: false,
    });
    expect(figure.previousElementSibling?.textContent).toBe('3');

    const table = screen.getByRole('table', { name: 'Scorecard by owner' });
    const notes = within(table).getAllByText(/not assessed$/);
    expect(notes.map(n => n.textContent)).toEqual([
      '2 not assessed',
      '3 not assessed',
    ]);
    // Under team-mobile's component count, and the total's; no other group has any.
    expect(notes[0].closest('tr')?.textContent).toMatch(/^team-mobile/);
    expect(notes[1].closest('tr')?.textContent).toMatch(/^All/);
  });

  it('marks not-assessed components in the table as "Not assessed", not level 0', async () => {
    const answer: ScorecardResponse = {
      ...byOwner,
      rows: byOwner.rows.map(row =>
        row.name === 'build-cache-proxy'
          ? { ...row, assessed: false }
          : { ...row, assessed: true },
      ),
    };
    const api = mockDsommApi({ getScorecard: jest.fn(async () => answer) });
    await renderWithApi(<Scorecard />, api);

    const link = await screen.findByRole('link', { name: 'build-cache-proxy' });
    const row = link.closest('tr') as HTMLElement;
    expect(within(row).getByText('Not assessed')).toBeInTheDocument();
    expect(within(row).getByLabelText('Not assessed')).toHaveTextContent('–');
    expect(within(row).queryByTitle(/level 0$/)).not.toBeInTheDocument();
    // An assessed component at level 0 keeps its badge.
    const assessed = screen
      .getByRole('link', { name: 'app-config-service' })
      .closest('tr') as HTMLElement;
    expect(within(assessed).getByTitle('Overall: level 0')).toHaveTextContent(
      '0',
    );
    expect(
      within(assessed).queryByText('Not assessed'),
    ).not.toBeInTheDocument();
  });

  it('offers in the Type filter the types of the rows the table loaded', async () => {
    const answer: ScorecardResponse = {
      ...byOwner,
      rows: byOwner.rows.map((row, i) => ({
        ...row,
        specType: i === 4 ? 'library' : 'service',
      })),
    };
    // The option call (limit 200) samples rows without types: the table's rows bring them.
    const api = mockDsommApi({
      getScorecard: jest.fn(async request =>
        request.offset === undefined ? { ...byOwner, rows: [] } : answer,
      ),
    });
    await renderWithApi(<Scorecard />, api);
    await screen.findByRole('link', { name: 'ci-runner-service' });

    const filters = screen.getByRole('group', { name: 'Scorecard filters' });
    await userEvent.click(
      within(filters).getByRole('button', { name: /^Type\b/ }),
    );
    const listbox = await screen.findByRole('listbox');
    await waitFor(() =>
      expect(
        within(listbox)
          .getAllByRole('option')
          .map(option => option.textContent),
      ).toEqual(['library', 'service']),
    );
  });

  it('promises only the refresh button the tab has', async () => {
    const api = mockDsommApi({
      getScorecard: jest.fn(async () => ({
        ...byOwner,
        groups: [],
        rows: [],
        totalRows: 0,
        total: { ...byOwner.total, count: 0, notAssessed: 0 },
      })),
    });
    await renderWithApi(<Scorecard />, api);
    expect(
      await screen.findByText(
        /Refresh score button on a component's DSOMM tab/,
      ),
    ).toBeInTheDocument();
  });
});
