export { PendingApprovalsCard } from './PendingApprovalsCard';
export { PendingRequestList } from './PendingRequestList';
