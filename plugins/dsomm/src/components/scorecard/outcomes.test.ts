import { GroupKpis } from '@dsomm/plugin-dsomm-common';
import {
  changeText,
  kpiChange,
  mttrDetail,
  openPastSlaDetail,
  openPastSlaTotal,
} from './outcomes';

const kpis: GroupKpis = {
  windowDays: 90,
  mttrDays: { critical: 2.04, high: null, medium: 10, low: null },
  openPastSla: { critical: 1, high: 0, medium: 5, low: null },
  automatedShare: null,
  criticalMisconfigurations: 0,
};

describe('scorecard outcomes', () => {
  it('adds open past SLA over the severities that have an SLA', () => {
    expect(openPastSlaTotal(kpis)).toBe(6);
    expect(openPastSlaDetail(kpis)).toBe('critical 1 · high 0 · medium 5');
    expect(
      openPastSlaTotal({
        ...kpis,
        openPastSla: { critical: null, high: null, medium: null, low: null },
      }),
    ).toBeNull();
    expect(mttrDetail(kpis)).toBe(
      'critical 2 d · high – · medium 10 d · low –',
    );
  });

  it('takes a change from the first to the last day that measured the KPI', () => {
    const day = (d: string, openPastSla: number | null) => ({
      day: d,
      count: 1,
      meetingTarget: 0,
      shareMeetingTarget: null,
      kpis: {
        openPastSla,
        criticalMisconfigurations: null,
        automatedShare: null,
        mttrDays: null,
      },
    });
    const points = [
      day('2026-11-01', null),
      day('2026-11-02', 4),
      day('2026-11-03', null),
      day('2026-11-04', 6),
      {
        day: '2026-11-05',
        count: 1,
        meetingTarget: 0,
        shareMeetingTarget: null,
      },
    ];
    const change = kpiChange(points, k => k.openPastSla);
    expect(change).toEqual({
      from: { day: '2026-11-02', value: 4 },
      to: { day: '2026-11-04', value: 6 },
    });
    expect(changeText(change)).toBe('↑ up 2 since 2026-11-02 (was 4)');
    expect(kpiChange(points.slice(0, 3), k => k.openPastSla)).toBeUndefined();
    expect(changeText(undefined)).toBeUndefined();
    expect(
      changeText(
        {
          from: { day: '2026-11-02', value: 0.8 },
          to: { day: '2026-11-04', value: 0.5 },
        },
        true,
      ),
    ).toBe('↓ down 30 points since 2026-11-02 (was 80%)');
  });
});
