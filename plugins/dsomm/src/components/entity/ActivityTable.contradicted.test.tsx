import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActivityTable } from './ActivityTable';
import { contradictedRow } from './__testUtils__/contradictedRow';

// A table in jsdom on a shared machine.
jest.setTimeout(60_000);

describe('a contradicted activity in the activity table', () => {
  it('still offers Attest and Waive, as it counts as not implemented', async () => {
    const onAttest = jest.fn();
    const onWaive = jest.fn();
    await renderInTestApp(
      <ActivityTable
        rows={[contradictedRow()]}
        belowTarget
        onAttest={onAttest}
        onWaive={onWaive}
      />,
    );
    const name = 'Treatment of defects with high or critical severity';
    await userEvent.click(
      await screen.findByRole('button', { name: `Attest ${name}` }),
    );
    expect(onAttest).toHaveBeenCalledWith('treatment');
    await userEvent.click(
      screen.getByRole('button', { name: `Waive ${name}` }),
    );
    expect(onWaive).toHaveBeenCalledWith('treatment');
  });
});
