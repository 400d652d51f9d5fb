import { GroupAggregate } from '@dsomm/plugin-dsomm-common';
import {
  groupRowKpis,
  groupTargets,
  pageOfGroups,
  roundAggregate,
  roundMean,
} from './scorecardGroups';

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

describe('pageOfGroups', () => {
  const group = (
    key: string,
    count: number,
    shareMeetingTarget: number | null,
  ): GroupAggregate => ({
    key,
    count,
    meetingTarget: 0,
    shareMeetingTarget,
    meanScore: count * 2,
    overall: { mean: count / 2, distribution: [0, 0, 0, 0, 0, 0] },
    dimensions: {},
  });
  const groups = [
    group('c', 2, 0.5),
    group('a', 1, null),
    group('d', 2, 1),
    group('b', 3, 0),
  ];
  const keys = (page: GroupAggregate[]) => page.map(g => g.key);

  it('orders by key, either way, and slices the page', () => {
    const page = { sort: 'key' as const, offset: 0, limit: 10 };
    expect(keys(pageOfGroups(groups, { ...page, order: 'asc' }))).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    expect(keys(pageOfGroups(groups, { ...page, order: 'desc' }))).toEqual([
      'd',
      'c',
      'b',
      'a',
    ]);
    expect(
      keys(
        pageOfGroups(groups, { ...page, order: 'asc', offset: 1, limit: 2 }),
      ),
    ).toEqual(['b', 'c']);
    expect(pageOfGroups(groups, { ...page, order: 'asc', offset: 4 })).toEqual(
      [],
    );
  });

  it('breaks ties by key ascending in both orders, so pages never overlap', () => {
    for (const sort of ['count', 'meanScore', 'overallLevel'] as const) {
      expect(
        keys(
          pageOfGroups(groups, { sort, order: 'desc', offset: 0, limit: 10 }),
        ),
      ).toEqual(['b', 'c', 'd', 'a']);
      expect(
        keys(
          pageOfGroups(groups, { sort, order: 'asc', offset: 0, limit: 10 }),
        ),
      ).toEqual(['a', 'c', 'd', 'b']);
    }
  });

  it('puts groups without a share meeting target last, whatever the order', () => {
    const page = {
      sort: 'shareMeetingTarget' as const,
      offset: 0,
      limit: 10,
    };
    expect(keys(pageOfGroups(groups, { ...page, order: 'asc' }))).toEqual([
      'b',
      'c',
      'd',
      'a',
    ]);
    expect(keys(pageOfGroups(groups, { ...page, order: 'desc' }))).toEqual([
      'd',
      'c',
      'b',
      'a',
    ]);
  });

  it('leaves the groups given as they were', () => {
    const before = keys(groups);
    pageOfGroups(groups, { sort: 'count', order: 'asc', offset: 0, limit: 1 });
    expect(keys(groups)).toEqual(before);
  });
});

describe('groupRowKpis', () => {
  it('keeps the KPIs a group row shows', () => {
    const openPastSla = { critical: 1, high: 0, medium: null, low: null };
    expect(
      groupRowKpis({
        windowDays: 90,
        mttrDays: { critical: 3, high: null, medium: null, low: null },
        openPastSla,
        automatedShare: 0.25,
        criticalMisconfigurations: 4,
      }),
    ).toEqual({ openPastSla, automatedShare: 0.25 });
  });
});
