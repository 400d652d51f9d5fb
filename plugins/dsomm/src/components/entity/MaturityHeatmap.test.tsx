import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MaturityHeatmap } from './MaturityHeatmap';
import { fixtures } from './__testUtils__/fixtures';

// MUI tooltips and a table of every sub-dimension: seconds on a busy machine.
jest.setTimeout(30_000);

const TABLE =
  'Implemented of applicable activities per sub-dimension and level';

describe('MaturityHeatmap cells', () => {
  it('name every value of a cell and show its details on keyboard focus', async () => {
    await renderInTestApp(
      <MaturityHeatmap score={fixtures.authServiceScore()} />,
    );
    const table = screen.getByRole('table', { name: TABLE });
    // Build: 1/1 at level 1, level 2 reached (see EntityDsommContent.test).
    const cell = within(table).getByRole('button', {
      name: 'Build, level 1: 1 of 1 applicable activities implemented (level reached)',
    });
    expect(cell).toHaveTextContent('1/1');
    expect(
      within(table).getByRole('button', {
        name: 'Build, level 4: no applicable activities',
      }),
    ).toHaveTextContent('–');

    // The first cell is the first stop in the card; its details show on focus.
    await userEvent.tab();
    expect(cell).toHaveFocus();
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent(
      'Build, level 1: 1 of 1 applicable activities implemented (level reached)',
    );
    // Tab moves on to the next level's cell.
    await userEvent.tab();
    expect(
      within(table).getByRole('button', { name: /^Build, level 2: 3 of 3/ }),
    ).toHaveFocus();

    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('tooltip')).not.toBeInTheDocument(),
    );
  });

  it('show the details on click or tap, until Escape or focus moves on', async () => {
    await renderInTestApp(
      <MaturityHeatmap score={fixtures.authServiceScore()} />,
    );
    const cell = screen.getByRole('button', { name: /^Deployment, level 3:/ });
    await userEvent.click(cell);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Deployment, level 3: 2 of 3 applicable activities implemented',
    );
    // A second tap keeps them: a tap on a touch screen is also a hover.
    await userEvent.click(cell);
    expect(screen.getByRole('tooltip')).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('tooltip')).not.toBeInTheDocument(),
    );
  });
});
