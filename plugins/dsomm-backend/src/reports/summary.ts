import {
  ReportCategory,
  ReportFinding,
  ReportFormat,
  ReportSummary,
  SEVERITIES,
  Severity,
} from '@dsomm/plugin-dsomm-common';

export const MAX_TOP_FINDINGS = 20;
export const MAX_TARGETS = 20;
/** Finding identities kept per severity, enough for the SLA rules without unbounded growth. */
export const MAX_FINDING_KEYS = 5000;
const MAX_TITLE = 300;

const severityRank = new Map<Severity, number>(
  SEVERITIES.map((s, i) => [s, i]),
);

/** Maps a scanner's own severity word (any case) to ours; unknown words give `unknown`. */
export function normalizeSeverity(value: unknown): Severity {
  if (typeof value !== 'string') return 'unknown';
  switch (value.trim().toLowerCase()) {
    case 'critical':
    case 'blocker':
      return 'critical';
    case 'high':
    case 'error':
    case 'major':
      return 'high';
    case 'medium':
    case 'moderate':
    case 'warning':
      return 'medium';
    case 'low':
    case 'minor':
    case 'note':
      return 'low';
    case 'info':
    case 'informational':
    case 'none':
    case 'negligible':
      return 'info';
    default:
      return 'unknown';
  }
}

/** Cuts a finding's title to a readable length. */
export function shortTitle(text: unknown, fallback: string): string {
  const value =
    typeof text === 'string' && text.trim() ? text.trim() : fallback;
  return value.length > MAX_TITLE ? `${value.slice(0, MAX_TITLE - 1)}…` : value;
}

/**
 * Builds a summary from findings: counts by severity and the most severe findings first
 * (stable within a severity, so the report's own order decides ties).
 */
export function buildSummary(input: {
  format: ReportFormat;
  syntax: 'json' | 'xml';
  tool: { name: string; version?: string };
  categories: ReportCategory[];
  findings: Iterable<ReportFinding>;
  scannedAt?: string;
  componentCount?: number;
  targets?: string[];
}): ReportSummary {
  const counts = Object.fromEntries(SEVERITIES.map(s => [s, 0])) as Record<
    Severity,
    number
  >;
  const top: ReportFinding[] = [];
  const keys = {
    critical: new Set<string>(),
    high: new Set<string>(),
    medium: new Set<string>(),
  };
  let total = 0;
  for (const finding of input.findings) {
    counts[finding.severity] += 1;
    total += 1;
    if (
      finding.severity === 'critical' ||
      finding.severity === 'high' ||
      finding.severity === 'medium'
    ) {
      const set = keys[finding.severity];
      if (set.size < MAX_FINDING_KEYS) {
        set.add(`${finding.id}|${finding.package ?? finding.location ?? ''}`);
      }
    }
    top.push(finding);
    // Keep memory flat on huge reports: trim once the buffer doubles.
    if (top.length >= MAX_TOP_FINDINGS * 2) trimTop(top);
  }
  trimTop(top);
  const targets = input.targets
    ? [...new Set(input.targets)].slice(0, MAX_TARGETS)
    : undefined;
  return {
    format: input.format,
    syntax: input.syntax,
    tool: input.tool.version
      ? { name: input.tool.name, version: input.tool.version }
      : { name: input.tool.name },
    categories: [...new Set(input.categories)],
    ...(input.scannedAt ? { scannedAt: input.scannedAt } : {}),
    counts,
    totalFindings: total,
    topFindings: top,
    ...(input.componentCount !== undefined
      ? { componentCount: input.componentCount }
      : {}),
    ...(targets && targets.length > 0 ? { targets } : {}),
    findingKeys: {
      critical: [...keys.critical],
      high: [...keys.high],
      medium: [...keys.medium],
    },
  };
}

function trimTop(top: ReportFinding[]) {
  const sorted = top
    .map((f, i) => [f, i] as const)
    .sort(
      ([a, i], [b, j]) =>
        severityRank.get(a.severity)! - severityRank.get(b.severity)! || i - j,
    )
    .slice(0, MAX_TOP_FINDINGS)
    .map(([f]) => f);
  top.length = 0;
  top.push(...sorted);
}

/** An ISO 8601 time from a report's timestamp, or undefined if it is not a readable date. */
export function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}
