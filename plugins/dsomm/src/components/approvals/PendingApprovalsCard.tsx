import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dsommApiRef } from '../../api';
import { activityLookup } from '../entity/activityRows';
import { PeopleProvider } from '../people/PeopleProvider';
import { PendingRequestList } from './PendingRequestList';
import { useUserRef } from './useUserRef';

/**
 * The approvers' list on the DSOMM page: every pending waiver and attestation the user may
 * decide, with links to the entities. Shows nothing when there is none, so the page looks as
 * before where approvals are not used.
 */
export function PendingApprovalsCard() {
  const api = useApi(dsommApiRef);
  const approvals = useAsyncRetry(() => api.getPendingApprovals(), [api]);
  const model = useAsync(() => api.getModel(), [api]);
  const lookup = useMemo(() => activityLookup(model.value), [model.value]);
  const userRef = useUserRef();
  if (approvals.error) {
    return <ResponseErrorPanel error={approvals.error} />;
  }
  const requests = approvals.value?.requests ?? [];
  if (requests.length === 0) return null;
  return (
    <PeopleProvider>
      <InfoCard
        title="Pending approvals"
        subheader={`${requests.length} waiting for your decision`}
      >
        <PendingRequestList
          requests={requests}
          activityName={id => lookup(id).name}
          // The backend lists only what the user may decide.
          mayDecide={() => true}
          userRef={userRef}
          showEntity
          onDecided={() => approvals.retry()}
        />
      </InfoCard>
    </PeopleProvider>
  );
}
