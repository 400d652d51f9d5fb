import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dsommApiRef } from '../../api';

/** The current entity's ref and its roll-up, reloadable after recording evidence. */
export function useRollup() {
  const { entity } = useEntity();
  const api = useApi(dsommApiRef);
  const refKey = stringifyEntityRef(entity);
  // Stable while the entity stays the same, so the loader runs once per entity.
  const ref = useMemo(() => parseEntityRef(refKey), [refKey]);
  const rollup = useAsyncRetry(() => api.getRollup(ref), [api, ref]);
  return { api, ref, refKey, rollup };
}
