import {
  ScorecardGroupBy,
  ScorecardResponse,
  ScorecardRow,
  ScorecardTrendResponse,
  aggregateGroup,
} from '@dsomm/plugin-dsomm-common';
import { DsommStore, ScorecardQuery } from '../database/DsommStore';

/** Group key used for rows without a value for the grouping field. */
export const UNASSIGNED = '(none)';

/** The org-wide scorecard: group aggregates plus one page of component rows. */
export class ScorecardService {
  constructor(private readonly store: DsommStore) {}

  async scorecard(
    groupBy: ScorecardGroupBy,
    query: ScorecardQuery,
  ): Promise<ScorecardResponse> {
    const groups = new Map<string, ScorecardRow[]>();
    const all: ScorecardRow[] = [];
    // Aggregates cover every matching row, read in pages rather than in one result.
    for await (const rows of this.store.scorecardRows(query.filters)) {
      for (const row of rows) {
        all.push(row);
        const key = row[groupBy] ?? UNASSIGNED;
        const list = groups.get(key);
        if (list) list.push(row);
        else groups.set(key, [row]);
      }
    }
    const page = await this.store.scorecardPage(query);
    return {
      groupBy,
      groups: [...groups.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, rows]) => aggregateGroup(key, rows)),
      total: aggregateGroup('all', all),
      rows: page.rows,
      totalRows: page.total,
      offset: query.offset,
      limit: query.limit,
    };
  }

  /** Share of matching components meeting their target, per day of the last `days`. */
  async trend(
    filters: ScorecardQuery['filters'],
    days: number,
    now = new Date(),
  ): Promise<ScorecardTrendResponse> {
    const since = new Date(now.getTime() - days * 24 * 60 * 60 * 1000)
      .toISOString()
      .slice(0, 10);
    return { points: await this.store.trend(filters, since) };
  }

  /** CSV of every row matching the filters, written chunk by chunk. */
  async *exportCsv(
    filters: ScorecardQuery['filters'],
    dimensions: string[],
  ): AsyncGenerator<string> {
    yield `${[
      'entityRef',
      'title',
      'owner',
      'system',
      'domain',
      'tier',
      'lifecycle',
      'overallLevel',
      'targetLevel',
      'meetsTarget',
      'score',
      ...dimensions,
      'warnings',
      'computedAt',
    ]
      .map(csvCell)
      .join(',')}\r\n`;
    for await (const rows of this.store.scorecardRows(filters)) {
      yield rows
        .map(
          row =>
            `${[
              row.entityRef,
              row.title,
              row.owner,
              row.system,
              row.domain,
              row.tier,
              row.lifecycle,
              row.overallLevel,
              row.targetLevel,
              row.meetsTarget,
              row.score,
              ...dimensions.map(d => row.dimensionLevels[d]),
              row.warningCount,
              row.computedAt,
            ]
              .map(csvCell)
              .join(',')}\r\n`,
        )
        .join('');
    }
  }
}

/**
 * One CSV cell (RFC 4180 quoting). Text starting with a formula character is prefixed with
 * a quote so spreadsheets do not execute it.
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
