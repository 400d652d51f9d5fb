import { ModelIndex } from '../model/modelIndex';
import { parsedTime } from '../scoring/cachedTimes';
import { EvidenceItem } from '../scoring/types';
import { FINDINGS_RULES, MULTI_TOOL_RULES, SlaSeverity } from './mapping';
import { currentReports } from './supersession';
import { ReportCategory, ReportSummary } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the evidence rules, the gate and the KPIs read of a report's summary. The backend stores
 * it apart from the whole summary (whose top findings and targets are most of its size), so
 * scoring many components does not read those.
 */
export type ReportEvidenceSummary = Pick<
  ReportSummary,
  'format' | 'tool' | 'categories' | 'scannedAt' | 'counts'
>;

/** The part of `summary` the evidence rules read (see `ReportEvidenceSummary`). */
export function reportEvidenceSummary(
  summary: ReportSummary,
): ReportEvidenceSummary {
  return {
    format: summary.format,
    tool: { name: summary.tool.name },
    categories: summary.categories,
    ...(summary.scannedAt === undefined
      ? {}
      : { scannedAt: summary.scannedAt }),
    counts: summary.counts,
  };
}

/** A stored report as the evidence rules need it. */
export interface ReportForEvidence {
  id: string;
  uploadedAt: string;
  summary: ReportEvidenceSummary;
  /**
   * Open critical/high/medium findings with the time each was first reported. An entry with a
   * `count` stands for that many findings of its severity first seen at the same time (its key
   * is one of them), which is all the SLA rules need.
   */
  openFindings: {
    key: string;
    severity: 'critical' | 'high' | 'medium';
    firstSeenAt: string;
    count?: number;
  }[];
}

export interface ReportEvidenceOptions {
  index: ModelIndex;
  /** `category -> activity keys`. */
  mapping: Record<ReportCategory, string[]>;
  slaDays: Record<SlaSeverity, number>;
  /** Reports older than this many days prove nothing (undefined: no limit). */
  maxAgeDays?: number;
  now: Date;
}

/** Why a findings-based activity counts or not, for people. */
export interface ReportNote {
  activityId: string;
  counts: boolean;
  reason: string;
  /**
   * True when the reports measured the activity as not done (e.g. findings past their SLA),
   * which outweighs a declaration of it. Absent when they merely cannot prove it (no current
   * report): absence of proof contradicts nothing.
   */
  contradicts?: boolean;
}

/** When a report was taken: the scan time it states, else its upload time. */
function reportTime(report: ReportForEvidence): string {
  return report.summary.scannedAt ?? report.uploadedAt;
}

/**
 * What the rules read of a current report, in one shape. Stored summaries come in as many
 * shapes as there are parsers (JSON.parse keeps each one's keys): reading them once here
 * keeps the rest of the code monomorphic, so the engine optimises it once instead of
 * throwing its optimised code away at each new shape.
 */
interface ReportView {
  id: string;
  time: string;
  tool: string;
  format: ReportSummary['format'];
  categories: readonly ReportCategory[];
  counts: ReportSummary['counts'];
  report: ReportForEvidence;
}

function viewOf(report: ReportForEvidence): ReportView {
  const summary = report.summary;
  return {
    id: report.id,
    time: summary.scannedAt ?? report.uploadedAt,
    tool: summary.tool.name,
    format: summary.format,
    categories: summary.categories,
    counts: summary.counts,
    report,
  };
}

const toolNames = (reports: ReportView[]) =>
  reports.map(r => r.tool).join(', ');

/**
 * Evidence that needs several reports together. It lasts as long as the oldest of them, and
 * names that one.
 */
function evidenceOfReports(
  activityId: string,
  reports: ReportView[],
  summary: string,
): EvidenceItem {
  let oldest = reports[0];
  for (const r of reports) if (r.time < oldest.time) oldest = r;
  return {
    activityId,
    source: 'report',
    observedAt: oldest.time,
    details: { reportId: oldest.id, tool: toolNames(reports), summary },
  };
}

/** A model's activity ids for each category of a mapping, resolved once per mapping. */
const resolvedMappings = new WeakMap<
  ReportEvidenceOptions['mapping'],
  WeakMap<ModelIndex, Map<string, string[]>>
>();
function activityIdsByCategory(
  mapping: ReportEvidenceOptions['mapping'],
  index: ModelIndex,
): Map<string, string[]> {
  let byIndex = resolvedMappings.get(mapping);
  if (!byIndex) {
    byIndex = new WeakMap();
    resolvedMappings.set(mapping, byIndex);
  }
  let resolved = byIndex.get(index);
  if (!resolved) {
    resolved = new Map(
      Object.entries(mapping).map(([category, keys]) => [
        category,
        keys.flatMap(key => index.resolve(key)?.id ?? []),
      ]),
    );
    byIndex.set(index, resolved);
  }
  return resolved;
}

