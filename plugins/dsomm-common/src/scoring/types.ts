import { AchievedLevel, Level } from '../model/types';

/** Where a piece of evidence came from. */
export type EvidenceSource = 'annotation' | 'report' | 'attestation';

export const EVIDENCE_SOURCES: readonly EvidenceSource[] = [
  'annotation',
  'report',
  'attestation',
];

/** Facts about a piece of evidence that let a person see why an activity counts. */
export interface EvidenceDetails {
  /** A short human-readable account, e.g. `annotation sonarqube.org/project-key is set`. */
  summary?: string;
  /** A link to the report, pipeline run or document that proves it. */
  url?: string;
  /** Entity ref of the person who attested it. */
  actor?: string;
  /** Scanner or tool that produced it. */
  tool?: string;
  [key: string]: unknown;
}

/** One piece of evidence that an activity is implemented for an entity. */
export interface EvidenceItem {
  /** Id (DSOMM uuid) of the activity it proves. */
  activityId: string;
  source: EvidenceSource;
  /** ISO 8601 time the evidence was observed. */
  observedAt: string;
  /** ISO 8601 time after which it no longer counts; absent means it does not expire. */
  expiresAt?: string;
  details?: EvidenceDetails;
  /**
   * Where an inherited item comes from: the entity ref of the Group, System or Domain it was
   * recorded on, or `organization`. Absent for the entity's own evidence.
   */
  scope?: string;
}

/** Status of one activity for one entity. */
export type ActivityStatus =
  | 'implemented'
  | 'stale'
  | 'missing'
  | 'not-applicable'
  /** It has valid evidence, but a measurement (e.g. findings past their SLA) says otherwise. */
  | 'contradicted';

export interface ActivityScore {
  activityId: string;
  level: Level;
  status: ActivityStatus;
  /** Every evidence item for the activity, those still valid first, newest first. */
  evidence: EvidenceItem[];
  /** For a `contradicted` activity: what was measured against its evidence, for people. */
  contradiction?: string;
}

/** How many of a level's applicable activities are implemented. */
export interface LevelCoverage {
  level: Level;
  implemented: number;
  applicable: number;
}

export interface SubDimensionScore {
  dimension: string;
  subDimension: string;
  level: AchievedLevel;
  coverage: LevelCoverage[];
}

export interface DimensionScore {
  dimension: string;
  level: AchievedLevel;
  subDimensions: SubDimensionScore[];
}

/** The levels an entity reached. */
export interface EntityScore {
  /** The lowest dimension level. */
  overallLevel: AchievedLevel;
  /** 0-100: share of applicable activities implemented, each weighted by its level. */
  score: number;
  dimensions: DimensionScore[];
  activities: ActivityScore[];
}

/** Levels an entity should reach: one for every dimension, optionally raised or lowered per dimension. */
export interface Target {
  level: AchievedLevel;
  /** Per-dimension levels by dimension name; dimensions not listed use `level`. */
  dimensions?: Record<string, AchievedLevel>;
}

export interface DimensionGap {
  dimension: string;
  target: AchievedLevel;
  achieved: AchievedLevel;
  meetsTarget: boolean;
  /** Ids of applicable activities up to the target level that are not implemented. */
  missingActivityIds: string[];
}

export interface TargetGap {
  meetsTarget: boolean;
  dimensions: DimensionGap[];
}

/** A missing activity worth doing next, with the reasons it ranks where it does. */
export interface NextStep {
  activityId: string;
  level: Level;
  dimension: string;
  subDimension: string;
  /** The sub-dimension level this activity helps reach. */
  raisesToLevel: Level;
  /** How many activities (this one included) still stand between the sub-dimension and that level. */
  remainingForLevel: number;
  dependenciesMet: boolean;
  /** Ids of dependencies not yet implemented. */
  unmetDependencyIds: string[];
  /** True when the activity is needed to reach the entity's target. */
  towardTarget: boolean;
  usefulness: number;
  /** Mean of the three difficulty ratings, 1-5. */
  difficulty: number;
  /** One sentence saying why, for people. */
  why: string;
}
