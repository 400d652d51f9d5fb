import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ScorecardGroup,
  ScorecardResponse,
  ScorecardRow,
} from '@dsomm/plugin-dsomm-common';
import { ScorecardRequest } from '../../api';
import { Scorecard } from './Scorecard';
import { distanceRange, targetLabel } from './GroupTable';
import { formatDistance } from './TargetHeatCell';
import {
  byOwner,
  byTier,
  mockDsommApi,
  renderWithApi,
} from './__testUtils__/testApi';

jest.setTimeout(120_000);

const DIMENSIONS = [
  'Build and Deployment',
  'Culture and Organization',
  'Implementation',
  'Information Gathering',
  'Test and Verification',
];

/** The portal's answers as this version of the backend gives them: titles, targets, counts. */
function withTargets(
  response: ScorecardResponse,
  describe: (key: string) => Partial<ScorecardGroup>,
): ScorecardResponse {
  const means = (level: number) => ({
    overall: level,
    dimensions: Object.fromEntries(DIMENSIONS.map(d => [d, level])),
  });
  return {
    ...response,
    groups: response.groups.map(g => ({
      ...g,
      targetMeans: means(1),
      ...describe(g.key),
    })),
    total: { ...response.total, targetMeans: means(1) },
    rows: response.rows.map(
      (row, i): ScorecardRow => ({
        ...row,
        specType: i % 2 ? 'website' : 'service',
        missingForTarget: 10 + i,
      }),
    ),
  };
}

const owner = withTargets(byOwner, key =>
  key === 'group:default/team-identity' ? { title: 'Identity Team' } : {},
);
const tier = withTargets(byTier, key =>
  key === 'critical'
    ? {
        target: { level: 3, dimensions: { 'Test and Verification': 2 } },
        targetMeans: {
          overall: 3,
          dimensions: {
            ...Object.fromEntries(DIMENSIONS.map(d => [d, 3])),
            'Test and Verification': 2,
          },
        },
      }
    : { target: { level: key === 'standard' ? 2 : 0 } },
);

function api() {
  return mockDsommApi({
    getScorecard: jest.fn(async (request: ScorecardRequest) => ({
      ...(request.groupBy === 'tier' ? tier : owner),
      offset: request.offset ?? 0,
      limit: request.limit ?? 50,
    })),
  });
}

function rowOf(table: HTMLElement, name: string) {
  const header = within(table).getByText(name, { selector: 'th, th *' });
  return header.closest('tr') as HTMLElement;
}

