import { AchievedLevel, DsommModel, Level } from '../model/types';
import { GroupAggregate } from '../scoring/aggregate';
import { ReportNote } from '../reports/reportEvidence';
import { StoredReport } from '../reports/types';
import { EntityKpis, GroupKpis, TrendKpis } from './kpis';
import {
  ActivityScore,
  DimensionScore,
  NextStep,
  Target,
  TargetGap,
} from '../scoring/types';

/** Catalog facts about a scored entity, used for grouping and filtering. */
export interface EntityFacts {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  /** Entity ref of the owner, e.g. `group:default/team-a`. */
  owner?: string;
  /** Entity ref of the system, e.g. `system:default/payments`. */
  system?: string;
  /** Entity ref of the system's domain. */
  domain?: string;
  tier?: string;
  lifecycle?: string;
  /**
   * The entity's `spec.type`, e.g. `service` or `website` (the scorecard's `type` filter).
   * Not named `type`: that field tells a roll-up answer apart from a component's score.
   */
  specType?: string;
}

/** A waiver recorded through the API: an activity that does not apply to an entity. */
export interface Waiver {
  id: string;
  entityRef: string;
  activityId: string;
  justification: string;
  grantedBy: string;
  grantedAt: string;
  expiresAt?: string;
  /** `pending` while it waits for a second person's approval; it counts only once approved. */
  status?: Exclude<ApprovalStatus, 'denied'>;
  /** Who approved it, when approval was required. */
  approvedBy?: string;
  /** When it was approved, when approval was required. */
  approvedAt?: string;
}

/**
 * Where a waiver or attestation stands: `approved` counts (also every record made where no
 * approval is required), `pending` waits for an approver, `denied` never counts.
 */
export type ApprovalStatus = 'pending' | 'approved' | 'denied';

/**
 * What happened to an attestation or a waiver, as the audit trail records it: `create` made
 * it count at once, `request` asked for approval, `approve` and `deny` decided a request.
 */
export type AuditAction =
  | 'create'
  | 'request'
  | 'approve'
  | 'deny'
  | 'revoke'
  | 'expire';

/** A waiver or attestation waiting for approval by someone other than its requester. */
export interface PendingApproval {
  id: string;
  kind: 'waiver' | 'attestation';
  entityRef: string;
  activityId: string;
  requestedBy: string;
  requestedAt: string;
  /** The waiver's justification or the attestation's comment. */
  text: string;
  /** The attestation's link, if any. */
  link?: string;
  expiresAt?: string;
}

/** `GET /approvals`: requests the caller may decide, oldest first. */
export interface ApprovalsResponse {
  requests: PendingApproval[];
}

/**
 * One entry of the append-only audit trail (`GET /audit`). Entries outlive the record and the
 * entity they are about, for `dsomm.audit.retentionDays`.
 */
export interface AuditEntry {
  /** When it happened (for `expire`: the record's expiry time). */
  at: string;
  action: AuditAction;
  recordType: 'attestation' | 'waiver';
  recordId: string;
  entityRef: string;
  activityId: string;
  /** Who created, requested, decided or revoked it; absent for an expiry. */
  actor?: string;
  /** The reason given when revoking or denying. */
  reason?: string;
  /** The attestation's comment or the waiver's justification, as created. */
  text?: string;
  /** The expiry the record was created with. */
  expiresAt?: string;
}

/** `GET /audit`: newest first. */
export interface AuditResponse {
  entries: AuditEntry[];
}

/** A manual attestation that an activity is implemented. */
export interface Attestation {
  id: string;
  entityRef: string;
  activityId: string;
  comment: string;
  link?: string;
  attestedBy: string;
  attestedAt: string;
  expiresAt?: string;
  /** As for a waiver: `pending` until approved, where the entity's tier asks for approval. */
  status?: Exclude<ApprovalStatus, 'denied'>;
  /** Who approved it, when the tier asked for approval. */
  approvedBy?: string;
  /** When it was approved. */
  approvedAt?: string;
}

/** `GET /entities/:kind/:namespace/:name`: an entity's full DSOMM evaluation. */
export interface EntityScoreResponse extends EntityFacts {
  modelVersion: string;
  computedAt: string;
  overallLevel: AchievedLevel;
  score: number;
  dimensions: DimensionScore[];
  /** Every activity of the model, with its status and evidence. */
  activities: ActivityScore[];
  target: Target;
  gap: TargetGap;
  meetsTarget: boolean;
  nextSteps: NextStep[];
  /** Why findings-based activities (e.g. treatment of high severity defects) count or not. */
  activityNotes: ReportNote[];
  waivers: Waiver[];
  attestations: Attestation[];
  /** This entity's waivers and attestations waiting for approval; they do not count yet. */
  pending?: PendingApproval[];
  /** Problems that did not stop scoring, such as unknown activity keys in annotations. */
  warnings: string[];
  /**
   * False in the start state "Not assessed yet": no activity has evidence (annotation, report
   * or attestation, own or inherited from a scope, valid or expired) and none is not applicable.
   */
  assessed: boolean;
  /** Expiry defaults and limit for attestations and waivers recorded on this entity. */
  expiryDays: ExpiryDays;
  /** Outcome figures: fix times, findings past their SLA, automation, scan recency. */
  kpis?: EntityKpis;
}