/** Per severity, how many open findings are past their SLA and the first of them. */
type Overdue = Map<SlaSeverity, { count: number; first: string }>;

function overdueFindings(
  report: ReportForEvidence,
  slaDays: ReportEvidenceOptions['slaDays'],
  nowMs: number,
): Overdue {
  const overdue: Overdue = new Map();
  // A report's findings mostly share a few first-seen times: parse each run of them once.
  let seenText: string | undefined;
  let seenMs = NaN;
  for (const finding of report.openFindings) {
    if (finding.firstSeenAt !== seenText) {
      seenText = finding.firstSeenAt;
      seenMs = parsedTime(seenText);
    }
    const age = nowMs - seenMs;
    if (!(age > slaDays[finding.severity] * DAY_MS)) continue;
    const count = finding.count ?? 1;
    const seen = overdue.get(finding.severity);
    if (seen) seen.count += count;
    else overdue.set(finding.severity, { count, first: finding.key });
  }
  return overdue;
}

/**
 * Turns an entity's reports into evidence. Only current reports count: a report is superseded
 * by a later one of the same tool that proves any of its categories (see `currentReports`),
 * so one pipeline's scans of different kinds with one tool all count. Each counted report
 * evidences its categories' activities; several tools of a category evidence the multi-tool
 * activities; the findings-based activities count when no open finding is past its SLA (with
 * a note saying why they count or not).
 */
export function reportEvidence(
  reports: ReportForEvidence[],
  options: ReportEvidenceOptions,
): { evidence: EvidenceItem[]; notes: ReportNote[] } {
  const { index, now } = options;
  const nowMs = now.getTime();
  const current = currentReports(reports, reportTime).map(viewOf);
  const fresh = current.filter(
    r =>
      options.maxAgeDays === undefined ||
      nowMs - parsedTime(r.time) <= options.maxAgeDays * DAY_MS,
  );
  const evidence: EvidenceItem[] = [];
  const byCategory = activityIdsByCategory(options.mapping, index);

  for (const report of current) {
    const { tool, format } = report;
    for (const category of report.categories) {
      const details = {
        reportId: report.id,
        tool,
        category,
        format,
        summary: `${tool} ${category} report`,
      };
      for (const activityId of byCategory.get(category) ?? []) {
        evidence.push({
          activityId,
          source: 'report',
          observedAt: report.time,
          details,
        });
      }
    }
  }

  for (const rule of MULTI_TOOL_RULES) {
    const activity = index.resolve(rule.activity);
    if (!activity) continue;
    // Current reports of one tool prove disjoint categories: these are distinct tools.
    const tools = fresh.filter(r => r.categories.includes(rule.category));
    if (tools.length >= rule.minTools) {
      evidence.push(
        evidenceOfReports(
          activity.id,
          tools,
          `${tools.length} distinct ${rule.category} tools: ${toolNames(
            tools,
          )}`,
        ),
      );
    }
  }

  const notes: ReportNote[] = [];
  // An SBOM alone lists components, not findings: it says nothing about defect treatment.
  const latest = fresh.filter(x => x.categories.some(c => c !== 'sbom'));
  const overdueByReport = latest.map(r =>
    overdueFindings(r.report, options.slaDays, nowMs),
  );
  for (const rule of FINDINGS_RULES) {
    const activity = index.resolve(rule.activity);
    if (!activity) continue;
    if (latest.length === 0) {
      notes.push({
        activityId: activity.id,
        counts: false,
        reason: 'No current scanner report shows the state of findings.',
      });
      continue;
    }
    let overdueCount = 0;
    let example: string | undefined;
    for (const overdue of overdueByReport) {
      for (const severity of rule.severities) {
        const found = overdue.get(severity);
        if (!found) continue;
        overdueCount += found.count;
        example ??= found.first;
      }
    }
    const open = latest.reduce(
      (n, r) => n + rule.severities.reduce((m, s) => m + r.counts[s], 0),
      0,
    );
    const names = rule.severities.join(' or ');
    if (overdueCount > 0) {
      notes.push({
        activityId: activity.id,
        counts: false,
        contradicts: true,
        reason: `${overdueCount} ${names} finding(s) open longer than the SLA (${rule.severities
          .map(s => `${s} ${options.slaDays[s]} days`)
          .join(', ')}), e.g. ${example!.split('|')[0]}.`,
      });
      continue;
    }
    const reason =
      open === 0
        ? `The latest reports of ${latest.length} tool(s) show no open ${names} finding.`
        : `${open} open ${names} finding(s), all within the SLA.`;
    notes.push({ activityId: activity.id, counts: true, reason });
    evidence.push(evidenceOfReports(activity.id, latest, reason));
  }
  return { evidence, notes };
}
