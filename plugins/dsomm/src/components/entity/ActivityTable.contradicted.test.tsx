import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActivityTable } from './ActivityTable';
import { ActivityRow } from './activityRows';

// A table in jsdom on a shared machine.
jest.setTimeout(60_000);

/** An activity declared by annotation that the latest reports contradict. */
function contradictedRow(): ActivityRow {
  return {
    id: 'treatment',
    key: 'treatment-of-defects-with-severity-high-or-higher',
    name: 'Treatment of defects with high or critical severity',
    url: 'https://dsomm.owasp.org/activity-description?uuid=treatment',
    level: 1,
    dimension: 'Implementation',
    subDimension: 'Development and Source Control',
    status: 'contradicted',
    target: 'needed',
    tools: [],
    proofAnnotations: [],
    evidence: [
      {
        activityId: 'treatment',
        source: 'annotation',
        observedAt: '2026-05-01T00:00:00Z',
        details: { summary: 'listed in dsomm.owasp.org/implemented' },
      },
    ],
    notes: [
      {
        activityId: 'treatment',
        counts: false,
        contradicts: true,
        reason: '6 critical or high finding(s) open longer than the SLA',
      },
    ],
    attestations: [],
    waivers: [],
  };
}

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