/**
 * Days until evidence recorded through the API expires: the defaults when no expiry is given
 * (`dsomm.evidence.attestationExpiryDays`, `waiverExpiryDays`) and the latest allowed
 * (`dsomm.evidence.maxExpiryDays`).
 */
export interface ExpiryDays {
  attestation: number;
  waiver: number;
  max: number;
}

/** One day of an entity's score history. */
export interface ScoreHistoryPoint {
  day: string;
  overallLevel: AchievedLevel;
  score: number;
  meetsTarget: boolean | null;
  dimensionLevels: Record<string, AchievedLevel>;
}

export interface ScoreHistoryResponse {
  entityRef: string;
  history: ScoreHistoryPoint[];
}

/** One component row of the scorecard. */
export interface ScorecardRow extends EntityFacts {
  overallLevel: AchievedLevel;
  score: number;
  dimensionLevels: Record<string, AchievedLevel>;
  targetLevel: AchievedLevel | null;
  meetsTarget: boolean | null;
  /**
   * Activities still needed for the target: up to the target's level in each dimension,
   * neither implemented nor not applicable. Null for a score stored before it was counted.
   */
  missingForTarget: number | null;
  /** False when not assessed yet (see `EntityScoreResponse.assessed`); null for an older score. */
  assessed: boolean | null;
  warningCount: number;
  computedAt: string;
}

export const SCORECARD_GROUP_BY = [
  'owner',
  'system',
  'domain',
  'tier',
] as const;
export type ScorecardGroupBy = (typeof SCORECARD_GROUP_BY)[number];

export const SCORECARD_FILTERS = [
  'owner',
  'system',
  'domain',
  'tier',
  /** Kept for compatibility; the scorecard page filters by `type`. */
  'kind',
  'lifecycle',
  /** The component's `spec.type`. */
  'type',
] as const;
export type ScorecardFilterKey = (typeof SCORECARD_FILTERS)[number];

export const SCORECARD_SORT_FIELDS = [
  'entityRef',
  'name',
  'owner',
  'system',
  'domain',
  'tier',
  'overallLevel',
  'score',
  'meetsTarget',
  'computedAt',
  'missingForTarget',
  /**
   * Worst first (ascending): overall level minus target level, then score. The default.
   */
  'worstFirst',
] as const;
export type ScorecardSortField = (typeof SCORECARD_SORT_FIELDS)[number];

/**
 * What `GET /scorecard` orders its groups by before paging them (`groupsSort`); ties are
 * ordered by key, so pages never overlap. `overallLevel` is the group's mean overall level.
 */
export const SCORECARD_GROUP_SORT_FIELDS = [
  'key',
  'count',
  'shareMeetingTarget',
  'meanScore',
  'overallLevel',
] as const;
export type ScorecardGroupSortField =
  (typeof SCORECARD_GROUP_SORT_FIELDS)[number];

/** Groups in one `GET /scorecard` answer unless `groupsLimit` says otherwise. */
export const DEFAULT_SCORECARD_GROUPS_LIMIT = 100;
/** The most groups one `GET /scorecard` answer holds. */
export const MAX_SCORECARD_GROUPS_LIMIT = 1000;

/** The KPIs a scorecard group row shows; the organisation's full KPIs are `ScorecardResponse.kpis`. */
export type ScorecardGroupKpis = Pick<
  GroupKpis,
  'openPastSla' | 'automatedShare'
>;

/**
 * Mean target levels of a scorecard group's components, overall and per dimension, rounded to
 * one decimal: what the group's mean levels are compared with.
 */
export interface TargetMeans {
  overall: number;
  dimensions: Record<string, number>;
}

/**
 * One group of the scorecard. Means are rounded to one decimal on the server, once, from
 * exact sums: every grouping shows the same totals.
 */
export interface ScorecardGroup extends GroupAggregate {
  /** Display name of an owner, system or domain group: the entity's title, else its name. */
  title?: string;
  /** For a tier group: the tier's target. */
  target?: Target;
  targetMeans: TargetMeans;
  /** Components not assessed yet (counted in `count` too, at level 0). */
  notAssessed: number;
  /**
   * Outcome KPIs over the group's components that the group table shows (see the README's
   * "KPIs" section).
   */
  kpis?: ScorecardGroupKpis;
}

