/**
 * The OWASP DevSecOps Maturity Model (DSOMM) and its scoring rules, shared by the DSOMM
 * Backstage plugins. Safe for browser bundles: the built-in model facts and the YAML model
 * loader live in the `/node` entry point.
 *
 * @packageDocumentation
 */

export * from './model/types';
export { activityUrl } from './model/url';
export { indexModel } from './model/modelIndex';
export { compileModel } from './model/compiledModel';
export type {
  CompiledModel,
  CompiledDimension,
  CompiledSubDimension,
} from './model/compiledModel';
export type { ModelIndex } from './model/modelIndex';
export * from './scoring/types';
export { scoreEntity, scoreFromActivities } from './scoring/scoreEntity';
export type { ScoreInput } from './scoring/scoreEntity';
export { decideStatuses, statusesOf, STATUS_CODE } from './scoring/statuses';
export type {
  Contradiction,
  DecidedStatuses,
  StatusInput,
} from './scoring/statuses';
export { isoTime, parsedTime } from './scoring/cachedTimes';
export { levelsOf } from './scoring/levels';
export type { ScoreLevels } from './scoring/levels';
export {
  computeGap,
  meetsTarget,
  targetForTier,
  targetLevelFor,
} from './scoring/targets';
export type { TargetsConfig } from './scoring/targets';
export { nextSteps } from './scoring/nextSteps';
export type { NextStepsOptions } from './scoring/nextSteps';
export { aggregateGroup } from './scoring/aggregate';
export type {
  GroupAggregate,
  LevelStats,
  ScoreSummary,
} from './scoring/aggregate';
export {
  ORGANIZATION_SCOPE_REF,
  inheritedEvidence,
  mergeScopedFindings,
} from './scoring/scopes';
export type { OwnFindings, ScopeFindings } from './scoring/scopes';
export * from './permissions';
export * from './api/types';
export * from './api/levelSummaries';
export * from './api/gate';
export * from './api/kpis';
export * from './api/campaigns';
export * from './reports/types';
export * from './reports/mapping';
export {
  reportEvidence,
  reportEvidenceSummary,
} from './reports/reportEvidence';
export { scanKindOf, currentReports } from './reports/supersession';
export type { SupersedableReport } from './reports/supersession';
export type {
  ReportForEvidence,
  ReportEvidenceSummary,
  ReportEvidenceOptions,
  ReportNote,
} from './reports/reportEvidence';
export { findingsPastSla } from './reports/findingsPastSla';
export type { PastSla } from './reports/findingsPastSla';
