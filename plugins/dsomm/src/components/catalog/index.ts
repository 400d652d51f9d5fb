export { createDsommLevelColumn } from './createDsommLevelColumn';
export { DsommLevelCell } from './DsommLevelCell';
export { DsommBelowTargetPicker } from './DsommBelowTargetPicker';
export { DsommBelowTargetFilter } from './DsommBelowTargetFilter';
export type { DsommCatalogFilters } from './DsommBelowTargetFilter';
