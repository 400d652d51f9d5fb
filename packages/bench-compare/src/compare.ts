/* eslint-disable no-console */
/**
 * Side by side: the DSOMM backend plugin and Backstage Tech Insights (a fact retriever of one
 * boolean per DSOMM activity, 25 JSON-rules checks) on the same synthetic org, each in a test
 * backend of its own process, rounds interleaved; prints medians and ratios per database.
 * Asserts nothing.
 *
 *   npm run bench:compare -- [--size 10000] [--rounds 3] [--db sqlite|postgres|both] [--sample 100]
 */
import { execFileSync } from 'child_process';
import { DatabaseLocation, connect, createDatabase } from './benchDatabase';
import { seedDsomm, startDsommSide } from './dsommSide';
import { measureSide } from './measureSide';
import { parseOptions } from './options';
import { compareTable } from './report';
import { SideName, SideResult } from './side';
import { startTechInsightsSide } from './techInsightsSide';

/** Runs this file again in a child process and returns the JSON it prints last. */
function inChild(args: string[]): unknown {
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, __filename, '--child', ...args],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 26,
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!);
}

async function child(args: string[]): Promise<unknown> {
  const [mode, side, locationJson, size, sample] = args;
  const location = JSON.parse(locationJson) as DatabaseLocation;
  const knex = connect(location);
  try {
    if (mode === 'seed')
      return { reports: await seedDsomm(knex, Number(size)) };
    const started =
      side === 'dsomm'
        ? await startDsommSide(knex, Number(size))
        : await startTechInsightsSide(knex, Number(size), Number(sample));
    try {
      return await measureSide(side as SideName, started, Number(size));
    } finally {
      await started.stop();
    }
  } finally {
    await knex.destroy();
  }
}

async function parent() {
  const options = parseOptions(
    process.argv.slice(2),
    Boolean(process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING),
  );
  const tables: string[] = [];
  for (const db of options.dbs) {
    const results: Record<SideName, SideResult[]> = {
      dsomm: [],
      techInsights: [],
    };
    for (let round = 1; round <= options.rounds; round++) {
      for (const side of ['dsomm', 'techInsights'] as const) {
        // A fresh database per run, so each first run is a first run.
        const { location, drop } = await createDatabase(db, side.toLowerCase());
        try {
          if (side === 'dsomm') {
            const { reports } = inChild([
              'seed',
              side,
              JSON.stringify(location),
              String(options.size),
            ]) as {
              reports: number;
            };
            console.error(
              `${db} round ${round}: seeded ${reports} DSOMM reports`,
            );
          }
          const result = inChild([
            'run',
            side,
            JSON.stringify(location),
            String(options.size),
            String(options.sample),
          ]) as SideResult;
          console.error(
            `${db} round ${round} ${side}: ${JSON.stringify(result)}`,
          );
          results[side].push(result);
        } finally {
          await drop();
        }
      }
    }
    tables.push(
      compareTable(db, options.size, results.dsomm, results.techInsights),
    );
  }
  console.log(`\n${tables.join('\n\n')}`);
}

if (process.argv[2] === '--child') {
  child(process.argv.slice(3)).then(
    result => {
      console.log(JSON.stringify(result));
      process.exit(0);
    },
    error => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  parent().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
