import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { dsommApiRef } from '../../api';
import { ActivityNames, activityNamesOf } from './campaignText';

/** Activity names from the model; ids stand in until it loads or if it fails. */
export function useActivityNames(): ActivityNames {
  const dsommApi = useApi(dsommApiRef);
  const { value } = useAsync(async () => dsommApi.getModel(), [dsommApi]);
  return activityNamesOf(value?.activities ?? []);
}
