import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { declaredSummary } from './ContradictionNote';
import { EvidenceList } from './EvidenceList';
import { ActivityStatusChip } from './StatusChips';
import {
  contradictedRow,
  contradictingFindings,
} from './__testUtils__/contradictedRow';

const measured = contradictingFindings;
const row = contradictedRow;

describe('contradicted activities on the entity tab', () => {
  it('labels the status Contradicted', async () => {
    await renderInTestApp(<ActivityStatusChip status="contradicted" />);
    expect(screen.getByText('Contradicted')).toBeInTheDocument();
  });

  it('shows both sides: the declaration and what the reports measured', async () => {
    await renderInTestApp(<EvidenceList row={row()} />);
    const note = screen.getByRole('note', { name: 'Contradicted' });
    expect(note).toHaveTextContent('Declared: Annotation (listed below)');
    expect(note).toHaveTextContent(`Measured: ${measured}`);
    expect(
      within(note).getByText(/Counts as not implemented until/),
    ).toBeInTheDocument();
    // the declared evidence itself stays listed
    expect(
      screen.getByText(': listed in dsomm.owasp.org/implemented', {
        exact: false,
      }),
    ).toBeInTheDocument();
  });

  it('shows no contradiction for an implemented activity', async () => {
    await renderInTestApp(
      <EvidenceList row={row({ status: 'implemented', notes: [] })} />,
    );
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
  });

  it('names inherited declarations by their scope', () => {
    const inherited = row({
      evidence: [
        {
          activityId: 'treatment',
          source: 'attestation',
          observedAt: '2026-05-01T00:00:00Z',
          scope: 'group:default/team-payments',
        },
        {
          activityId: 'treatment',
          source: 'annotation',
          observedAt: '2026-05-01T00:00:00Z',
        },
      ],
    });
    expect(declaredSummary(inherited)).toBe(
      'Attestation from group team-payments, Annotation',
    );
  });
});
