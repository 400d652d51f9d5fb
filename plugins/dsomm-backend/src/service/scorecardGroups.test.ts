import { GroupAggregate } from '@dsomm/plugin-dsomm-common';
import { groupTargets, roundAggregate, roundMean } from './scorecardGroups';

const targets = {
  default: { level: 1 as const },
  tiers: {
    critical: { level: 3 as const, dimensions: { Implementation: 2 as const } },
    standard: { level: 2 as const },
  },
};
const dimensions = ['Implementation', 'Culture and Organization'];

describe('roundAggregate', () => {
  it('rounds means to one decimal and keeps counts', () => {
    const group: GroupAggregate = {
      key: 'k',
      count: 3,
      meetingTarget: 1,
      shareMeetingTarget: 1 / 3,
      meanScore: 8.149999999,
      overall: { mean: 2 / 3, distribution: [1, 1, 1, 0, 0, 0] },
      dimensions: {
        Implementation: { mean: 0.25, distribution: [3, 0, 0, 0, 0, 0] },
      },
    };
    expect(roundAggregate(group)).toEqual({
      ...group,
      meanScore: 8.1,
      overall: { mean: 0.7, distribution: [1, 1, 1, 0, 0, 0] },
      dimensions: {
        Implementation: { mean: 0.3, distribution: [3, 0, 0, 0, 0, 0] },
      },
    });
    expect(roundMean(8.15000001)).toBe(8.2);
  });
});

describe('groupTargets', () => {
  const counts = [
    { key: 'group:default/a', tier: 'critical', count: 1 },
    { key: 'group:default/a', tier: 'standard', count: 2 },
    { key: 'group:default/b', tier: null, count: 4 },
    { key: null, tier: 'critical', count: 1 },
  ];

  it('averages the targets of a group’s components, overall and per dimension', () => {
    const t = groupTargets(counts, 'owner', targets, '(none)');
    // a: one critical (3, Implementation 2) and two standard (2)
    expect(t.means('group:default/a', dimensions)).toEqual({
      overall: roundMean(7 / 3),
      dimensions: {
        Implementation: 2,
        'Culture and Organization': roundMean(7 / 3),
      },
    });
    // b: no tier, the default target
    expect(t.means('group:default/b', dimensions).overall).toBe(1);
    expect(t.means('(none)', dimensions).overall).toBe(3);
    // everything: (3 + 2 + 2 + 4 * 1 + 3) / 8
    expect(t.means(undefined, dimensions).overall).toBe(roundMean(14 / 8));
    expect(t.means('group:default/nobody', dimensions)).toEqual({
      overall: 0,
      dimensions: { Implementation: 0, 'Culture and Organization': 0 },
    });
  });

  it('gives tier groups their configured target, the default for no tier', () => {
    const tierCounts = [
      { key: 'critical', tier: 'critical', count: 2 },
      { key: null, tier: null, count: 1 },
    ];
    const t = groupTargets(tierCounts, 'tier', targets, '(none)');
    expect(t.tierTarget('critical')).toEqual(targets.tiers.critical);
    expect(t.tierTarget('(none)')).toEqual(targets.default);
    expect(t.tierTarget('unknown-tier')).toEqual(targets.default);
    expect(t.means('critical', dimensions).dimensions.Implementation).toBe(2);
    expect(t.means('(none)', dimensions).overall).toBe(1);
  });
});
