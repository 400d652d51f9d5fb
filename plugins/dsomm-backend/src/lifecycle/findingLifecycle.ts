import {
  FindingFingerprint,
  KpiSeverity,
  ReportCategory,
} from '@dsomm/plugin-dsomm-common';

/** One finding of a component, as the reports of one tool have shown it over time. */
export interface LifecycleFinding {
  fingerprint: string;
  severity: KpiSeverity;
  /** The categories of the report that last showed it, sorted and comma separated. */
  category: string;
  firstSeenAt: string;
  lastSeenAt: string;
  /** When a later report of the tool no longer showed it; null while open. */
  closedAt: string | null;
  /** How often it was seen again after being closed. */
  reopenedCount: number;
}

/** What one report of the tool says: its findings, what it scanned for, and when. */
export interface LifecycleScan {
  fingerprints: FindingFingerprint[];
  categories: ReportCategory[];
  seenAt: string;
}

export interface LifecycleChange {
  /** Findings to write (new ones and changed ones), whole. */
  upserts: LifecycleFinding[];
  /** Fingerprints to forget, the oldest closed first, to stay within the cap. */
  deletes: string[];
}

export function categoryText(categories: readonly ReportCategory[]): string {
  return [...new Set(categories)].sort().join(',');
}

/**
 * True when a scan of `categories` looks where the finding was found, so its absence means
 * the finding is gone: a `trivy config` scan says nothing about the secrets an earlier
 * `trivy fs --scanners secret` scan found. Without categories on either side, the tool's
 * next report covers everything.
 */
function covers(categories: ReadonlySet<string>, finding: LifecycleFinding) {
  if (categories.size === 0 || finding.category === '') return true;
  return finding.category.split(',').some(c => categories.has(c));
}

const ms = (iso: string) => Date.parse(iso);

/**
 * How one report moves the lifecycle of a component's findings of one tool: a finding not
 * seen before opens; one still open is seen again; an open one the report covers but does
 * not show closes at the report's scan time; a closed one seen again reopens. A report older
 * than what is known (uploaded late) only moves first-seen times earlier. At most `cap`
 * findings are kept, dropping the longest-closed first. Pure.
 */
export function advanceLifecycle(
  existing: readonly LifecycleFinding[],
  scan: LifecycleScan,
  cap: number,
): LifecycleChange {
  const at = ms(scan.seenAt);
  const category = categoryText(scan.categories);
  const scanned = new Set<string>(scan.categories);
  const byPrint = new Map(existing.map(f => [f.fingerprint, f]));
  const changed = new Map<string, LifecycleFinding>();

  const present = new Map<string, KpiSeverity>();
  for (const { fingerprint, severity } of scan.fingerprints) {
    present.set(fingerprint, severity);
  }
  for (const [fingerprint, severity] of present) {
    const before = byPrint.get(fingerprint);
    if (!before) {
      changed.set(fingerprint, {
        fingerprint,
        severity,
        category,
        firstSeenAt: scan.seenAt,
        lastSeenAt: scan.seenAt,
        closedAt: null,
        reopenedCount: 0,
      });
    } else if (before.closedAt === null) {
      if (at >= ms(before.lastSeenAt)) {
        changed.set(fingerprint, {
          ...before,
          severity,
          category,
          lastSeenAt: scan.seenAt,
        });
      } else if (at < ms(before.firstSeenAt)) {
        changed.set(fingerprint, { ...before, firstSeenAt: scan.seenAt });
      }
    } else if (at >= ms(before.closedAt)) {
      changed.set(fingerprint, {
        ...before,
        severity,
        category,
        lastSeenAt: scan.seenAt,
        closedAt: null,
        reopenedCount: before.reopenedCount + 1,
      });
    }
  }
  for (const before of existing) {
    if (
      before.closedAt === null &&
      !present.has(before.fingerprint) &&
      ms(before.lastSeenAt) < at &&
      covers(scanned, before)
    ) {
      changed.set(before.fingerprint, { ...before, closedAt: scan.seenAt });
    }
  }

  const after = new Map(byPrint);
  for (const [fingerprint, finding] of changed) after.set(fingerprint, finding);
  const deletes = overCap([...after.values()], present, cap);
  for (const fingerprint of deletes) changed.delete(fingerprint);
  return { upserts: [...changed.values()], deletes };
}

/**
 * The findings to drop so that at most `cap` stay: the longest-closed first, then (when a
 * tool's other scans keep many open) the open ones seen longest ago, never one this report
 * shows.
 */
function overCap(
  findings: LifecycleFinding[],
  present: ReadonlyMap<string, unknown>,
  cap: number,
): string[] {
  if (findings.length <= cap) return [];
  const candidates = findings
    .filter(f => !present.has(f.fingerprint))
    .sort((a, b) => {
      if ((a.closedAt === null) !== (b.closedAt === null)) {
        return a.closedAt === null ? 1 : -1;
      }
      const left = a.closedAt ?? a.lastSeenAt;
      const right = b.closedAt ?? b.lastSeenAt;
      return ms(left) - ms(right) || (a.fingerprint < b.fingerprint ? -1 : 1);
    });
  return candidates.slice(0, findings.length - cap).map(f => f.fingerprint);
}
