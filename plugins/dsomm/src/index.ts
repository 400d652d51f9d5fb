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
} from './plugin';
export { isDsommAvailable } from './components/entity/isDsommAvailable';
export { dsommApiRef, DsommClient } from './api';
export type { DsommApi, ScorecardRequest } from './api';
