import { createApiRef } from '@backstage/core-plugin-api';
import { DsommModel } from '@dsomm/plugin-dsomm-common';

/**
 * Client for the DSOMM backend plugin.
 *
 * @public
 */
export interface DsommApi {
  /** The DSOMM model the backend is configured with. */
  getModel(): Promise<DsommModel>;
}

/**
 * Reference to the {@link DsommApi}.
 *
 * @public
 */
export const dsommApiRef = createApiRef<DsommApi>({
  id: 'plugin.dsomm.service',
});
