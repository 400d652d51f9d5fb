export { dsommApiRef } from './DsommApi';
export type { DsommApi } from './DsommApi';
export { DsommClient } from './DsommClient';
