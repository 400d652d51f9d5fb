export { EntityDsommContent } from './EntityDsommContent';
export { EntityDsommCard } from './EntityDsommCard';
export { isDsommAvailable } from './isDsommAvailable';
