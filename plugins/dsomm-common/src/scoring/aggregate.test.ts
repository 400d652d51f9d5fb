import {
  aggregateGroup,
  aggregateScores,
  ScoreSummary,
  summarizeScore,
} from './aggregate';

const entity = (
  owner: string,
  overallLevel: 0 | 1 | 2 | 3,
  build: 0 | 1 | 2 | 3,
  score: number,
  meetsTarget?: boolean,
): ScoreSummary & { owner: string } => ({
  owner,
  overallLevel,
  score,
  dimensionLevels: { Build: build, Test: overallLevel },
  meetsTarget,
});

describe('aggregateScores', () => {
  const items = [
    entity('team-a', 1, 2, 40, true),
    entity('team-a', 0, 3, 10, false),
    entity('team-a', 3, 3, 90, true),
    entity('team-b', 2, 2, 50),
  ];

  it('counts, shares, means and distributions per group', () => {
    const groups = aggregateScores(items, i => i.owner);
    expect(groups.map(g => g.key)).toEqual(['team-a', 'team-b']);
    const a = groups[0];
    expect(a.count).toBe(3);
    expect(a.meetingTarget).toBe(2);
    expect(a.shareMeetingTarget).toBeCloseTo(2 / 3);
    expect(a.meanScore).toBeCloseTo(140 / 3);
    expect(a.overall).toEqual({
      mean: 4 / 3,
      distribution: [1, 1, 0, 1, 0, 0],
    });
    expect(a.dimensions.Build).toEqual({
      mean: 8 / 3,
      distribution: [0, 0, 1, 2, 0, 0],
    });
    // no entity of team-b has a target
    expect(groups[1].shareMeetingTarget).toBeNull();
    expect(groups[1].meetingTarget).toBe(0);
  });

  it('lets an entity count in several groups or none', () => {
    const groups = aggregateScores(items, i =>
      i.owner === 'team-b' ? undefined : ['all', i.owner],
    );
    expect(groups.map(g => [g.key, g.count])).toEqual([
      ['all', 3],
      ['team-a', 3],
    ]);
  });

  it('summarizes a full score', () => {
    expect(
      summarizeScore(
        {
          overallLevel: 1,
          score: 12.5,
          dimensions: [
            { dimension: 'Build', level: 1 },
            { dimension: 'Test', level: 2 },
          ],
        },
        false,
      ),
    ).toEqual({
      overallLevel: 1,
      score: 12.5,
      dimensionLevels: { Build: 1, Test: 2 },
      meetsTarget: false,
    });
  });

  it('gives zeros for an empty group', () => {
    expect(aggregateGroup('none', [])).toEqual({
      key: 'none',
      count: 0,
      meetingTarget: 0,
      shareMeetingTarget: null,
      meanScore: 0,
      overall: { mean: 0, distribution: [0, 0, 0, 0, 0, 0] },
      dimensions: {},
    });
  });
});
