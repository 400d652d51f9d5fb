export { dsommApiRef } from './DsommApi';
export type { DsommApi, ScorecardRequest } from './DsommApi';
export { DsommClient } from './DsommClient';
