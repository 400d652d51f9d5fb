import { Activity } from '@dsomm/plugin-dsomm-common';
import {
  activityList,
  activityNamesOf,
  daysLeftText,
  goalText,
  progressText,
} from './campaignText';

describe('campaign text', () => {
  const names = activityNamesOf([
    { id: 'a1', name: 'Defined build process' } as Activity,
  ]);

  it('says each kind of goal in words, with activity names from the model', () => {
    expect(goalText({ level: 2 }, names)).toBe('Level 2 overall');
    expect(
      goalText(
        { dimensions: { 'Build and Deployment': 3, Culture: 1 } },
        names,
      ),
    ).toBe('Level 3 in Build and Deployment, level 1 in Culture');
    expect(goalText({ activities: ['a1', 'gone'] }, names)).toBe(
      '2 activities: Defined build process, gone',
    );
  });

  it('counts days left up to the deadline and days since after it', () => {
    const deadline = '2026-06-30T00:00:00.000Z';
    expect(daysLeftText(deadline, new Date('2026-06-18T00:00:00Z'))).toBe(
      '12 days left',
    );
    expect(daysLeftText(deadline, new Date('2026-06-29T18:00:00Z'))).toBe(
      '1 day left',
    );
    expect(daysLeftText(deadline, new Date('2026-06-30T06:00:00Z'))).toBe(
      'ended today',
    );
    expect(daysLeftText(deadline, new Date('2026-07-03T06:00:00Z'))).toBe(
      'ended 3 days ago',
    );
  });

  it('says how many are done, or that nothing is in scope', () => {
    expect(progressText(3, 8)).toBe('3 of 8 done');
    expect(progressText(0, 0)).toBe('nothing in scope');
  });

  it('lists a few activities whole and says how many more a long list has', () => {
    expect(activityList(['a1', 'b'], names)).toBe('Defined build process, b');
    expect(activityList(['a1', 'b', 'c', 'd'], names, 2)).toBe(
      'Defined build process, b and 2 more',
    );
  });
});
