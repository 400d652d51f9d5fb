import { ScorecardResponse } from '@dsomm/plugin-dsomm-common';
import { screen, within } from '@testing-library/react';
import { Scorecard } from './Scorecard';
import { byOwner, mockDsommApi, renderWithApi } from './__testUtils__/testApi';

jest.setTimeout(30_000);

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
