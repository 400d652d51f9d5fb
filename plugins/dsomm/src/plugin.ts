import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { DsommClient, dsommApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The DSOMM frontend plugin, for apps on the legacy frontend system.
 *
 * @public
 */
export const dsommPlugin = createPlugin({
  id: 'dsomm',
  apis: [
    createApiFactory({
      api: dsommApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DsommClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The organisation-wide DSOMM page.
 *
 * @public
 */
export const DsommPage = dsommPlugin.provide(
  createRoutableExtension({
    name: 'DsommPage',
    component: () => import('./components/DsommPage').then(m => m.DsommPage),
    mountPoint: rootRouteRef,
  }),
);
