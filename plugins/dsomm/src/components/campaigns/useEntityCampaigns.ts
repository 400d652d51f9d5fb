import { useApi } from '@backstage/core-plugin-api';
import { EntityCampaign } from '@dsomm/plugin-dsomm-common';
import useAsync from 'react-use/esm/useAsync';
import { dsommApiRef } from '../../api';

const NONE: EntityCampaign[] = [];

/**
 * The live campaigns that concern an entity, or none while they load or when the call fails:
 * they are a side note on the DSOMM tab, which must not turn into an error over the score. A
 * backend without `?entity=` answers campaigns without `here`; those are left out too.
 */
export function useEntityCampaigns(refKey: string): EntityCampaign[] {
  const dsommApi = useApi(dsommApiRef);
  const { value } = useAsync(
    async () => dsommApi.getEntityCampaigns(refKey),
    [dsommApi, refKey],
  );
  return value?.filter(c => c.here !== undefined) ?? NONE;
}
