import { TargetGap } from '@dsomm/plugin-dsomm-common';
import { gateFailures, parseFailOn } from './gateFailures';

const met: TargetGap = {
  meetsTarget: true,
  dimensions: [
    {
      dimension: 'Build and Deployment',
      target: 1,
      achieved: 2,
      meetsTarget: true,
      missingActivityIds: [],
    },
  ],
};
const below: TargetGap = {
  meetsTarget: false,
  dimensions: [
    ...met.dimensions,
    {
      dimension: 'Test and Verification',
      target: 2,
      achieved: 0,
      meetsTarget: false,
      missingActivityIds: ['a'],
    },
    {
      dimension: 'Implementation',
      target: 1,
      achieved: 0,
      meetsTarget: false,
      missingActivityIds: ['b'],
    },
  ],
};
const pastSla = [
  { severity: 'critical' as const, count: 1, slaDays: 2, example: 'CVE-9' },
  { severity: 'high' as const, count: 3, slaDays: 7, example: 'CVE-1' },
];

describe('parseFailOn', () => {
  it('takes every rule when none is named, and the named ones once each', () => {
    expect(parseFailOn(undefined)).toEqual(['sla-breach', 'below-target']);
    expect(parseFailOn(['below-target'])).toEqual(['below-target']);
    expect(parseFailOn(['below-target', 'sla-breach', 'below-target'])).toEqual(
      ['sla-breach', 'below-target'],
    );
  });

  it('refuses an unknown rule, naming it', () => {
    expect(() => parseFailOn(['sla-breach', 'coverage'])).toThrow(
      'failOn: unknown rule "coverage"; expected sla-breach or below-target',
    );
  });
});

describe('gateFailures', () => {
  const all = parseFailOn(undefined);

  it('passes a component with no finding past its SLA that meets its target', () => {
    expect(gateFailures({ rules: all, pastSla: [], gap: met })).toEqual([]);
  });

  it('says in one line which findings are past their SLA', () => {
    const failures = gateFailures({
      rules: all,
      tier: 'critical',
      pastSla,
      gap: met,
    });
    expect(failures).toEqual([
      {
        rule: 'sla-breach',
        reason:
          '4 open finding(s) past their SLA (tier critical): 1 critical over 2 days, 3 high over 7 days, e.g. CVE-9',
      },
    ]);
    expect(failures[0].reason).not.toContain('\n');
  });

  it('names the dimensions below target', () => {
    expect(gateFailures({ rules: all, pastSla: [], gap: below })).toEqual([
      {
        rule: 'below-target',
        reason:
          'below its target: Test and Verification at level 0 of 2, Implementation at level 0 of 1',
      },
    ]);
  });

  it('checks only the rules asked for', () => {
    expect(
      gateFailures({ rules: ['below-target'], pastSla, gap: met }),
    ).toEqual([]);
    expect(
      gateFailures({ rules: ['sla-breach'], pastSla: [], gap: below }),
    ).toEqual([]);
    expect(
      gateFailures({ rules: all, pastSla, gap: below }).map(f => f.rule),
    ).toEqual(['sla-breach', 'below-target']);
  });
});
