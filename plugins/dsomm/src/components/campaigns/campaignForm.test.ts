import { campaignInputOf, EMPTY_FORM } from './campaignForm';

describe('campaignInputOf', () => {
  const form = {
    ...EMPTY_FORM,
    name: ' Level 2 for critical ',
    owner: 'group:default/security',
    scope: { tier: ['critical'], owner: [] },
    deadline: '2026-06-30',
  };

  it('sends the level goal, the filters chosen and no start when none is given', () => {
    expect(campaignInputOf(form)).toEqual({
      name: 'Level 2 for critical',
      owner: 'group:default/security',
      scope: { tier: ['critical'] },
      goal: { level: 2 },
      deadline: '2026-06-30',
    });
  });

  it('sends only the goal kind chosen: dimensions with a level, or activities', () => {
    const withBoth = {
      ...form,
      start: '2026-01-01',
      dimensions: { 'Build and Deployment': '3', Culture: '' },
      activities: ['a1'],
    };
    expect(
      campaignInputOf({ ...withBoth, goalKind: 'dimensions' }),
    ).toMatchObject({
      start: '2026-01-01',
      goal: { dimensions: { 'Build and Deployment': 3 } },
    });
    expect(
      campaignInputOf({ ...withBoth, goalKind: 'activities' }).goal,
    ).toEqual({ activities: ['a1'] });
  });
});
