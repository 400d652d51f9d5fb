import {
  AchievedLevel,
  Attestation,
  ActivityScore,
  EntityFacts,
  ReportNote,
  ReportSummary,
  ScorecardRow,
  SlaSeverity,
  StoredReport,
  reportEvidenceSummary,
  Target,
  scanKindOf,
} from '@dsomm/plugin-dsomm-common';
import { isAssessed } from '../scoring/assessed';
import { shareCounts } from '../kpis/groupKpis';

/**
 * What the plugin stores per entity as the `detail` of its latest score: the decided statuses
 * and what cannot be derived from them. Coverage, the gap to the target and next steps follow
 * from the statuses and the model, so they are derived when one entity is read rather than
 * computed and stored for every entity on each recompute.
 */
export interface StoredScore {
  facts: EntityFacts;
  modelVersion: string;
  computedAt: string;
  overallLevel: AchievedLevel;
  score: number;
  dimensionLevels: Record<string, AchievedLevel>;
  /** Activities other than `missing`; the rest are missing by implication, which keeps rows small. */
  activities: ActivityScore[];
  target: Target;
  meetsTarget: boolean;
  /** Activities still needed for the target (see `missingForTarget`); absent in older scores. */
  missingForTarget?: number;
  /** Why findings-based activities count or not. */
  activityNotes: ReportNote[];
  warnings: string[];
}

/** The DSOMM dimensions that have their own sortable level column. */
export const DIMENSION_COLUMNS = [
  { dimension: 'Build and Deployment', column: 'level_build_and_deployment' },
  {
    dimension: 'Culture and Organization',
    column: 'level_culture_and_organization',
  },
  { dimension: 'Implementation', column: 'level_implementation' },
  { dimension: 'Information Gathering', column: 'level_information_gathering' },
  { dimension: 'Test and Verification', column: 'level_test_and_verification' },
] as const;

export interface ScoreRow {
  entity_ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  owner: string | null;
  system: string | null;
  domain: string | null;
  tier: string | null;
  lifecycle: string | null;
  type: string | null;
  level_build_and_deployment: number;
  level_culture_and_organization: number;
  level_implementation: number;
  level_information_gathering: number;
  level_test_and_verification: number;
  overall_level: number;
  score: number;
  target_level: number | null;
  meets_target: boolean | number | null;
  missing_for_target: number | null;
  /** See `isAssessed`; null for a score stored before it was kept. */
  assessed: boolean | number | null;
  warning_count: number;
  computed_at: string;
  dimension_levels: string;
  /**
   * When a change at a scope above made this score out of date; null once it is scored again.
   * Optional: a row read from before the column existed has none.
   */
  stale_since?: string | null;
  /** See `scoreDigest`; null for a score stored before it was kept. */
  score_digest?: string | null;
  /** `digestCheck(score_digest)`: what a scorecard group's check sums. */
  digest_check?: number | null;
  /** See `entityInputDigest`; null once an input was written since. */
  input_digest?: string | null;
  /** ISO time from which time alone could change the score; null: never. */
  next_change_at?: string | null;
  /** Implemented activities, and those a report or annotation rule proves (the automated share). */
  implemented_count?: number | null;
  automated_count?: number | null;
}

/** A score's detail (`StoredScore` as JSON), kept apart so scans of the scores stay small. */
export interface ScoreDetailRow {
  entity_ref: string;
  detail: string;
}

export interface HistoryRow {
  entity_ref: string;
  day: string;
  overall_level: number;
  score: number;
  meets_target: boolean | number | null;
  tier: string | null;
  owner: string | null;
  dimension_levels: string;
  /** The component's KPI figures that day (see the kpi_counts migration); null: not measured. */
  implemented_count?: number | null;
  automated_count?: number | null;
  open_past_sla?: number | null;
  critical_misconfigurations?: number | null;
  closed_count?: number | null;
  closed_days?: number | null;
}

/**
 * Longest value, in characters, kept in a column that is indexed or shown in scorecard rows.
 * PostgreSQL refuses a b-tree index entry over 2704 bytes; 256 characters are at most 1024
 * bytes, so even the two-column index on kind and lifecycle fits. The score's detail keeps the
 * full values.
 */
export const MAX_COLUMN_CHARS = 256;

/**
 * A value from outside (catalog, report, caller) as a column can store it: strings only, NUL
 * removed (PostgreSQL text cannot hold it), and at most `max` characters, cut with an ellipsis
 * but never inside a surrogate pair (half of one would not encode).
 */
