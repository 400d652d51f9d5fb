/** A DSOMM maturity level an activity belongs to. */
export type Level = 1 | 2 | 3 | 4 | 5;

/** A level reached by a component, sub-dimension or dimension; 0 means not even level 1. */
export type AchievedLevel = 0 | Level;

/** All activity levels, lowest first. */
export const LEVELS: readonly Level[] = [1, 2, 3, 4, 5];

/** How hard an activity is to implement, each rated 1-5 by DSOMM. */
export interface Difficulty {
  knowledge: number;
  time: number;
  resources: number;
}

/** Identifiers in other frameworks that an activity maps to. */
export interface ActivityReferences {
  samm2: string[];
  'iso27001-2017': string[];
  'iso27001-2022': string[];
  /** Link to OpenCRE, only present when the model was loaded from DSOMM's model.yaml. */
  openCRE?: string;
}

/**
 * DSOMM's own descriptive texts (markdown). The built-in model carries none of them; they are
 * present only when a user loads DSOMM's model.yaml.
 */
export interface ActivityTexts {
  description?: string;
  risk?: string;
  measure?: string;
  assessment?: string;
}

/** One DSOMM activity. */
export interface Activity {
  /** DSOMM's stable uuid (two real activities carry ids that are not valid UUIDs). */
  id: string;
  /** Unique kebab-case slug of the name, e.g. `test-for-stored-secrets-in-code`. */
  key: string;
  name: string;
  dimension: string;
  subDimension: string;
  level: Level;
  difficulty: Difficulty;
  usefulness: number;
  /** Ids of the activities this one builds on. */
  dependsOn: string[];
  tags: string[];
  references: ActivityReferences;
  /** Names of tools DSOMM lists for implementing the activity. */
  tools: string[];
  /** The activity's page on the DSOMM site. */
  url: string;
  texts?: ActivityTexts;
}

export interface SubDimension {
  name: string;
  key: string;
  dimension: string;
  /** Ids of this sub-dimension's activities, ordered by level then name. */
  activityIds: string[];
}

export interface Dimension {
  name: string;
  key: string;
  subDimensions: SubDimension[];
}

/** A complete DSOMM model: dimensions, sub-dimensions and activities. */
export interface DsommModel {
  version: string;
  released?: string;
  /** `built-in` for the model shipped with the plugin, otherwise the file it was loaded from. */
  source: string;
  /** Short name of each level. */
  levels: Record<Level, string>;
  dimensions: Dimension[];
  activities: Activity[];
}
