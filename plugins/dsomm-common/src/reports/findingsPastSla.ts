import { SlaSeverity } from './mapping';
import { ReportForEvidence } from './reportEvidence';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Open findings of one severity that are past their SLA. */
export interface PastSla {
  severity: SlaSeverity;
  /** How many. */
  count: number;
  /** The SLA they are past, in days. */
  slaDays: number;
  /** One of them (its rule or vulnerability id), to name in a message. */
  example: string;
}

const SEVERITY_ORDER: SlaSeverity[] = ['critical', 'high', 'medium'];

/**
 * The open findings of the given (current) reports that have been open longer than the SLA of
 * their severity, per severity, most severe first. Severities without any are left out.
 */
export function findingsPastSla(
  reports: ReportForEvidence[],
  slaDays: Record<SlaSeverity, number>,
  now: Date,
): PastSla[] {
  const nowMs = now.getTime();
  const found = new Map<SlaSeverity, PastSla>();
  for (const report of reports) {
    for (const finding of report.openFindings) {
      const days = slaDays[finding.severity];
      if (!(nowMs - Date.parse(finding.firstSeenAt) > days * DAY_MS)) continue;
      const seen = found.get(finding.severity);
      if (seen) {
        seen.count += finding.count ?? 1;
      } else {
        found.set(finding.severity, {
          severity: finding.severity,
          count: finding.count ?? 1,
          slaDays: days,
          // Keys are `<id>|<location>`: the id alone reads well in one line.
          example: finding.key.split('|')[0],
        });
      }
    }
  }
  return SEVERITY_ORDER.flatMap(s => found.get(s) ?? []);
}
