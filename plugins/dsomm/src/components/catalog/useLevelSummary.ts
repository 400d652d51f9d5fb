import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { DsommApi, dsommApiRef } from '../../api';
import { isDsommAvailable } from '../entity/isDsommAvailable';
import { LevelSummaryLoader } from './LevelSummaryLoader';

// One loader per API instance, so every cell of every catalog table shares its batches.
const loaders = new WeakMap<DsommApi, LevelSummaryLoader>();

export function loaderFor(api: DsommApi): LevelSummaryLoader {
  let loader = loaders.get(api);
  if (!loader) {
    loader = new LevelSummaryLoader(refs => api.getLevelSummaries(refs));
    loaders.set(api, loader);
  }
  return loader;
}

/** The entity's level summary; entities DSOMM does not score are not asked for. */
export function useLevelSummary(entity: Entity) {
  const api = useApi(dsommApiRef);
  const scored = isDsommAvailable(entity);
  const ref = stringifyEntityRef(entity);
  const state = useAsync(
    async () => (scored ? loaderFor(api).load(ref) : undefined),
    [api, ref, scored],
  );
  return { ...state, scored };
}
