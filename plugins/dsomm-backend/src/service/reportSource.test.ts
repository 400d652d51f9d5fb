import { checkReportSource } from './reportSource';

describe('checkReportSource', () => {
  it('accepts http(s) URLs and plain labels', () => {
    for (const value of [
      'https://ci.example.com/run/1',
      'HTTP://ci.example.com/run/1',
      'build 1234',
      'gitlab pipeline #55',
      undefined,
    ]) {
      expect(checkReportSource(value)).toBe(value);
    }
  });

  it('refuses other schemes, broken URLs, control characters and long values, naming the problem', () => {
    // eslint-disable-next-line no-script-url -- the hostile input under test
    expect(() => checkReportSource('javascript:alert(1)')).toThrow(
      'source: must be an http(s) URL or a label without a scheme; got a "javascript:" URL',
    );
    expect(() => checkReportSource(' JavaScript:alert(1)')).toThrow(
      '"javascript:" URL',
    );
    expect(() => checkReportSource('data:text/html,<b>x</b>')).toThrow(
      '"data:" URL',
    );
    expect(() => checkReportSource('https://')).toThrow(
      'source: is not a valid https URL',
    );
    expect(() => checkReportSource('a\nb')).toThrow(
      'source: must not contain control characters',
    );
    expect(() => checkReportSource('x'.repeat(2049))).toThrow(
      'source: must be at most 2048 characters',
    );
  });
});
