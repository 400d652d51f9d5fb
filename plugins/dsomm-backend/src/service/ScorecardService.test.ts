import { ScorecardRow, aggregateGroup } from '@dsomm/plugin-dsomm-common';
import { csvCell, withNotAssessed } from './ScorecardService';

describe('csvCell', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(3)).toBe('3');
    expect(csvCell(false)).toBe('false');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
  });
});

describe('withNotAssessed', () => {
  const group = aggregateGroup('all', []);
  const row = (assessed: boolean | null) =>
    ({ assessed } as unknown as ScorecardRow);

  it('counts rows known not to be assessed, not older scores without the flag', () => {
    const rows = [row(false), row(true), row(null), row(false)];
    expect(withNotAssessed(group, rows).notAssessed).toBe(2);
  });

  it("takes the database's count when it aggregated", () => {
    expect(withNotAssessed(group, { notAssessed: 7 }).notAssessed).toBe(7);
  });
});
