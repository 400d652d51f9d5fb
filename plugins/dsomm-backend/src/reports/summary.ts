import {
  FindingFingerprint,
  ReportCategory,
  ReportFinding,
  ReportFormat,
  ReportSummary,
  SEVERITIES,
  Severity,
} from '@dsomm/plugin-dsomm-common';

import { findingFingerprint } from './fingerprint';
import {
  MAX_FINDING_KEY,
  MAX_FINGERPRINTS,
  MAX_FINDING_KEYS,
  MAX_ID,
  MAX_LABEL,
  MAX_TARGETS,
  MAX_TITLE,
  MAX_TOOL_FIELD,
  MAX_TOP_FINDINGS,
  cut,
  cutWithEllipsis,
} from './limits';

export { MAX_FINDING_KEYS, MAX_TARGETS, MAX_TOP_FINDINGS } from './limits';

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
  return cutWithEllipsis(value, MAX_TITLE);
}

/** A finding with every string cut to its limit, so that what is kept stays small. */
function boundedFinding(finding: ReportFinding): ReportFinding {
  const bounded: ReportFinding = {
    ...finding,
    id: cut(finding.id, MAX_ID),
    title: cutWithEllipsis(finding.title, MAX_TITLE),
  };
  if (finding.package !== undefined) {
    bounded.package = cutWithEllipsis(finding.package, MAX_LABEL);
  }
  if (finding.location !== undefined) {
    bounded.location = cutWithEllipsis(finding.location, MAX_LABEL);
  }
  return bounded;
}

/** Distinct values, each cut to `length`, at most `count` of them; reads no further. */
function boundedDistinct(
  values: Iterable<string>,
  count: number,
  length: number,
): string[] {
  const kept = new Set<string>();
  for (const value of values) {
    if (kept.size >= count) break;
    kept.add(cutWithEllipsis(value, length));
  }
  return [...kept];
}

/**
 * Builds a summary from findings: counts by severity and the most severe findings first
 * (stable within a severity, so the report's own order decides ties). Counts are exact; what
 * is kept (strings, top findings, targets, finding keys) is cut to the bounds in ./limits.
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
  // Named apart from reports' own `fingerprints` member, which streamJson drops unread.
  const severityOf = new Map<string, FingerprintSeverity>();
  let total = 0;
  for (const finding of input.findings) {
    counts[finding.severity] += 1;
    total += 1;
    if (isFingerprinted(finding.severity)) {
      const fingerprint = findingFingerprint(
        input.format,
        boundedFinding(finding),
      );
      const before = severityOf.get(fingerprint);
      if (before !== undefined) {
        // One finding reported twice (e.g. two lines of a file): the more severe counts.
        if (severityRank.get(finding.severity)! < severityRank.get(before)!) {
          severityOf.set(fingerprint, finding.severity);
        }
      } else if (severityOf.size < MAX_FINGERPRINTS) {
        severityOf.set(fingerprint, finding.severity);
      }
    }
    if (
      finding.severity === 'critical' ||
      finding.severity === 'high' ||
      finding.severity === 'medium'
    ) {
      const set = keys[finding.severity];
      if (set.size < MAX_FINDING_KEYS) {
        // Cut the parts the same way as the kept finding, so keys stay stable across reports.
        const where = finding.package ?? finding.location ?? '';
        set.add(
          cut(
            `${cut(finding.id, MAX_ID)}|${cutWithEllipsis(where, MAX_LABEL)}`,
            MAX_FINDING_KEY,
          ),
        );
      }
    }
    top.push(finding);
    // Keep memory flat on huge reports: trim once the buffer doubles.
    if (top.length >= MAX_TOP_FINDINGS * 2) trimTop(top);
  }
  trimTop(top);
  const targets = input.targets
    ? boundedDistinct(input.targets, MAX_TARGETS, MAX_LABEL)
    : undefined;
  const toolName = cutWithEllipsis(input.tool.name, MAX_TOOL_FIELD);
  const toolVersion =
    input.tool.version && cutWithEllipsis(input.tool.version, MAX_TOOL_FIELD);
  return {
    format: input.format,
    syntax: input.syntax,
    tool: toolVersion
      ? { name: toolName, version: toolVersion }
      : { name: toolName },
    categories: [...new Set(input.categories)],
    ...(input.scannedAt ? { scannedAt: input.scannedAt } : {}),
    counts,
    totalFindings: total,
    topFindings: top.map(boundedFinding),
    ...(input.componentCount !== undefined
      ? { componentCount: input.componentCount }
      : {}),
    ...(targets && targets.length > 0 ? { targets } : {}),
    findingKeys: {
      critical: [...keys.critical],
      high: [...keys.high],
      medium: [...keys.medium],
    },
    fingerprints: [...severityOf].map(([fingerprint, severity]) => ({
      fingerprint,
      severity,
    })),
  };
}

type FingerprintSeverity = FindingFingerprint['severity'];

/** Findings whose lifecycle is tracked: info and unknown ones have no fix time to measure. */
function isFingerprinted(severity: Severity): severity is FingerprintSeverity {
  return (
    severity === 'critical' ||
    severity === 'high' ||
    severity === 'medium' ||
    severity === 'low'
  );
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