describe('Scorecard for decisions', () => {
  it('names groups by their titles and shows each tier’s target in its row', async () => {
    await renderWithApi(<Scorecard />, api());
    const byOwnerTable = await screen.findByRole('table', {
      name: 'Scorecard by owner',
    });
    expect(within(byOwnerTable).getByText('Identity Team')).toBeInTheDocument();
    // Groups without a title keep their short ref.
    expect(within(byOwnerTable).getByText('team-data')).toBeInTheDocument();

    await renderWithApi(<Scorecard />, api(), '/dsomm?groupBy=tier');
    const byTierTable = await screen.findByRole('table', {
      name: 'Scorecard by tier',
    });
    expect(rowOf(byTierTable, 'critical')).toHaveTextContent(
      'target 3 (Test and Verification 2)',
    );
    expect(rowOf(byTierTable, 'standard')).toHaveTextContent('target 2');
    expect(rowOf(byTierTable, 'experimental')).toHaveTextContent('target 0');
  });

  it('colours level cells by their distance to the target, over the real range, with a key', async () => {
    await renderWithApi(<Scorecard />, api(), '/dsomm?groupBy=tier');
    const table = await screen.findByRole('table', {
      name: 'Scorecard by tier',
    });
    const critical = tier.groups.find(g => g.key === 'critical')!;
    const mean = critical.dimensions.Implementation.mean;
    const cell = within(rowOf(table, 'critical'))
      .getByRole('button', {
        name: new RegExp(`^Implementation: mean level .*, mean target 3\\.0`),
      })
      .closest('td')!;
    // The mean level, and how far it is from the target.
    expect(cell).toHaveTextContent(
      `${mean.toFixed(1)}${formatDistance(mean - 3)}`,
    );
    expect(formatDistance(mean - 3)).toMatch(/^\u2212/);
    // A cell further below the target has a stronger colour than one closer to it.
    const experimental = within(rowOf(table, 'experimental'))
      .getByRole('button', { name: /^Implementation: mean level/ })
      .closest('td')!;
    expect(cell.style.backgroundColor).not.toBe('');
    expect(cell.style.backgroundColor).not.toBe(
      experimental.style.backgroundColor,
    );
    // The key spans the distances shown, from the furthest below to the furthest above.
    const range = distanceRange([...tier.groups, tier.total], DIMENSIONS);
    expect(range.min).toBeLessThan(-2);
    const key = screen.getByRole('img', { name: /^Colour key/ });
    const stops = within(key).getAllByTestId('legend-stop');
    expect(stops[0]).toHaveTextContent(formatDistance(range.min));
    expect(stops[stops.length - 1]).toHaveTextContent(
      formatDistance(range.max),
    );
  });

  it('lists components worst first with their dimension levels and what they miss for target', async () => {
    const dsommApi = api();
    await renderWithApi(<Scorecard />, dsommApi);
    expect(
      await screen.findByText(/worst first \(furthest below target\)/),
    ).toBeInTheDocument();
    // No sort asked for: the server's default, worst first.
    const first = dsommApi.getScorecard.mock.calls
      .map(([r]) => r)
      .find(r => r.offset !== undefined)!;
    expect(first.sort).toBeUndefined();
    const row = owner.rows[0];
    const link = await screen.findByRole('link', {
      name: row.title ?? row.name,
    });
    const tr = link.closest('tr') as HTMLElement;
    expect(tr).toHaveTextContent('10');
    const levels = within(tr).getByLabelText(
      Object.entries(row.dimensionLevels)
        .map(([n, l]) => `${n} ${l}`)
        .join(', '),
    );
    expect(within(levels).getAllByTitle(/: level \d$/)).toHaveLength(
      DIMENSIONS.length,
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Missing for target' }),
    );
    await waitFor(() =>
      expect(dsommApi.getScorecard).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: 'missingForTarget', order: 'asc' }),
      ),
    );
  });

  it('filters by type instead of kind', async () => {
    const dsommApi = api();
    await renderWithApi(<Scorecard />, dsommApi);
    await screen.findByRole('table', { name: 'Scorecard by owner' });
    const filters = screen.getByRole('group', { name: 'Scorecard filters' });
    expect(within(filters).queryByText('Kind')).not.toBeInTheDocument();
    const select = within(filters).getByRole('button', { name: /^Type\b/ });
    await userEvent.click(select);
    const listbox = await screen.findByRole('listbox');
    await userEvent.click(
      within(listbox).getByRole('option', { name: 'website' }),
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(
        new URLSearchParams(screen.getByTestId('location').textContent!).getAll(
          'type',
        ),
      ).toEqual(['website']),
    );
    await waitFor(() =>
      expect(dsommApi.getScorecard).toHaveBeenCalledWith(
        expect.objectContaining({ filters: { type: ['website'] } }),
      ),
    );
  });

  it('labels targets and distances', () => {
    expect(targetLabel({ level: 2 })).toBe('target 2');
    expect(targetLabel({ level: 3, dimensions: { Implementation: 3 } })).toBe(
      'target 3',
    );
    expect(formatDistance(0.04)).toBe('0.0');
    expect(formatDistance(-1.25)).toBe('\u22121.3');
    expect(formatDistance(0.5)).toBe('+0.5');
  });
});
