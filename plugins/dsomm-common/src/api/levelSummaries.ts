import { AchievedLevel } from '../model/types';

/** Most entity refs one `POST /scores/summary` request may ask for. */
export const LEVEL_SUMMARY_MAX_REFS = 1000;

/** An entity's stored overall level against its target, for a catalog table cell. */
export interface EntityLevelSummary {
  /** The entity ref, in lower case as scores are stored. */
  entityRef: string;
  overallLevel: AchievedLevel;
  /** Null when no target applies to the entity. */
  targetLevel: AchievedLevel | null;
  meetsTarget: boolean | null;
  score: number;
  computedAt: string;
}

/**
 * `POST /scores/summary`: the summaries of the asked refs that are scored and that the caller
 * may read. A ref that is not scored and one the caller may not see are both left out, so the
 * answer does not tell them apart.
 */
export interface LevelSummariesResponse {
  summaries: EntityLevelSummary[];
}

/** `GET /scores/below-target`: every scored entity the caller may read that misses its target. */
export interface BelowTargetResponse {
  entityRefs: string[];
}
