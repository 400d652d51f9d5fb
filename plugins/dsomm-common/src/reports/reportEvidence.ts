import { ModelIndex } from '../model/modelIndex';
import { EvidenceItem } from '../scoring/types';
import { FINDINGS_RULES, MULTI_TOOL_RULES, SlaSeverity } from './mapping';
import { ReportCategory, ReportSummary } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A stored report as the evidence rules need it. */
export interface ReportForEvidence {
  id: string;
  uploadedAt: string;
  summary: ReportSummary;
  /** Open critical/high/medium findings with the time each was first reported. */
  openFindings: {
    key: string;
    severity: 'critical' | 'high' | 'medium';
    firstSeenAt: string;
  }[];
}

export interface ReportEvidenceOptions {
  index: ModelIndex;
  /** Category -> activity keys. */
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
}

/** When a report was taken: the scan time it states, else its upload time. */
function reportTime(report: ReportForEvidence): string {
  return report.summary.scannedAt ?? report.uploadedAt;
}

/**
 * Turns an entity's reports into evidence: each report for its categories' activities,
 * several tools of a category for the multi-tool activities, and the latest report of each
 * tool for the findings-based activities (with a note saying why they count or not).
 */
export function reportEvidence(
  reports: ReportForEvidence[],
  options: ReportEvidenceOptions,
): { evidence: EvidenceItem[]; notes: ReportNote[] } {
  const { index, now } = options;
  const fresh = reports.filter(
    r =>
      options.maxAgeDays === undefined ||
      now.getTime() - Date.parse(reportTime(r)) <= options.maxAgeDays * DAY_MS,
  );
  const evidence: EvidenceItem[] = [];
  const details = (r: ReportForEvidence, category?: ReportCategory) => ({
    reportId: r.id,
    tool: r.summary.tool.name,
    ...(category ? { category } : {}),
    format: r.summary.format,
  });

  for (const report of reports) {
    for (const category of report.summary.categories) {
      for (const key of options.mapping[category] ?? []) {
        const activity = index.resolve(key);
        if (!activity) continue;
        evidence.push({
          activityId: activity.id,
          source: 'report',
          observedAt: reportTime(report),
          details: {
            ...details(report, category),
            summary: `${report.summary.tool.name} ${category} report`,
          },
        });
      }
    }
  }

  for (const rule of MULTI_TOOL_RULES) {
    const activity = index.resolve(rule.activity);
    if (!activity) continue;
    const byTool = new Map<string, ReportForEvidence>();
    for (const r of fresh) {
      if (!r.summary.categories.includes(rule.category)) continue;
      const tool = r.summary.tool.name.toLowerCase();
      const seen = byTool.get(tool);
      if (!seen || reportTime(r) > reportTime(seen)) byTool.set(tool, r);
    }
    if (byTool.size >= rule.minTools) {
      const tools = [...byTool.values()];
      // The evidence lasts as long as the oldest of the reports it needs.
      const oldest = tools.reduce((a, b) =>
        reportTime(a) < reportTime(b) ? a : b,
      );
      evidence.push({
        activityId: activity.id,
        source: 'report',
        observedAt: reportTime(oldest),
        details: {
          reportId: oldest.id,
          tool: tools.map(t => t.summary.tool.name).join(', '),
          summary: `${byTool.size} distinct ${rule.category} tools: ${tools
            .map(t => t.summary.tool.name)
            .join(', ')}`,
        },
      });
    }
  }

  const notes: ReportNote[] = [];
  const latestByTool = new Map<string, ReportForEvidence>();
  // An SBOM alone lists components, not findings: it says nothing about defect treatment.
  for (const r of fresh.filter(x =>
    x.summary.categories.some(c => c !== 'sbom'),
  )) {
    const tool = r.summary.tool.name.toLowerCase();
    const seen = latestByTool.get(tool);
    if (!seen || reportTime(r) > reportTime(seen)) latestByTool.set(tool, r);
  }
  const latest = [...latestByTool.values()];
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
    const overdue = latest.flatMap(r =>
      r.openFindings.filter(
        f =>
          rule.severities.includes(f.severity) &&
          now.getTime() - Date.parse(f.firstSeenAt) >
            options.slaDays[f.severity] * DAY_MS,
      ),
    );
    const open = latest.reduce(
      (n, r) =>
        n + rule.severities.reduce((m, s) => m + r.summary.counts[s], 0),
      0,
    );
    const names = rule.severities.join(' or ');
    if (overdue.length > 0) {
      notes.push({
        activityId: activity.id,
        counts: false,
        reason: `${
          overdue.length
        } ${names} finding(s) open longer than the SLA (${rule.severities
          .map(s => `${s} ${options.slaDays[s]} days`)
          .join(', ')}), e.g. ${overdue[0].key.split('|')[0]}.`,
      });
      continue;
    }
    const reason =
      open === 0
        ? `The latest reports of ${latest.length} tool(s) show no open ${names} finding.`
        : `${open} open ${names} finding(s), all within the SLA.`;
    notes.push({ activityId: activity.id, counts: true, reason });
    const oldest = latest.reduce((a, b) =>
      reportTime(a) < reportTime(b) ? a : b,
    );
    evidence.push({
      activityId: activity.id,
      source: 'report',
      observedAt: reportTime(oldest),
      details: {
        reportId: oldest.id,
        tool: latest.map(r => r.summary.tool.name).join(', '),
        summary: reason,
      },
    });
  }
  return { evidence, notes };
}
