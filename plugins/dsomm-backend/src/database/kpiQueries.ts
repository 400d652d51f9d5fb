import { Knex } from 'knex';
import { KPI_SEVERITIES, KpiSeverity } from '@dsomm/plugin-dsomm-common';
import { KpiFindingSums, KpiShareCounts, KpiSlaDays } from '../kpis/groupKpis';
import { Visibility, applyVisibility, whereInList } from './visibilityFilter';
import { kpiSeverityColumns } from './kpiColumns';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the KPI sums are measured against: the window (epoch ms) and the SLA days. */
export interface KpiMeasure {
  from: number;
  now: number;
  sla: KpiSlaDays;
}

/** A group's sums of one severity (`key`: the group's value, null for rows without one). */
export type KpiSumsRow = KpiFindingSums & { key: string | null };

export type KpiShareRow = KpiShareCounts & { key: string | null };

/** Which scores: those matching `filters` that `visibility` lets the caller read, of `refs` if given. */
export interface ScoresOf {
  filters: Record<string, string[] | undefined>;
  visibility: Visibility;
  refs?: string[];
}

function narrow<T extends Knex.QueryBuilder>(
  knex: Knex,
  query: T,
  scores: ScoresOf,
): T {
  for (const [key, values] of Object.entries(scores.filters)) {
    if (values && values.length > 0) query.whereIn(`s.${key}`, values);
  }
  if (scores.refs) whereInList(knex, query, 's.entity_ref', scores.refs);
  return query;
}

/**
 * The first-seen time before which an open finding of the row's severity is past the SLA of
 * the component's tier: a CASE over the configured tiers, null where no SLA applies. Times are
 * stored as ISO strings in UTC (see lifecycleToRow), so they compare as text.
 */
function cutoffExpression(knex: Knex, sla: KpiSlaDays, now: number): Knex.Raw {
  const bySeverity = (days: Partial<Record<KpiSeverity, number>>) => {
    const cases = KPI_SEVERITIES.filter(s => days[s] !== undefined);
    if (cases.length === 0) return { sql: 'null', bindings: [] as string[] };
    return {
      sql: `(case l.severity ${cases
        .map(() => 'when ? then ?')
        .join(' ')} end)`,
      bindings: cases.flatMap(s => [
        s,
        new Date(now - days[s]! * DAY_MS).toISOString(),
      ]),
    };
  };
  const tiers = Object.keys(sla.byTier);
  const fallback = bySeverity(sla.default);
  if (tiers.length === 0) return knex.raw(fallback.sql, fallback.bindings);
  let sql = 'case';
  const bindings: string[] = [];
  for (const tier of tiers) {
    const inner = bySeverity(sla.byTier[tier]);
    sql += ` when s.tier = ? then ${inner.sql}`;
    bindings.push(tier, ...inner.bindings);
  }
  sql += ` else ${fallback.sql} end`;
  bindings.push(...fallback.bindings);
  return knex.raw(sql, bindings);
}

/** Days from first seen to closed, as each database computes them from the ISO strings. */
function closedDaysExpression(knex: Knex): string {
  return knex.client.dialect === 'postgresql'
    ? 'extract(epoch from (l.closed_at::timestamptz - l.first_seen_at::timestamptz)) / 86400.0'
    : 'julianday(l.closed_at) - julianday(l.first_seen_at)';
}

/**
 * The KPI sums of the tracked findings of the scored components matching `filters` that
 * `visibility` lets the caller read, per value of the scores' `groupBy` column and severity:
 * one query for all of them. Only open findings and those closed in the window are read.
 */
export async function kpiFindingSums(
  knex: Knex,
  scores: ScoresOf,
  groupBy: string,
  measure: KpiMeasure,
): Promise<KpiSumsRow[]> {
  const from = new Date(measure.from).toISOString();
  const now = new Date(measure.now).toISOString();
  let query = applyVisibility(
    knex,
    knex('dsomm_finding_lifecycle as l').join(
      'dsomm_scores as s',
      's.entity_ref',
      'l.entity_ref',
    ),
    scores.visibility,
    's.',
  );
  query = narrow(knex, query, scores);
  const closedInWindow =
    'l.closed_at is not null and l.closed_at >= ? and l.closed_at <= ?';
  const cutoff = cutoffExpression(knex, measure.sla, measure.now);
  const rows: Record<string, unknown>[] = await query
    // One expression rather than an OR: SQLite would read the closed_at index twice, three
    // times slower than a scan.
    .whereRaw(`coalesce(l.closed_at, '9999') >= ?`, [from])
    .groupBy(`s.${groupBy}`, 'l.severity')
    .select(
      { group_key: `s.${groupBy}`, severity: 'l.severity' },
      knex.raw(
        `sum(case when ${closedInWindow} then 1 else 0 end) as closed_count`,
        [from, now],
      ),
      knex.raw(
        `sum(case when ${closedInWindow} then ${closedDaysExpression(
          knex,
        )} else 0 end) as closed_days`,
        [from, now],
      ),
      knex.raw(
        'sum(case when l.closed_at is null and l.first_seen_at < (?) then 1 else 0 end) as past_sla',
        [cutoff],
      ),
      knex.raw(
        `sum(case when l.closed_at is null and l.severity in ('critical', 'high')
          and ((',' || l.category || ',') like '%,iac,%' or (',' || l.category || ',') like '%,container,%')
          then 1 else 0 end) as misconfigurations`,
      ),
    );
  return rows
    .filter(row =>
      (KPI_SEVERITIES as readonly unknown[]).includes(row.severity),
    )
    .map(row => ({
      key: (row.group_key as string | null) ?? null,
      severity: row.severity as KpiSeverity,
      closedCount: Number(row.closed_count ?? 0),
      closedDays: Number(row.closed_days ?? 0),
      openPastSla: Number(row.past_sla ?? 0),
      criticalMisconfigurations: Number(row.misconfigurations ?? 0),
    }));
}

