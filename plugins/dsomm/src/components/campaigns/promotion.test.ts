import { promotionSnippet } from './promotion';

describe('promotionSnippet', () => {
  const now = new Date('2026-07-01T12:00:00Z');
  const ended = {
    scope: { tier: ['critical'] },
    goal: { level: 2 as const },
    deadline: '2026-06-30T00:00:00.000Z',
    inScope: 3,
    done: 3,
  };

  it('gives the tier level key for a level goal that every component reached', () => {
    expect(promotionSnippet(ended, now)).toBe(
      [
        'dsomm:',
        '  targets:',
        '    tiers:',
        '      critical:',
        '        level: 2',
        '',
      ].join('\n'),
    );
  });

  it('gives one dimensions block per tier, quoting names YAML would misread', () => {
    const snippet = promotionSnippet(
      {
        ...ended,
        scope: { tier: ['critical', 'standard'] },
        goal: {
          dimensions: { 'Build and Deployment': 3, 'Culture: people': 1 },
        },
      },
      now,
    );
    expect(snippet).toBe(
      [
        'dsomm:',
        '  targets:',
        '    tiers:',
        '      critical:',
        '        dimensions:',
        '          Build and Deployment: 3',
        '          "Culture: people": 1',
        '      standard:',
        '        dimensions:',
        '          Build and Deployment: 3',
        '          "Culture: people": 1',
        '',
      ].join('\n'),
    );
  });

  it('offers nothing before the deadline, short of the goal, or with nothing in scope', () => {
    expect(
      promotionSnippet(ended, new Date('2026-06-29T23:59:59Z')),
    ).toBeUndefined();
    expect(promotionSnippet({ ...ended, done: 2 }, now)).toBeUndefined();
    expect(
      promotionSnippet({ ...ended, inScope: 0, done: 0 }, now),
    ).toBeUndefined();
  });

  it('offers nothing for activity goals or scopes that are not whole tiers', () => {
    expect(
      promotionSnippet({ ...ended, goal: { activities: ['a1'] } }, now),
    ).toBeUndefined();
    expect(promotionSnippet({ ...ended, scope: {} }, now)).toBeUndefined();
    expect(
      promotionSnippet(
        { ...ended, scope: { tier: ['critical'], owner: ['group:default/a'] } },
        now,
      ),
    ).toBeUndefined();
  });
});