/** `GET /scorecard`. */
export interface ScorecardResponse {
  groupBy: ScorecardGroupBy;
  /**
   * One page of the groups among the rows matching the filters (`groupsOffset`, `groupsLimit`,
   * in `groupsSort` order); each group aggregates all its matching rows, not only `rows`.
   */
  groups: ScorecardGroup[];
  /** How many groups there are in all, over every page. */
  totalGroups: number;
  groupsOffset: number;
  groupsLimit: number;
  /** Aggregate of all rows matching the filters; the same whatever `groupBy`. */
  total: ScorecardGroup;
  /** Outcome KPIs over all rows matching the filters: the organisation's, as the caller sees it. */
  kpis?: GroupKpis;
  rows: ScorecardRow[];
  totalRows: number;
  offset: number;
  limit: number;
}

/** `GET /targets`. */
export interface TargetsResponse {
  default: Target;
  tiers: Record<string, Target>;
  /** Where a component's tier comes from when it has no `dsomm.owasp.org/tier` annotation. */
  tierSource: {
    label?: string;
    lifecycle: Record<string, string>;
    default?: string;
  };
}

/** `GET /entities/:kind/:namespace/:name/reports`. */
export interface EntityReportsResponse {
  entityRef: string;
  reports: StoredReport[];
}

/** One day of the scorecard trend: how many matching components met their target. */
export interface ScorecardTrendPoint {
  day: string;
  count: number;
  meetingTarget: number;
  /** meetingTarget / count, 0-1; null when no component had a target that day. */
  shareMeetingTarget: number | null;
  /** That day's KPIs, from the components' daily KPI snapshots. */
  kpis?: TrendKpis;
}

/** `GET /scorecard/trend`. */
export interface ScorecardTrendResponse {
  points: ScorecardTrendPoint[];
}

/** Kinds of catalog entity whose `GET /entities/...` answers a roll-up of the components below. */
export const ROLLUP_KINDS = ['group', 'system', 'domain'] as const;
export type RollupKind = (typeof ROLLUP_KINDS)[number];

/** What a scope entity's own annotations say, as activity ids. */
export interface ScopeAnnotations {
  /** Ids listed in `dsomm.owasp.org/implemented`. */
  implemented: string[];
  /** Ids listed in `dsomm.owasp.org/not-applicable`. */
  notApplicable: string[];
  /** Items of those lists that name no activity of the model. */
  warnings: string[];
}

/** A component below a scope that does not meet its target. */
export interface RollupComponent {
  entityRef: string;
  title?: string;
  overallLevel: AchievedLevel;
  targetLevel: AchievedLevel | null;
  score: number;
}

/** An activity that components below a scope miss for their target. */
export interface RollupMissingActivity {
  activityId: string;
  key: string;
  name: string;
  dimension: string;
  subDimension: string;
  level: number;
  /** How many of the roll-up's components miss it for their target. */
  missing: number;
}

/** One level of one sub-dimension in a roll-up heatmap, counted over the roll-up's components. */
export interface RollupHeatmapCell {
  level: Level;
  /** Activities the model has at this sub-dimension and level. */
  activities: number;
  /**
   * Components with every applicable activity of the cell implemented; a component to which
   * none of them applies counts, as it does for reaching the level.
   */
  complete: number;
  /** Implemented activities of the cell, summed over the components. */
  implemented: number;
  /** Activities of the cell that apply (not waived or declared not applicable), summed over the components. */
  applicable: number;
}

/** One sub-dimension's row of a roll-up heatmap. */
export interface RollupHeatmapRow {
  dimension: string;
  subDimension: string;
  /** Levels 1 to 5, in order. */
  levels: RollupHeatmapCell[];
}

/** Sub-dimensions (model order) by level across the components of a roll-up. */
export interface RollupHeatmap {
  /** How many components were counted (every component of the roll-up). */
  components: number;
  subDimensions: RollupHeatmapRow[];
}

/**
 * `GET /entities/:kind/:namespace/:name` for a Group, System or Domain: the scope's own
 * evidence and a roll-up of the components below it that the caller may see.
 */
export interface ScopeRollupResponse {
  /** Tells this answer apart from a component's score. */
  type: 'rollup';
  entityRef: string;
  kind: RollupKind;
  namespace: string;
  name: string;
  title?: string;
  /** Evidence recorded on the scope entity itself. */
  scope: {
    annotations: ScopeAnnotations;
    attestations: Attestation[];
    waivers: Waiver[];
    /**
     * Groups only: the latest DSOMM app progress state short of done (e.g. Planned, Started)
     * per activity, as imported. Shown, never counted as evidence.
     */
    progress?: ProgressStateEntry[];
    /**
     * Expiry defaults and limit for attestations and waivers recorded on the scope. The
     * plugin's backend always gives them; optional so fixtures and older answers still fit.
     */
    expiryDays?: ExpiryDays;
  };
  /** Same shape as a scorecard group; `key` is the scope's ref. */
  rollup: GroupAggregate;
  /** Components below their target, worst first (overall level, then score); at most `limit`. */
  belowTarget: {
    total: number;
    limit: number;
    components: RollupComponent[];
  };
  /** Activities most often missing for target, most missed first, then lowest level. */
  mostMissing: {
    /** How many components were counted (every component of the roll-up). */
    outOf: number;
    limit: number;
    activities: RollupMissingActivity[];
  };
  /** Sub-dimension by level: how many components complete each cell, and activity totals. */
  heatmap: RollupHeatmap;
}

