export { dsommApiRef } from './DsommApi';
export type { DsommApi, ScorecardRequest } from './DsommApi';
export { DsommClient } from './DsommClient';
export type {
  ActivityRef,
  CreateAttestationBody,
  CreateWaiverBody,
} from './openapi.generated';
