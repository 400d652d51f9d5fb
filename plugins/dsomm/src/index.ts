/**
 * Backstage frontend plugin showing OWASP DevSecOps Maturity Model (DSOMM) maturity.
 *
 * @packageDocumentation
 */

export {
  dsommPlugin,
  DsommPage,
  EntityDsommContent,
  EntityDsommCard,
  EntityDsommRollupContent,
  EntityDsommRollupCard,
} from './plugin';
export { isDsommAvailable } from './components/entity/isDsommAvailable';
export { isDsommRollupAvailable } from './components/rollup/isDsommRollupAvailable';
export {
  createDsommLevelColumn,
  DsommLevelCell,
  DsommBelowTargetPicker,
  DsommBelowTargetFilter,
} from './components/catalog';
export type { DsommCatalogFilters } from './components/catalog';
export { dsommApiRef, DsommClient } from './api';
export type {
  ActivityRef,
  CreateAttestationBody,
  CreateWaiverBody,
  DsommApi,
  ScorecardRequest,
} from './api';
