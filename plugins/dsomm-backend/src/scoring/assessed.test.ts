import { ActivityScore } from '@dsomm/plugin-dsomm-common';
import { isAssessed } from './assessed';

const activity = (over: Partial<ActivityScore>): ActivityScore => ({
  activityId: 'a1',
  level: 1,
  status: 'missing',
  evidence: [],
  ...over,
});

describe('isAssessed', () => {
  it('is false without statuses or evidence', () => {
    expect(isAssessed({ activities: [] })).toBe(false);
    expect(isAssessed({ activities: [activity({})] })).toBe(false);
  });

  it.each(['implemented', 'stale', 'not-applicable'] as const)(
    'is true with one activity %s',
    status => {
      expect(isAssessed({ activities: [activity({ status })] })).toBe(true);
    },
  );

  it('is true for inherited evidence and for a missing activity with evidence', () => {
    const evidence = {
      activityId: 'a1',
      source: 'attestation' as const,
      observedAt: '2026-01-01T00:00:00Z',
      scope: 'group:default/team-a',
    };
    expect(
      isAssessed({
        activities: [activity({ status: 'missing', evidence: [evidence] })],
      }),
    ).toBe(true);
  });
});
