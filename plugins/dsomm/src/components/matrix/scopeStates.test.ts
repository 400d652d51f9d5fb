import { Attestation, Waiver } from '@dsomm/plugin-dsomm-common';
import { progressByActivity, scopeActivityStates } from './scopeStates';

const now = Date.parse('2026-11-29T00:00:00Z');

function attestation(activityId: string, expiresAt?: string): Attestation {
  return {
    id: `a-${activityId}`,
    entityRef: 'group:default/team-a',
    activityId,
    comment: 'done',
    attestedBy: 'user:default/alice',
    attestedAt: '2026-11-01T00:00:00Z',
    ...(expiresAt ? { expiresAt } : {}),
  };
}

function waiver(activityId: string, expiresAt?: string): Waiver {
  return {
    id: `w-${activityId}`,
    entityRef: 'group:default/team-a',
    activityId,
    justification: 'no',
    grantedBy: 'user:default/bob',
    grantedAt: '2026-11-01T00:00:00Z',
    ...(expiresAt ? { expiresAt } : {}),
  };
}

describe('scopeActivityStates', () => {
  it('reads annotations, attestations and waivers of the scope', () => {
    const states = scopeActivityStates(
      {
        annotations: {
          implemented: ['a1'],
          notApplicable: ['n1'],
          warnings: [],
        },
        attestations: [attestation('a2')],
        waivers: [waiver('n2')],
      },
      now,
    );
    expect(Object.fromEntries(states)).toEqual({
      a1: { state: 'implemented', source: 'annotation' },
      a2: {
        state: 'implemented',
        source: 'attested by user:default/alice',
        actor: 'user:default/alice',
      },
      n1: { state: 'not-applicable', source: 'annotation' },
      n2: {
        state: 'not-applicable',
        source: 'waived by user:default/bob',
        actor: 'user:default/bob',
      },
    });
  });

  it('lets not applicable win and ignores expired records', () => {
    const states = scopeActivityStates(
      {
        annotations: { implemented: [], notApplicable: [], warnings: [] },
        attestations: [
          attestation('both'),
          attestation('old', '2026-11-28T00:00:00Z'),
          attestation('current', '2026-12-01T00:00:00Z'),
        ],
        waivers: [waiver('both'), waiver('old-waiver', '2026-01-01T00:00:00Z')],
      },
      now,
    );
    expect(states.get('both')?.state).toBe('not-applicable');
    expect(states.has('old')).toBe(false);
    expect(states.has('old-waiver')).toBe(false);
    expect(states.get('current')?.state).toBe('implemented');
  });
});

describe('progressByActivity', () => {
  const entry = (activityId: string, state: string, date: string) => ({
    groupRef: 'group:default/team-a',
    activityId,
    state,
    date,
  });

  it('keeps the latest state of each activity, and is empty without progress', () => {
    const annotations = { implemented: [], notApplicable: [], warnings: [] };
    const byActivity = progressByActivity({
      annotations,
      attestations: [],
      waivers: [],
      progress: [
        entry('a1', 'Started', '2026-10-15T00:00:00.000Z'),
        entry('a1', 'Planned', '2026-10-01T00:00:00.000Z'),
        entry('a2', 'Planned', '2026-09-01T00:00:00.000Z'),
      ],
    });
    expect([...byActivity.entries()].map(([id, e]) => [id, e.state])).toEqual([
      ['a1', 'Started'],
      ['a2', 'Planned'],
    ]);
    expect(
      progressByActivity({ annotations, attestations: [], waivers: [] }).size,
    ).toBe(0);
  });
});
