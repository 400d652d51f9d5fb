import { InfoCard } from '@backstage/core-components';
import { PendingApproval } from '@dsomm/plugin-dsomm-common';
import { PendingRequestList } from '../approvals/PendingRequestList';
import { useUserRef } from '../approvals/useUserRef';

/**
 * The entity's waivers and attestations waiting for approval: they do not count yet. Approve
 * and Deny show for users holding `dsomm.waiver.approve` on the entity, on others' requests.
 */
export function PendingRequestsCard(props: {
  requests: PendingApproval[];
  activityName: (activityId: string) => string;
  canApprove: boolean;
  onDecided: (request: PendingApproval, approved: boolean) => void;
}) {
  const userRef = useUserRef();
  const count = props.requests.length;
  return (
    <InfoCard
      title="Waiting for approval"
      subheader={`${count} request${
        count === 1 ? '' : 's'
      } that do not count until someone else approves them`}
    >
      <PendingRequestList
        requests={props.requests}
        activityName={props.activityName}
        mayDecide={() => props.canApprove}
        userRef={userRef}
        onDecided={props.onDecided}
      />
    </InfoCard>
  );
}
