import { Db } from './options';
import { SideResult } from './side';
import { median } from './stats';

const LABELS: Record<Db, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function milliseconds(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : `${ms.toFixed(1)} ms`;
}

/**
 * How ours compares: ours divided by theirs, then in words (`better` and `worse` name the
 * direction for the measure, e.g. faster and slower).
 */
export function ratio(
  ours: number,
  theirs: number,
  [better, worse]: [string, string] = ['faster', 'slower'],
): string {
  const r = ours / theirs;
  if (r <= 1)
    return `${r.toFixed(2)} (${(theirs / ours).toFixed(1)}x ${better})`;
  return `${r.toFixed(2)} (${r.toFixed(1)}x ${worse})`;
}

/** A row of the table: its name, its figure, how it prints, and the words for its ratio. */
type Measure = [
  string,
  (r: SideResult) => number,
  (v: number) => string,
  [string, string]?,
];

/**
 * The markdown table for one database: each measure's median over the rounds as
 * `ours / Tech Insights` and the ratio, then every round's raw figures.
 */
export function compareTable(
  db: Db,
  size: number,
  dsomm: SideResult[],
  techInsights: SideResult[],
): string {
  const m = (results: SideResult[], pick: (r: SideResult) => number) =>
    median(results.map(pick));
  const sampled = techInsights.find(r => r.orgViewExtrapolatedFrom);
  const rows: Measure[] = [
    ['scheduled job, first run', r => r.jobFirstMs, seconds],
    ['scheduled job, second run, nothing changed', r => r.jobSecondMs, seconds],
    [
      'peak RSS',
      r => r.peakRssMb,
      v => `${v.toFixed(0)} MB`,
      ['smaller', 'larger'],
    ],
    ['one entity, p50', r => r.entityP50Ms, v => `${v.toFixed(1)} ms`],
    [
      sampled
        ? `org view (Tech Insights extrapolated from ${sampled.orgViewExtrapolatedFrom} of ${size})`
        : 'org view',
      r => r.orgViewMs,
      milliseconds,
    ],
  ];
  const lines = [
    `### ${LABELS[db]}, ${size} components, ${dsomm.length} rounds (medians)`,
    '',
    '| measure | ours / Tech Insights | ratio (ours ÷ theirs) |',
    '| --- | ---: | ---: |',
  ];
  for (const [name, pick, format, words] of rows) {
    const ours = m(dsomm, pick);
    const theirs = m(techInsights, pick);
    const compared = ratio(ours, theirs, words);
    lines.push(
      `| ${name} | ${format(ours)} / ${format(theirs)} | ${compared} |`,
    );
  }
  lines.push(
    '',
    'Raw figures, in run order (job CPU: the side process, with SQLite the database too):',
    '',
    '| round | side | job first ms (CPU) | job second ms (CPU) | peak RSS MB | one entity p50 ms | org view ms |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  );
  dsomm.forEach((ours, i) => {
    for (const r of [ours, techInsights[i]]) {
      const cells = [
        String(i + 1),
        r.side === 'dsomm' ? 'DSOMM' : 'Tech Insights',
        `${r.jobFirstMs.toFixed(0)} (${r.jobFirstCpuMs.toFixed(0)})`,
        `${r.jobSecondMs.toFixed(0)} (${r.jobSecondCpuMs.toFixed(0)})`,
        r.peakRssMb.toFixed(0),
        r.entityP50Ms.toFixed(1),
        r.orgViewMs.toFixed(0) +
          (r.orgViewExtrapolatedFrom ? ' (extrapolated)' : ''),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
  });
  return lines.join('\n');
}
