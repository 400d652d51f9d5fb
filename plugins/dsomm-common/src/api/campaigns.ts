import { Level } from '../model/types';

/** The scorecard filters a campaign's scope may use. */
export const CAMPAIGN_SCOPE_KEYS = [
  'tier',
  'owner',
  'system',
  'domain',
  'lifecycle',
] as const;

export type CampaignScopeKey = (typeof CAMPAIGN_SCOPE_KEYS)[number];

/**
 * Which components a campaign is about, as scorecard filters: a component matches when, for
 * every key given, its value is one of the listed ones. Refs are stored lower-case and full.
 */
export type CampaignScope = Partial<Record<CampaignScopeKey, string[]>>;

/**
 * What a component must reach: an overall level, a level per named dimension or sub-dimension
 * (stored by its name; sub-dimension names differ from dimension names), or a set of
 * activities (stored by id), each implemented or not applicable.
 */
export type CampaignGoal =
  | { level: Level }
  | { dimensions: Record<string, Level> }
  | { activities: string[] };

/** The body of `POST /campaigns`. Dates are ISO 8601 dates or date-times. */
export interface CampaignInput {
  name: string;
  /** The entity ref of who runs the campaign, usually a group. */
  owner: string;
  scope: CampaignScope;
  goal: CampaignGoal;
  /** Defaults to the time of creation. */
  start?: string;
  deadline: string;
}

/** The body of `PATCH /campaigns/{id}`: any of these; `archived` archives or restores. */
export interface CampaignPatch {
  name?: string;
  owner?: string;
  scope?: CampaignScope;
  goal?: CampaignGoal;
  deadline?: string;
  archived?: boolean;
}

/** A stored campaign. Times are UTC ISO 8601 date-times. */
export interface Campaign {
  id: string;
  name: string;
  owner: string;
  scope: CampaignScope;
  goal: CampaignGoal;
  start: string;
  deadline: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  archivedAt?: string;
}

/** A campaign with how many components it covers and how many reached its goal. */
export interface CampaignSummary extends Campaign {
  inScope: number;
  done: number;
}

/** The components of one owner in a campaign's scope (`owner` null: those without one). */
export interface CampaignOwnerProgress {
  owner: string | null;
  inScope: number;
  done: number;
  /** `inScope - done`: components still short of the goal. */
  remaining: number;
}

/** One component in a campaign's scope and what it still lacks for the goal. */
export interface CampaignComponentProgress {
  entityRef: string;
  owner: string | null;
  done: boolean;
  /** Ids of the activities still needed, neither implemented nor not applicable. */
  remainingActivityIds: string[];
}

/** One day of a campaign's burn-up (`day` is YYYY-MM-DD, UTC). */
export interface CampaignBurnUpPoint {
  day: string;
  inScope: number;
  done: number;
}

/** `GET /campaigns/{id}`: the campaign and its progress as of now. */
export interface CampaignProgress extends CampaignSummary {
  remainingPerOwner: CampaignOwnerProgress[];
  burnUp: CampaignBurnUpPoint[];
  components: CampaignComponentProgress[];
}

/**
 * One item of `GET /campaigns?entity=<ref>`: a live campaign that concerns the entity, with what
 * is left to do there. For a component, `here` covers that component alone; for a Group, System
 * or Domain, the components of the campaign's scope below it.
 */
export interface EntityCampaign extends CampaignSummary {
  here: {
    inScope: number;
    done: number;
    components: CampaignComponentProgress[];
  };
}
