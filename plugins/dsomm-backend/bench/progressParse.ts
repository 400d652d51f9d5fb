/**
 * Benchmark (not a test): how long parsing a DSOMM team-progress file takes at sizes up to
 * `dsomm.progress.maxBytes` (1 MB by default), for a realistic block-style file (every
 * activity of the model, more and more teams, three states each), the same as JSON, a flat
 * flow list and deep flow nesting (refused before the YAML parser). Each size is parsed
 * three times and the fastest run printed; the parse blocks the event loop for that long.
 *
 * Run with `npm run bench:progress` in this package.
 */
import { performance } from 'perf_hooks';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { parseTeamProgress } from '../src/progress/parseTeamProgress';

const STATES = ['Planned', 'Started', 'Implemented'];
const ids = getBuiltInModel().activities.map(a => a.id);

function blockFile(teams: number): string {
  const lines = ['progress:'];
  for (const id of ids) {
    lines.push(`  ${id}:`);
    for (let t = 0; t < teams; t++) {
      lines.push(
        `    Team ${t}:`,
        '      Planned: 2025-01-01',
        '      Started: 2025-02-01',
        '      Implemented: 2025-03-01',
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function jsonFile(teams: number): string {
  const progress: Record<string, Record<string, Record<string, string>>> = {};
  for (const id of ids) {
    progress[id] = {};
    for (let t = 0; t < teams; t++) {
      progress[id][`Team ${t}`] = {
        Planned: '2025-01-01',
        Started: '2025-02-01',
        Implemented: '2025-03-01',
      };
    }
  }
  return JSON.stringify({ progress });
}

function measure(name: string, text: string) {
  let best = Infinity;
  let outcome = '';
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    try {
      const entries = parseTeamProgress(text, {
        states: STATES,
        now: new Date(),
      });
      outcome = `${entries.length} entries`;
    } catch (error) {
      outcome = `${(error as Error).name}: ${(error as Error).message.slice(
        0,
        70,
      )}`;
    }
    best = Math.min(best, performance.now() - start);
  }
  const kb = (Buffer.byteLength(text) / 1024).toFixed(0).padStart(5);
  console.log(
    `${name.padEnd(24)} ${kb} KB ${best.toFixed(0).padStart(6)} ms  ${outcome}`,
  );
}

for (const teams of [6, 12, 25, 50]) {
  measure(`block, ${teams} teams`, blockFile(teams));
}
for (const teams of [8, 16, 32, 64]) {
  measure(`json, ${teams} teams`, jsonFile(teams));
}
for (const n of [62_500, 125_000, 250_000, 500_000]) {
  measure(`flat flow list ${n}`, `progress: [${'a,'.repeat(n)}]`);
}
measure('deep flow nesting', `progress: ${'['.repeat(1_000_000)}`);
