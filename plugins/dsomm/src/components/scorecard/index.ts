export { Scorecard } from './Scorecard';
