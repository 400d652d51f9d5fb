import { changeSummary } from './changeSummary';

const scored = (
  overallLevel: 0 | 1 | 2,
  score: number,
  status: 'missing' | 'implemented',
  missing: string[],
) => ({
  overallLevel,
  score,
  meetsTarget: missing.length === 0,
  activities: [{ activityId: 'a1', status, evidence: [] }] as any,
  gap: {
    meetsTarget: missing.length === 0,
    dimensions: [
      {
        dimension: 'Build and Deployment',
        target: 1 as const,
        achieved: overallLevel,
        meetsTarget: missing.length === 0,
        missingActivityIds: missing,
      },
    ],
  },
});

describe('changeSummary', () => {
  it('says the activity changed, the level rose and the target is now met', () => {
    const summary = changeSummary(
      'Attestation recorded for A1.',
      'a1',
      scored(0, 14.4, 'missing', ['a1']),
      scored(1, 14.6, 'implemented', []),
    );
    expect(summary.title).toBe('Attestation recorded for A1.');
    expect(summary.lines).toEqual([
      'The activity went from missing to implemented.',
      'Level 0 -> 1; score 14.4 -> 14.6.',
      'The component now meets its target.',
    ]);
  });

  it('counts what is still needed, and says when nothing changed', () => {
    const summary = changeSummary(
      'Attestation revoked.',
      'a1',
      scored(0, 10, 'missing', ['a1', 'a2', 'a3']),
      scored(0, 10, 'missing', ['a1', 'a2', 'a3']),
    );
    expect(summary.lines).toEqual([
      'The activity stays missing.',
      'Level stays 0; score 10 -> 10.',
      '3 activities still needed for the target.',
    ]);
    expect(
      changeSummary(
        'x',
        'a1',
        scored(0, 10, 'missing', ['a1', 'a2']),
        scored(0, 12, 'implemented', ['a2']),
      ).lines[2],
    ).toBe('1 activity still needed for the target (was 2).');
  });
});
