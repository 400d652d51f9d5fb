/**
 * Backstage frontend plugin showing OWASP DevSecOps Maturity Model (DSOMM) maturity.
 *
 * @packageDocumentation
 */

export { dsommPlugin, DsommPage } from './plugin';
export { dsommApiRef, DsommClient } from './api';
export type { DsommApi, ScorecardRequest } from './api';
