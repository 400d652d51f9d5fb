import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ScorecardRequest } from '../../api';
import { Scorecard } from './Scorecard';
import {
  fixtureFor,
  mockDsommApi,
  renderWithApi,
} from './__testUtils__/testApi';

jest.setTimeout(120_000);
// Waits end when their condition holds; the jest timeout is the only limit.
const UNTIL = { timeout: 120_000 };

const GROUPS = 120;
const name = (i: number) => `Team ${String(i).padStart(3, '0')}`;

/**
 * A backend with 120 owner groups that pages them as the real one does: the groups of the
 * page asked for, and how many there are in all.
 */
function pagingApi() {
  return mockDsommApi({
    getScorecard: jest.fn(async (request: ScorecardRequest) => {
      const answer = fixtureFor(request);
      const template = answer.groups[0];
      const all = Array.from({ length: GROUPS }, (_, i) => ({
        ...template,
        key: `group:default/team-${i}`,
        title: name(i),
      }));
      const offset = request.groupsOffset ?? 0;
      const limit = request.groupsLimit ?? 100;
      return {
        ...answer,
        groups: all.slice(offset, offset + limit),
        totalGroups: GROUPS,
        groupsOffset: offset,
        groupsLimit: limit,
      };
    }),
  });
}

/** The pager's "Groups 1-50 of 120". */
const pager = () => screen.getByText(/^Groups \d+-\d+ of \d+$/);

/** The group names the table lists, without the total row. */
function listedGroups() {
  // Plain selectors: role queries over 50 rows of heatmap buttons take jsdom tens of seconds.
  const table = screen.getByLabelText(/^Scorecard by /);
  return Array.from(
    table.querySelectorAll(
      'tbody th button[aria-label^="Show the components of"]',
    ),
  ).map(button => button.textContent);
}

/** The page's own aggregate requests' group offsets (not the filter options'). */
function groupOffsets(api: ReturnType<typeof pagingApi>) {
  return api.getScorecard.mock.calls
    .map(([request]) => request)
    .filter(request => request.limit === 1 && request.filters !== undefined)
    .map(request => [request.groupBy, request.groupsOffset]);
}

describe('Scorecard group pages', () => {
  it('pages through the groups on the server, 50 at a time', async () => {
    const api = pagingApi();
    await renderWithApi(<Scorecard />, api);
    const table = await screen.findByLabelText('Scorecard by owner', {}, UNTIL);
    expect(pager()).toHaveTextContent('Groups 1-50 of 120');
    let listed = listedGroups();
    expect(listed).toHaveLength(50);
    expect(listed[0]).toBe(name(0));
    expect(listed[49]).toBe(name(49));
    // The total row covers every group, whatever the page.
    expect(within(table).getByText('All')).toBeInTheDocument();
    const previous = screen.getByLabelText('Previous 50 groups');
    const next = screen.getByLabelText('Next 50 groups');
    expect(previous).toBeDisabled();

    await userEvent.click(next);
    await waitFor(
      () => expect(pager()).toHaveTextContent('Groups 51-100 of 120'),
      UNTIL,
    );
    listed = listedGroups();
    expect(listed[0]).toBe(name(50));
    expect(listed).toHaveLength(50);

    await userEvent.click(screen.getByLabelText('Next 50 groups'));
    await waitFor(
      () => expect(pager()).toHaveTextContent('Groups 101-120 of 120'),
      UNTIL,
    );
    listed = listedGroups();
    expect(listed).toEqual(Array.from({ length: 20 }, (_, i) => name(100 + i)));
    expect(screen.getByLabelText('Next 50 groups')).toBeDisabled();

    await userEvent.click(screen.getByLabelText('Previous 50 groups'));
    await waitFor(
      () => expect(pager()).toHaveTextContent('Groups 51-100 of 120'),
      UNTIL,
    );
    expect(groupOffsets(api)).toEqual([
      ['owner', 0],
      ['owner', 50],
      ['owner', 100],
      ['owner', 50],
    ]);
  });

  it('shows no pager when every group fits on the page', async () => {
    await renderWithApi(<Scorecard />, mockDsommApi());
    await screen.findByLabelText('Scorecard by owner', {}, UNTIL);
    expect(listedGroups()).toHaveLength(5);
    expect(screen.queryByLabelText('Next 50 groups')).not.toBeInTheDocument();
  });
});