/** Implemented and automated activity counts of the same components, per group. */
export async function kpiShareCounts(
  knex: Knex,
  scores: ScoresOf,
  groupBy: string,
): Promise<KpiShareRow[]> {
  let query = applyVisibility(
    knex,
    knex('dsomm_scores as s'),
    scores.visibility,
    's.',
  );
  query = narrow(knex, query, scores);
  const rows: Record<string, unknown>[] = await query
    .groupBy(`s.${groupBy}`)
    .select(
      { group_key: `s.${groupBy}` },
      knex.raw('sum(s.implemented_count) as implemented'),
      knex.raw('sum(s.automated_count) as automated'),
    );
  return rows.map(row => ({
    key: (row.group_key as string | null) ?? null,
    implemented: Number(row.implemented ?? 0),
    automated: Number(row.automated ?? 0),
  }));
}

/**
 * The KPI sums and activity counts kept with the scores (as of each score, over the window
 * they were measured for), per group: no lifecycle row is read. Scores measured over another
 * window, or not measured, count in the shares only.
 */
export async function storedKpiSums(
  knex: Knex,
  scores: ScoresOf,
  groupBy: string,
  windowDays: number,
): Promise<{ sums: KpiSumsRow[]; shares: KpiShareRow[] }> {
  let query = applyVisibility(
    knex,
    knex('dsomm_scores as s'),
    scores.visibility,
    's.',
  );
  query = narrow(knex, query, scores);
  const rows: Record<string, unknown>[] = await query
    .groupBy(`s.${groupBy}`)
    .select(
      { group_key: `s.${groupBy}` },
      ...storedKpiSelects(knex, windowDays, 's.'),
    );
  const sums: KpiSumsRow[] = [];
  const shares: KpiShareRow[] = [];
  for (const row of rows) {
    const parts = storedKpiParts(row, (row.group_key as string | null) ?? null);
    sums.push(...parts.sums);
    shares.push(parts.share);
  }
  return { sums, shares };
}

/**
 * The sums `storedKpiSums` selects, for a grouped query over `dsomm_scores` (`prefix`: its
 * alias with a dot, if any), so another grouped scan of the scores can carry them too.
 */
export function storedKpiSelects(
  knex: Knex,
  windowDays: number,
  prefix = '',
): Knex.Raw[] {
  const measured = (column: string) =>
    knex.raw(
      `sum(case when ${prefix}kpi_window_days = ? then ${prefix}?? end) as ??`,
      [windowDays, column, column],
    );
  const columns = KPI_SEVERITIES.flatMap(s =>
    Object.values(kpiSeverityColumns(s)),
  );
  return [
    knex.raw(`sum(${prefix}implemented_count) as implemented`),
    knex.raw(`sum(${prefix}automated_count) as automated`),
    measured('misconfigurations'),
    ...columns.map(measured),
  ];
}

/** One grouped row's `storedKpiSelects` sums, as KPI rows of group `key`. */
export function storedKpiParts(
  row: Record<string, unknown>,
  key: string | null,
): { sums: KpiSumsRow[]; share: KpiShareRow } {
  const num = (column: string) => Number(row[column] ?? 0);
  const sums = KPI_SEVERITIES.map((severity, i) => {
    const names = kpiSeverityColumns(severity);
    return {
      key,
      severity,
      closedCount: num(names.closedCount),
      closedDays: num(names.closedDays),
      openPastSla: num(names.openPastSla),
      // Kept per score, not per severity: counted once, with the first severity.
      criticalMisconfigurations: i === 0 ? num('misconfigurations') : 0,
    };
  });
  return {
    sums,
    share: {
      key,
      implemented: num('implemented'),
      automated: num('automated'),
    },
  };
}
