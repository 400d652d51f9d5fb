import { KpiSeverity } from '@dsomm/plugin-dsomm-common';
import { LifecycleFinding } from '../lifecycle/findingLifecycle';
import { columnText } from './rows';

export interface LifecycleRow {
  entity_ref: string;
  tool_name: string;
  fingerprint: string;
  severity: string;
  category: string;
  first_seen_at: string;
  last_seen_at: string;
  closed_at: string | null;
  reopened_count: number;
}

/** A tracked finding of a tool, with the tool's name as stored. */
export interface ToolLifecycleFinding extends LifecycleFinding {
  toolName: string;
}

/**
 * Tool names are cut like the reports' `tool_name` column (see reportToRow), so a long name
 * stays within the primary key's index limit and finds its rows again.
 */
export function lifecycleToolName(toolName: string): string {
  return columnText(toolName) ?? '';
}

/**
 * A time as an ISO string in UTC (scan times arrive with any offset): the scorecard KPIs
 * compare and subtract these in SQL, which needs one format. Unparsable text stays as is.
 */
export function utcTime(time: string): string {
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? time : new Date(ms).toISOString();
}

export function lifecycleToRow(
  entityRef: string,
  toolName: string,
  f: LifecycleFinding,
): LifecycleRow {
  return {
    entity_ref: entityRef,
    tool_name: lifecycleToolName(toolName),
    fingerprint: f.fingerprint,
    severity: f.severity,
    category: f.category,
    first_seen_at: utcTime(f.firstSeenAt),
    last_seen_at: utcTime(f.lastSeenAt),
    closed_at: f.closedAt === null ? null : utcTime(f.closedAt),
    reopened_count: f.reopenedCount,
  };
}

export function rowToLifecycle(row: LifecycleRow): ToolLifecycleFinding {
  return {
    toolName: row.tool_name,
    fingerprint: row.fingerprint,
    severity: row.severity as KpiSeverity,
    category: row.category,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    closedAt: row.closed_at,
    reopenedCount: Number(row.reopened_count),
  };
}
