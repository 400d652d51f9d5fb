import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RollupHeatmapCard } from './RollupHeatmapCard';
import { heatmapCellText } from './heatmapCellText';
import { teamPaymentsRollupFixture } from './__testUtils__/rollupFixtures';

const TABLE =
  'Components with every applicable activity implemented, per sub-dimension and level';

/** Each body row's cells as text, the header cell first. */
function rowTexts(table: HTMLElement) {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      Array.from(row.querySelectorAll('th, td')).map(
        // What is shown: a cell's button also holds its spoken name, which is not shown.
        cell => (cell.querySelector('[aria-hidden]') ?? cell).textContent,
      ),
    );
}

// MUI tooltips on a busy machine take seconds.
jest.setTimeout(30_000);

describe('heatmapCellText', () => {
  const cell = { level: 2 as const, activities: 3 };

  it('gives complete components of all and the share of activities implemented', () => {
    expect(
      heatmapCellText(
        { ...cell, complete: 2, implemented: 14, applicable: 27 },
        9,
      ),
    ).toEqual({ figure: '2/9', detail: '52% of activities', share: 2 / 9 });
  });

  it('says when the model has no activity at a level or none applies', () => {
    expect(
      heatmapCellText(
        { ...cell, activities: 0, complete: 9, implemented: 0, applicable: 0 },
        9,
      ),
    ).toEqual({
      figure: '–',
      detail: 'no activities at this level',
      share: null,
    });
    expect(
      heatmapCellText(
        { ...cell, complete: 9, implemented: 0, applicable: 0 },
        9,
      ).detail,
    ).toBe('not applicable to any component');
  });
});

describe('RollupHeatmapCard', () => {
  it('shows every cell as text, sub-dimensions grouped by dimension', async () => {
    const { heatmap } = teamPaymentsRollupFixture();
    await renderInTestApp(<RollupHeatmapCard heatmap={heatmap} />);
    const table = screen.getByRole('table', { name: TABLE });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(c => c.textContent),
    ).toEqual([
      'Sub-dimension',
      'Level 1',
      'Level 2',
      'Level 3',
      'Level 4',
      'Level 5',
    ]);
    const rows = rowTexts(table);
    expect(rows[0]).toEqual(['Build and Deployment']);
    expect(rows[1]).toEqual([
      'Build',
      '7/9 components complete, 78% of activities',
      '2/9 components complete, 52% of activities',
      '1/9 components complete, 11% of activities',
      '–no activities at this level',
      '0/9 components complete, 0% of activities',
    ]);
    expect(rows[2][0]).toBe('Deployment');
    expect(rows[2][5]).toBe('–not applicable to any component');
    expect(rows[3]).toEqual(['Test and Verification']);
    expect(rows.slice(4).map(r => r[0])).toEqual([
      'Consolidation',
      'Dynamic depth for applications',
      'Static depth for applications',
    ]);
    expect(rows[4][1]).toBe('3/9 components complete, 67% of activities');
  });

  it('makes every cell a button named with its values, details on focus and click', async () => {
    const { heatmap } = teamPaymentsRollupFixture();
    await renderInTestApp(<RollupHeatmapCard heatmap={heatmap} />);
    const table = screen.getByRole('table', { name: TABLE });
    const cell = within(table).getByRole('button', {
      name: 'Build, level 1: 7 of 9 components complete, 78% of activities',
    });
    expect(
      within(table).getByRole('button', {
        name: 'Build, level 4: no activities at this level',
      }),
    ).toBeInTheDocument();

    await userEvent.tab();
    expect(cell).toHaveFocus();
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Build, level 1: 7 of 9 components complete, 78% of activities',
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('tooltip')).not.toBeInTheDocument(),
    );

    await userEvent.click(
      within(table).getByRole('button', { name: /^Build, level 2:/ }),
    );
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Build, level 2: 2 of 9 components complete, 52% of activities',
    );
  });

  it('says so when the scope has no components', async () => {
    await renderInTestApp(
      <RollupHeatmapCard heatmap={{ components: 0, subDimensions: [] }} />,
    );
    expect(
      screen.getByText('No components below this scope yet.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
