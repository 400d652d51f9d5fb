import { csvCell } from './ScorecardService';

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
