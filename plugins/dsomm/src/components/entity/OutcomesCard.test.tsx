import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { EntityKpis } from '@dsomm/plugin-dsomm-common';
import {
  OutcomesCard,
  automatedShareText,
  lastScansText,
} from './OutcomesCard';

const kpis: EntityKpis = {
  windowDays: 90,
  mttrDays: { critical: 30, high: 1, medium: 2.46, low: null },
  openPastSla: { critical: 0, high: 1, medium: 0, low: null },
  automatedShare: 2 / 3,
  criticalMisconfigurations: 4,
  daysSinceLastScan: {
    sast: 3.2,
    sca: 0.4,
    secrets: null,
    iac: 1,
    container: null,
    dast: null,
    sbom: 12,
  },
};

describe('OutcomesCard', () => {
  it('shows time to fix and open past SLA per severity, the automated share, misconfigurations and last scans', async () => {
    await renderInTestApp(<OutcomesCard kpis={kpis} />);
    expect(
      screen.getByRole('heading', { name: 'Outcomes', level: 2 }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Findings fixed in the last 90 days, and what is open now',
      ),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: 'Time to fix and open past SLA, by severity',
    });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(row => Array.from(row.children).map(cell => cell.textContent));
    expect(rows).toEqual([
      ['critical', '30 days', '0'],
      ['high', '1 day', '1'],
      ['medium', '2.5 days', '0'],
      ['low', 'none fixed', 'no SLA'],
    ]);
    expect(
      screen.getByText(/^67% of the implemented activities are proven/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Critical misconfigurations open .*: 4$/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Last scans: SAST 3.2 days ago, SCA today, Secrets never, IaC 1 day ago, Container never, DAST never, SBOM 12 days ago.',
      ),
    ).toBeInTheDocument();
  });

  it('says so when nothing is implemented yet', () => {
    expect(automatedShareText(null)).toBe('No activity is implemented yet.');
    expect(automatedShareText(1)).toMatch(/^100% /);
    expect(
      lastScansText({
        ...kpis,
        daysSinceLastScan: { ...kpis.daysSinceLastScan, sast: 0 },
      }),
    ).toMatch(/^SAST today, /);
  });
});
