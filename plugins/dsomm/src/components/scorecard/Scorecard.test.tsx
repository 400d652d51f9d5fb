import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Scorecard } from './Scorecard';
import {
  empty,
  mockDsommApi,
  renderWithApi,
  trend,
} from './__testUtils__/testApi';

function urlParams() {
  return new URLSearchParams(screen.getByTestId('location').textContent!);
}

/** The texts of the group table's row for a group (or "All"). */
function groupRow(table: HTMLElement, name: string) {
  const header = within(table).getByText(name, { selector: 'th, th *' });
  const row = header.closest('tr') as HTMLElement;
  return Array.from(row.querySelectorAll('th, td')).map(
    // What is shown: a heat cell's button also holds its spoken name, which is not shown.
    cell => (cell.querySelector('[aria-hidden]') ?? cell).textContent,
  );
}

/** Aggregate requests (the page's own, not the option lists' or the table's). */
function aggregateCalls(api: ReturnType<typeof mockDsommApi>) {
  return api.getScorecard.mock.calls
    .map(([request]) => request)
    .filter(request => request.limit === 1 && request.filters !== undefined);
}

/** Requests of the components table, which pages with offset. */
function rowCalls(api: ReturnType<typeof mockDsommApi>) {
  return api.getScorecard.mock.calls
    .map(([request]) => request)
    .filter(request => request.offset !== undefined);
}

async function chooseOption(selectLabel: string, option: string) {
  // The select's name starts with its label, then says what is chosen ("Tier All").
  const filters = screen.getByRole('group', { name: 'Scorecard filters' });
  const select = within(filters).getByRole('button', {
    name: new RegExp(`^${selectLabel}\\b`),
  });
  await userEvent.click(select);
  const listbox = await screen.findByRole('listbox');
  await userEvent.click(within(listbox).getByRole('option', { name: option }));
  await userEvent.keyboard('{Escape}');
}

