export { DsommPage } from './DsommPage';
