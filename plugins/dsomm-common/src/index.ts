/**
 * The OWASP DevSecOps Maturity Model (DSOMM) and its scoring rules, shared by the DSOMM
 * Backstage plugins.
 *
 * @packageDocumentation
 */

export * from './model/types';
export { slugify } from './model/slug';
export { activityUrl, DSOMM_ACTIVITY_URL } from './model/url';
export { assembleModel } from './model/assemble';
export type { ModelParts } from './model/assemble';
export { getBuiltInModel } from './model/builtInModel';
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
export {
  decideStatuses,
  isEvidenceValid,
  statusesOf,
  statusOfCode,
  STATUS_CODE,
} from './scoring/statuses';
export type {
  Contradiction,
  DecidedStatuses,
  StatusInput,
} from './scoring/statuses';
export { achievedLevel, detailedLevels, levelsOf } from './scoring/levels';
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
export {
  aggregateScores,
  aggregateGroup,
  summarizeScore,
} from './scoring/aggregate';
export type {
  GroupAggregate,
  LevelStats,
  ScoreSummary,
} from './scoring/aggregate';
export { evaluateEntity } from './scoring/evaluate';
export type { EntityEvaluation } from './scoring/evaluate';
export {
  ORGANIZATION_SCOPE_REF,
  inheritedEvidence,
  mergeScopedFindings,
} from './scoring/scopes';
export type { OwnFindings, ScopeFindings } from './scoring/scopes';
export * from './permissions';
export * from './api/types';
export * from './api/levelSummaries';
export { parseModelYaml, ModelLoadError } from './model/loadModelYaml';
export type { ModelLoadErrorDetails } from './model/loadModelYaml';
export * from './reports/types';
export * from './reports/mapping';
export { reportEvidence } from './reports/reportEvidence';
export type {
  ReportForEvidence,
  ReportEvidenceOptions,
  ReportNote,
} from './reports/reportEvidence';