async function responseError(
  status: number,
  statusText: string,
  message: string,
) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message },
        request: { method: 'GET', url: '/api/dsomm/scorecard/trend' },
        response: { statusCode: status },
      }),
      { status, statusText, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

// The page renders several cards, a material-table and a button per heatmap cell; under a
// parallel test run on a shared machine a test can take tens of seconds.
jest.setTimeout(120_000);

describe('Scorecard', () => {
  afterEach(() => jest.restoreAllMocks());

  it('shows per group the components, share meeting target, mean score and mean levels', async () => {
    const api = mockDsommApi();
    await renderWithApi(<Scorecard />, api);

    const table = await screen.findByRole('table', {
      name: 'Scorecard by owner',
    });
    const headings = Array.from(table.querySelectorAll('thead th')).map(
      th => th.textContent,
    );
    expect(headings).toEqual([
      'Owner',
      'Components',
      'Meeting target',
      'Mean score',
      'Open past SLA',
      'Proven by automation',
      'Overall level',
      'Build and Deployment',
      'Culture and Organization',
      'Implementation',
      'Information Gathering',
      'Test and Verification',
    ]);
    // team-identity: 7 components, 2 meeting target, mean score 9.17.
    expect(groupRow(table, 'team-identity')).toEqual([
      'team-identity',
      '7',
      '29%',
      '9.2',
      // This saved answer predates the KPIs.
      '–',
      '–',
      '0.4',
      '0.9',
      '0.6',
      '0.6',
      '0.6',
      '0.4',
    ]);
    expect(groupRow(table, 'All')).toEqual([
      'All',
      '34',
      '15%',
      '8.1',
      '–',
      '–',
      '0.2',
      '0.6',
      '0.4',
      '0.5',
      '0.4',
      '0.2',
    ]);
    // Heatmap cells carry the level as text and a colour.
    const button = within(table).getAllByRole('button', {
      name: /^Build and Deployment: mean level 0\.9/,
    })[0];
    expect(button).toHaveTextContent('0.9');
    expect(button.closest('td')!.style.backgroundColor).not.toBe('');

    expect(aggregateCalls(api)).toEqual([
      {
        groupBy: 'owner',
        filters: {},
        limit: 1,
        groupsOffset: 0,
        groupsLimit: 50,
      },
    ]);
  });

  it('shows the distribution of overall levels and the summary figures', async () => {
    await renderWithApi(<Scorecard />, mockDsommApi());

    const list = await screen.findByRole('list', {
      name: 'Components per overall level',
    });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'Level 028 (82%)',
      'Level 14 (12%)',
      'Level 22 (6%)',
      'Level 30 (0%)',
      'Level 40 (0%)',
      'Level 50 (0%)',
    ]);
    expect(
      screen.getByText('meet their target (5 components)'),
    ).toBeInTheDocument();
  });

  it('groups by the field chosen and keeps it in the URL', async () => {
    const api = mockDsommApi();
    await renderWithApi(<Scorecard />, api);
    await screen.findByRole('table', { name: 'Scorecard by owner' });

    await chooseOption('Group by', 'Tier');

    const table = await screen.findByRole('table', {
      name: 'Scorecard by tier',
    });
    expect(groupRow(table, 'critical')).toEqual(
      expect.arrayContaining(['critical', '10', '20%']),
    );
    expect(aggregateCalls(api)).toContainEqual({
      groupBy: 'tier',
      filters: {},
      limit: 1,
      groupsOffset: 0,
      groupsLimit: 50,
    });
    expect(urlParams().get('groupBy')).toBe('tier');
  });

  it('filters by tier, in the URL, the aggregates, the trend and the rows', async () => {
    const api = mockDsommApi();
    await renderWithApi(<Scorecard />, api);
    await screen.findByRole('table', { name: 'Scorecard by owner' });

    await chooseOption('Tier', 'critical');

    await waitFor(() =>
      expect(aggregateCalls(api)).toContainEqual({
        groupBy: 'owner',
        filters: { tier: ['critical'] },
        limit: 1,
        groupsOffset: 0,
        groupsLimit: 50,
      }),
    );
    expect(urlParams().getAll('tier')).toEqual(['critical']);
    const table = screen.getByRole('table', { name: 'Scorecard by owner' });
    await waitFor(() =>
      expect(groupRow(table, 'All')).toEqual(
        expect.arrayContaining(['All', '10', '20%']),
      ),
    );
    expect(api.getScorecardTrend).toHaveBeenLastCalledWith(
      { tier: ['critical'] },
      90,
    );
    await waitFor(() =>
      expect(rowCalls(api)).toContainEqual({
        filters: { tier: ['critical'] },
        offset: 0,
        limit: 25,
      }),
    );
    expect(screen.getByText('Tier: critical')).toBeInTheDocument();
  });

  it('reads the filters from a shared URL', async () => {
    const api = mockDsommApi();
    await renderWithApi(
      <Scorecard />,
      api,
      '/dsomm?groupBy=domain&tier=critical&lifecycle=production,experimental',
    );
    await screen.findByRole('table', { name: 'Scorecard by owner' });
    expect(aggregateCalls(api)[0]).toEqual({
      groupBy: 'domain',
      filters: {
        tier: ['critical'],
        lifecycle: ['production', 'experimental'],
      },
      limit: 1,
      groupsOffset: 0,
      groupsLimit: 50,
    });
  });

  it('drills down into a group: filters to it and lists its components', async () => {
    const api = mockDsommApi();
    await renderWithApi(<Scorecard />, api);

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Show the components of team-identity',
      }),
    );

    await waitFor(() =>
      expect(urlParams().getAll('owner')).toEqual([
        'group:default/team-identity',
      ]),
    );
    const owner = { owner: ['group:default/team-identity'] };
    await waitFor(() =>
      expect(aggregateCalls(api)).toContainEqual({
        groupBy: 'owner',
        filters: owner,
        limit: 1,
        groupsOffset: 0,
        groupsLimit: 50,
      }),
    );
    await waitFor(() =>
      expect(rowCalls(api)).toContainEqual({
        filters: owner,
        offset: 0,
        limit: 25,
      }),
    );
    expect(screen.getByText('Owner: team-identity')).toBeInTheDocument();

    // And back out.
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show every owner' }),
    );
    await waitFor(() => expect(urlParams().getAll('owner')).toEqual([]));
  });

  it('pages and sorts the components on the server', async () => {
    const api = mockDsommApi();
    await renderWithApi(<Scorecard />, api);

    expect(await screen.findAllByText('1-25 of 34')).not.toHaveLength(0);
    expect(rowCalls(api)).toEqual([{ filters: {}, offset: 0, limit: 25 }]);

    await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));
    await waitFor(() =>
      expect(rowCalls(api)).toContainEqual({
        filters: {},
        offset: 25,
        limit: 25,
      }),
    );
    await waitFor(() => expect(urlParams().get('page')).toBe('1'));

    await userEvent.click(screen.getByRole('button', { name: 'Score' }));
    await waitFor(() =>
      expect(rowCalls(api)).toContainEqual({
        filters: {},
        offset: 0,
        limit: 25,
        sort: 'score',
        order: 'asc',
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Score' }));
    await waitFor(() =>
      expect(rowCalls(api)).toContainEqual({
        filters: {},
        offset: 0,
        limit: 25,
        sort: 'score',
        order: 'desc',
      }),
    );
    await waitFor(() => {
      expect(urlParams().get('sort')).toBe('score');
      expect(urlParams().get('order')).toBe('desc');
      expect(urlParams().get('page')).toBeNull();
    });
    // Never more than a page at a time.
    expect(
      api.getScorecard.mock.calls.every(([r]) => (r.limit ?? 50) <= 200),
    ).toBe(true);
  });

  it('opens the page and sort from the URL', async () => {
    const api = mockDsommApi();
    await renderWithApi(
      <Scorecard />,
      api,
      '/dsomm?sort=overallLevel&order=desc&page=1&pageSize=10',
    );
    await waitFor(() =>
      expect(rowCalls(api)).toEqual([
        {
          filters: {},
          offset: 10,
          limit: 10,
          sort: 'overallLevel',
          order: 'desc',
        },
      ]),
    );
  });

  it('links each component to its catalog page and its DSOMM tab', async () => {
    await renderWithApi(<Scorecard />, mockDsommApi());

    const link = await screen.findByRole('link', { name: 'auth-service' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/auth-service',
    );
    expect(
      screen.getByRole('link', { name: 'DSOMM scores of auth-service' }),
    ).toHaveAttribute('href', '/catalog/default/component/auth-service/dsomm');
  });

  it('exports the components matching the filters as CSV', async () => {
    const createObjectURL = jest.fn(() => 'blob:dsomm');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function checkDownload(this: HTMLAnchorElement) {
        expect(this.download).toBe('dsomm-scorecard.csv');
        expect(this.href).toBe('blob:dsomm');
      });
    const api = mockDsommApi();
    await renderWithApi(
      <Scorecard />,
      api,
      '/dsomm?tier=critical&owner=group:default/team-data',
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Export CSV' }),
    );

    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(api.exportScorecardCsv).toHaveBeenCalledWith({
      owner: ['group:default/team-data'],
      tier: ['critical'],
    });
    const blob = (createObjectURL.mock.calls[0] as unknown[])[0] as Blob;
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect(await blob.text()).toBe('entityRef,name\n');
  });

  it('says when the export fails', async () => {
    const api = mockDsommApi({
      exportScorecardCsv: jest.fn().mockRejectedValue(new Error('boom')),
    });
    await renderWithApi(<Scorecard />, api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export CSV' }),
    );
    expect(await screen.findByText('Export failed: boom')).toBeInTheDocument();
  });

  it('shows the targets in force', async () => {
    await renderWithApi(<Scorecard />, mockDsommApi());

    const table = await screen.findByRole('table', {
      name: 'Target level per tier',
    });
    const rows = within(table)
      .getAllByRole('row')
      .map(row =>
        Array.from(row.querySelectorAll('th, td')).map(c => c.textContent),
      );
    expect(rows).toEqual([
      ['Tier', 'Target level', 'Per-dimension levels'],
      ['critical', '2', 'Culture and Organization: 1'],
      ['experimental', '1', '–'],
      ['standard', '1', '–'],
      ['Any other tier (default)', '1', '–'],
    ]);
    expect(
      screen.getByText(
        "A component's tier comes from the dsomm.owasp.org/tier annotation, then the lifecycle (experimental → experimental), else standard.",
      ),
    ).toBeInTheDocument();
  });

  it('summarises the trend of the share meeting target', async () => {
    const api = mockDsommApi({
      getScorecardTrend: jest.fn().mockResolvedValue({
        points: [
          {
            day: '2026-11-21',
            count: 30,
            meetingTarget: 3,
            shareMeetingTarget: 0.1,
          },
          {
            day: '2026-11-22',
            count: 34,
            meetingTarget: 0,
            shareMeetingTarget: null,
          },
          ...trend.points,
        ],
      }),
    });
    await renderWithApi(<Scorecard />, api);

    expect(
      await screen.findByText(
        'On 2026-11-23, 5 of 34 components met their target (15% of those with a target). That is up 5 points since 2026-11-21 (10%).',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Share meeting target from 2026-11-21 (10%) to 2026-11-23 (15%)',
      }),
    ).toBeInTheDocument();
  });

  it('says when there is no trend history yet', async () => {
    const api = mockDsommApi({
      getScorecardTrend: jest.fn().mockResolvedValue({ points: [] }),
    });
    await renderWithApi(<Scorecard />, api);
    expect(await screen.findByText(/^No history yet/)).toBeInTheDocument();
  });

  it('shows a trend error in the trend card only', async () => {
    const error = await responseError(404, 'Not Found', 'no such route');
    const api = mockDsommApi({
      getScorecardTrend: jest.fn().mockRejectedValue(error),
    });
    await renderWithApi(<Scorecard />, api);

    const panel = await screen.findByRole('alert');
    expect(within(panel).getByText('no such route')).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Scorecard by owner' }),
    ).toBeInTheDocument();
  });

  it('shows an error panel when the scorecard cannot be loaded', async () => {
    const error = await responseError(
      500,
      'Internal Server Error',
      'database down',
    );
    const api = mockDsommApi({
      getScorecard: jest.fn().mockRejectedValue(error),
    });
    await renderWithApi(<Scorecard />, api);

    expect(await screen.findByText('database down')).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: /Scorecard by/ }),
    ).not.toBeInTheDocument();
  });

  it('shows an error panel above the components table when a page fails', async () => {
    const error = await responseError(
      500,
      'Internal Server Error',
      'page query failed',
    );
    const api = mockDsommApi();
    const answer = api.getScorecard.getMockImplementation()!;
    api.getScorecard.mockImplementation(async request =>
      request.offset === undefined ? answer(request) : Promise.reject(error),
    );
    await renderWithApi(<Scorecard />, api);

    expect(await screen.findByText('page query failed')).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Scorecard by owner' }),
    ).toBeInTheDocument();
  });

  it('says when nothing is scored yet', async () => {
    const api = mockDsommApi({
      getScorecard: jest.fn().mockResolvedValue(empty),
    });
    await renderWithApi(<Scorecard />, api);
    expect(
      await screen.findByText('No scored components yet'),
    ).toBeInTheDocument();
  });

  it('offers to clear filters that match nothing', async () => {
    const api = mockDsommApi({
      getScorecard: jest.fn().mockResolvedValue(empty),
    });
    await renderWithApi(<Scorecard />, api, '/dsomm?tier=none-such');
    expect(
      await screen.findByText('No components match these filters'),
    ).toBeInTheDocument();
    const buttons = screen.getAllByRole('button', { name: 'Clear filters' });
    await userEvent.click(buttons[buttons.length - 1]);
    await waitFor(() => expect(urlParams().getAll('tier')).toEqual([]));
  });
});