/** One state of one activity for one group, as DSOMM's app records team progress. */
export interface ProgressStateEntry {
  /** The Group the state is recorded for, e.g. `group:default/team-a`. */
  groupRef: string;
  activityId: string;
  /** A state name of `dsomm.progress.states`, e.g. `Planned`. */
  state: string;
  /** When the state was reached: ISO 8601. */
  date: string;
}

/** One imported (or already present) entry of a progress import, with the DSOMM team it came from. */
export interface ProgressImportEntry extends ProgressStateEntry {
  team: string;
  /** For the done state: the group attestation it became (or that was already there). */
  attestationId?: string;
}

/** A DSOMM team of the imported file that matched no Group; its entries were not stored. */
export interface ProgressUnmatchedTeam {
  team: string;
  /** Why: no Group matched, or several did. */
  reason: string;
  /** The activity ids the file gives for this team. */
  activityIds: string[];
}

/** An activity id of the imported file that the model does not know; its entries were not stored. */
export interface ProgressUnknownActivity {
  activityId: string;
  teams: string[];
}

/** `POST /progress/import`. Every entry of the file shows in at least one of these lists. */
export interface ProgressImportResponse {
  imported: ProgressImportEntry[];
  /** Entries stored before with the same group, activity, state and date: nothing changed. */
  alreadyPresent: ProgressImportEntry[];
  unmatchedTeams: ProgressUnmatchedTeam[];
  unknownActivities: ProgressUnknownActivity[];
}

/** `GET /progress/export?format=json`: DSOMM's `team-progress.yaml` shape. */
export interface TeamProgressDocument {
  /** `activity id -> DSOMM team name -> state name -> date`. */
  progress: Record<string, Record<string, Record<string, string>>>;
}

/** What a scope preview asks: these activities marked so for the whole scope. */
export const SCOPE_PREVIEW_STATUSES = [
  'implemented',
  'not-applicable',
] as const;
export type ScopePreviewStatus = (typeof SCOPE_PREVIEW_STATUSES)[number];

/** Body of `POST /entities/:kind/:namespace/:name/preview`. */
export interface ScopePreviewRequest {
  /** Activity ids (or keys), at most the model's number of activities. */
  activities: string[];
  status: ScopePreviewStatus;
}

/** A component's levels as its stored activity statuses give them. */
export interface PreviewLevels {
  overallLevel: AchievedLevel;
  score: number;
  meetsTarget: boolean;
}

/** A component below the scope that the previewed marks would change. */
export interface ScopePreviewComponent {
  entityRef: string;
  title?: string;
  /**
   * Ids of the selected activities whose status would change for it: missing or stale ones
   * becoming implemented; for not-applicable, those without evidence of its own.
   */
  changes: string[];
  before: PreviewLevels;
  after: PreviewLevels;
}

/**
 * `POST /entities/:kind/:namespace/:name/preview`: what marking activities at a Group, System
 * or Domain would change for the components below it that the caller may see, from their
 * stored scores. Nothing is recorded.
 */
export interface ScopePreviewResponse {
  entityRef: string;
  status: ScopePreviewStatus;
  /** The selected activity ids, as resolved from the request. */
  activities: string[];
  /** Components below the scope that were considered (those the caller may see). */
  count: number;
  /** Components for which at least one selected activity would change. */
  changed: number;
  /** Components whose overall level would rise. */
  lifted: number;
  /** Components that miss their target now and would meet it. */
  newlyMeetingTarget: number;
  /** Changed components, those lifted most first; at most `limit`. */
  components: ScopePreviewComponent[];
  limit: number;
}

/**
 * How this portal turns annotations and scanner reports into evidence, by activity id: the
 * built-in and configured annotation rules, and the report category mapping in force.
 */
export interface EvidenceRules {
  annotations: { annotation: string; activityIds: string[] }[];
  /** `report category -> ids of the activities a report of it proves`. */
  reports: Record<string, string[]>;
}

/** `GET /model`: the model in use, with the evidence rules so pages can say how to prove each activity. */
export interface ModelResponse extends DsommModel {
  evidenceRules?: EvidenceRules;
}
