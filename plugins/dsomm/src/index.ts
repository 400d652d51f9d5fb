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
export { dsommApiRef, DsommClient } from './api';
export type { DsommApi, ScorecardRequest } from './api';
