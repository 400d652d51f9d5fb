/** Which databases a run covers. */
export type Db = 'sqlite' | 'postgres';

export interface CompareOptions {
  /** Components in the synthetic org. */
  size: number;
  /** Rounds; each round runs each side once, interleaved. */
  rounds: number;
  dbs: Db[];
  /** Entities whose checks Tech Insights runs for its org view, extrapolated to all. */
  sample: number;
}

const usage =
  'usage: npm run bench:compare -- [--size N] [--rounds N] [--db sqlite|postgres|both] [--sample K]';

function positiveInteger(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(
      `${name} must be a positive integer, got '${value}'; ${usage}`,
    );
  }
  return n;
}

/**
 * Reads the bench's options. `--db` defaults to both databases when a PostgreSQL connection
 * string is set, SQLite otherwise; asking for PostgreSQL without one is an error rather than a
 * silent SQLite-only run.
 */
export function parseOptions(
  args: string[],
  postgresAvailable: boolean,
): CompareOptions {
  const options: CompareOptions = {
    size: 10_000,
    rounds: 3,
    dbs: postgresAvailable ? ['sqlite', 'postgres'] : ['sqlite'],
    sample: 100,
  };
  for (let i = 0; i < args.length; i += 2) {
    const [name, value] = [args[i], args[i + 1]];
    if (value === undefined) throw new Error(`${name} needs a value; ${usage}`);
    if (name === '--size') options.size = positiveInteger(name, value);
    else if (name === '--rounds') options.rounds = positiveInteger(name, value);
    else if (name === '--sample') options.sample = positiveInteger(name, value);
    else if (name === '--db') {
      const dbs: Record<string, Db[]> = {
        sqlite: ['sqlite'],
        postgres: ['postgres'],
        both: ['sqlite', 'postgres'],
      };
      if (!dbs[value])
        throw new Error(`--db must be sqlite, postgres or both; ${usage}`);
      options.dbs = dbs[value];
    } else throw new Error(`unknown option '${name}'; ${usage}`);
  }
  if (options.dbs.includes('postgres') && !postgresAvailable) {
    throw new Error(
      '--db postgres needs BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING',
    );
  }
  return options;
}