export function columnText(
  value: unknown,
  max: number = MAX_COLUMN_CHARS,
): string | null {
  if (typeof value !== 'string') return null;
  const text = value.includes('\u0000')
    ? value.replaceAll('\u0000', '')
    : value;
  if (text.length <= max) return text;
  let cut = max - 1;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}\u2026`;
}

/** `columnText` for a column that cannot be null (the value is required upstream). */
function requiredText(value: unknown, max?: number): string {
  return columnText(value, max) ?? String(value ?? '');
}

export function scoreToRow(s: StoredScore): ScoreRow {
  const f = s.facts;
  const dimensionColumns = Object.fromEntries(
    // A custom model without one of these dimensions sorts it as level 0.
    DIMENSION_COLUMNS.map(c => [c.column, s.dimensionLevels[c.dimension] ?? 0]),
  ) as Pick<ScoreRow, (typeof DIMENSION_COLUMNS)[number]['column']>;
  return {
    // The ref is the row's identity and is never cut (the catalog bounds its parts).
    entity_ref: f.entityRef,
    kind: requiredText(f.kind),
    namespace: requiredText(f.namespace),
    name: requiredText(f.name),
    title: columnText(f.title),
    owner: columnText(f.owner),
    system: columnText(f.system),
    domain: columnText(f.domain),
    tier: columnText(f.tier),
    lifecycle: columnText(f.lifecycle),
    type: columnText(f.specType),
    ...dimensionColumns,
    overall_level: s.overallLevel,
    score: s.score,
    target_level: s.target.level,
    meets_target: s.meetsTarget,
    missing_for_target: s.missingForTarget ?? null,
    assessed: isAssessed(s),
    warning_count: s.warnings.length,
    computed_at: s.computedAt,
    dimension_levels: JSON.stringify(s.dimensionLevels),
    // Written from what is stored now, so it is up to date again.
    stale_since: null,
    ...activityCounts(s),
  };
}

export function scoreToHistoryRow(
  s: StoredScore,
  day: string,
  /** The score row's counts when it has been made: the same, and not counted twice. */
  counts: Pick<
    HistoryRow,
    'implemented_count' | 'automated_count'
  > = activityCounts(s),
): HistoryRow {
  return {
    entity_ref: s.facts.entityRef,
    day,
    overall_level: s.overallLevel,
    score: s.score,
    meets_target: s.meetsTarget,
    tier: columnText(s.facts.tier),
    owner: columnText(s.facts.owner),
    dimension_levels: JSON.stringify(s.dimensionLevels),
    implemented_count: counts.implemented_count,
    automated_count: counts.automated_count,
  };
}

/** The score's implemented and automated activity counts, as of when it was computed. */
function activityCounts(s: StoredScore) {
  const counts = shareCounts(s.activities, Date.parse(s.computedAt));
  return {
    implemented_count: counts.implemented,
    automated_count: counts.automated,
  };
}

export function scoreToDetailRow(s: StoredScore): ScoreDetailRow {
  return { entity_ref: s.facts.entityRef, detail: JSON.stringify(s) };
}

export function rowToScorecardRow(row: ScoreRow): ScorecardRow {
  const optional = (value: string | null) => value ?? undefined;
  return {
    entityRef: row.entity_ref,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    title: optional(row.title),
    owner: optional(row.owner),
    system: optional(row.system),
    domain: optional(row.domain),
    tier: optional(row.tier),
    lifecycle: optional(row.lifecycle),
    specType: optional(row.type),
    overallLevel: row.overall_level as AchievedLevel,
    score: Number(row.score),
    dimensionLevels: JSON.parse(row.dimension_levels),
    targetLevel:
      row.target_level === null ? null : (row.target_level as AchievedLevel),
    meetsTarget: row.meets_target === null ? null : Boolean(row.meets_target),
    missingForTarget: row.missing_for_target ?? null,
    assessed:
      row.assessed === null || row.assessed === undefined
        ? null
        : Boolean(row.assessed),
    warningCount: row.warning_count,
    computedAt: row.computed_at,
  };
}

/** An open finding and when the entity's reports first showed it. */
export interface OpenFinding {
  key: string;
  severity: SlaSeverity;
  firstSeenAt: string;
}

export interface ReportRow {
  id: string;
  entity_ref: string;
  sha256: string;
  size_bytes: number;
  format: string;
  tool_name: string;
  /** `scanKindOf(categories)`: a later report supersedes earlier ones of its tool and kind. */
  scan_kind: string;
  tool_version: string | null;
  scanned_at: string | null;
  uploaded_at: string;
  uploaded_by: string;
  source: string | null;
  summary: string;
  /**
   * `reportEvidenceSummary(summary)` as JSON: what scoring reads of the summary. Null in a row
   * written by a version before it (see its migration).
   */
  evidence_summary?: string | null;
  open_findings: string;
  /** `findingAges(open findings)` as JSON: what scoring reads of them. */
  finding_ages: string | null;
  activity_ids: string;
  /** JSON list, or null for none. */
  warnings?: string | null;
}

/**
 * The open findings of a freshly parsed report (its `findingKeys`), each first seen when
 * `firstSeenAt` says.
 */
export function openFindingsOf(
  findingKeys: ReportSummary['findingKeys'],
  firstSeenAt: (key: string) => string,
): OpenFinding[] {
  return (['critical', 'high', 'medium'] as const).flatMap(severity =>
    (findingKeys?.[severity] ?? []).map(key => ({
      key,
      severity,
      firstSeenAt: firstSeenAt(key),
    })),
  );
}

/** A group of open findings of one severity first seen at one time, with one of their keys. */
export interface FindingAge extends OpenFinding {
  count: number;
}

/**
 * Open findings grouped by severity and first-seen time: scoring needs only how many are how
 * old, and a report's findings share a few first-seen times, so this is far smaller.
 */
export function findingAges(findings: OpenFinding[]): FindingAge[] {
  const groups = new Map<string, FindingAge>();
  for (const f of findings) {
    const id = `${f.severity}|${f.firstSeenAt}`;
    const group = groups.get(id);
    if (group) group.count += 1;
    else groups.set(id, { ...f, count: 1 });
  }
  return [...groups.values()];
}

export function reportToRow(
  r: StoredReport,
  openFindings: OpenFinding[],
): ReportRow {
  return {
    id: r.id,
    entity_ref: r.entityRef,
    sha256: r.sha256,
    size_bytes: r.sizeBytes,
    format: r.summary.format,
    // Reports of one tool are told apart by this column: lookups cut the name the same way.
    tool_name: requiredText(r.summary.tool.name),
    scan_kind: scanKindOf(r.summary.categories),
    tool_version: columnText(r.summary.tool.version),
    scanned_at: columnText(r.summary.scannedAt),
    uploaded_at: r.uploadedAt,
    uploaded_by: requiredText(r.uploadedBy, 1024),
    source: r.source ?? null,
    summary: JSON.stringify(r.summary),
    evidence_summary: JSON.stringify(reportEvidenceSummary(r.summary)),
    open_findings: JSON.stringify(openFindings),
    finding_ages: JSON.stringify(findingAges(openFindings)),
    activity_ids: JSON.stringify(r.activityIds),
    warnings: r.warnings?.length ? JSON.stringify(r.warnings) : null,
  };
}

/** An attestation as stored in `dsomm_evidence` (source `attestation`). */
export function rowToAttestation(row: {
  id: string;
  entity_ref: string;
  activity_id: string;
  details: string;
  created_by: string;
  observed_at: string;
  expires_at: string | null;
  decided_by?: string | null;
  decided_at?: string | null;
}): Attestation {
  const details = JSON.parse(row.details);
  return {
    id: row.id,
    entityRef: row.entity_ref,
    activityId: row.activity_id,
    comment: details.summary,
    ...(details.url ? { link: details.url } : {}),
    attestedBy: row.created_by,
    attestedAt: row.observed_at,
    ...(row.expires_at ? { expiresAt: row.expires_at } : {}),
    // Only an approved record is read this way, so a decider is its approver.
    ...(row.decided_by
      ? { approvedBy: row.decided_by, approvedAt: row.decided_at ?? undefined }
      : {}),
  };
}

export function rowToReport(row: ReportRow): StoredReport {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    sha256: row.sha256,
    sizeBytes: Number(row.size_bytes),
    ...(row.source ? { source: row.source } : {}),
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at,
    summary: JSON.parse(row.summary),
    activityIds: JSON.parse(row.activity_ids),
    ...(row.warnings ? { warnings: JSON.parse(row.warnings) } : {}),
  };
}
