import { formatPercent, refLabel, valueLabel } from './format';

describe('format', () => {
  it('shortens entity refs for display', () => {
    expect(refLabel('group:default/team-a', 'group')).toBe('team-a');
    expect(refLabel('group:ops/team-b', 'group')).toBe('ops/team-b');
    expect(refLabel('user:default/jdoe', 'group')).toBe('user:jdoe');
    expect(refLabel(undefined)).toBe('–');
    expect(valueLabel('system', 'system:default/payments')).toBe('payments');
    expect(valueLabel('tier', 'critical')).toBe('critical');
  });

  it('formats shares as whole percentages', () => {
    expect(formatPercent(0.14705882352941177)).toBe('15%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(null)).toBe('–');
  });
});
