import { parseOptions } from './options';

describe('parseOptions', () => {
  it('defaults to 10,000 components, 3 rounds and every database available', () => {
    expect(parseOptions([], true)).toEqual({
      size: 10_000,
      rounds: 3,
      dbs: ['sqlite', 'postgres'],
      sample: 100,
    });
    expect(parseOptions([], false).dbs).toEqual(['sqlite']);
  });

  it('reads --size, --rounds, --db and --sample', () => {
    expect(
      parseOptions(
        [
          '--size',
          '1000',
          '--rounds',
          '1',
          '--db',
          'postgres',
          '--sample',
          '20',
        ],
        true,
      ),
    ).toEqual({ size: 1000, rounds: 1, dbs: ['postgres'], sample: 20 });
    expect(parseOptions(['--db', 'both'], true).dbs).toEqual([
      'sqlite',
      'postgres',
    ]);
  });

  it('rejects what it cannot run, naming the option', () => {
    expect(() => parseOptions(['--size', '0'], true)).toThrow(
      "--size must be a positive integer, got '0'",
    );
    expect(() => parseOptions(['--rounds'], true)).toThrow(
      '--rounds needs a value',
    );
    expect(() => parseOptions(['--db', 'mysql'], true)).toThrow(
      '--db must be sqlite, postgres or both',
    );
    expect(() => parseOptions(['--db', 'postgres'], false)).toThrow(
      'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING',
    );
    expect(() => parseOptions(['--fast', 'yes'], true)).toThrow(
      "unknown option '--fast'",
    );
  });
});
