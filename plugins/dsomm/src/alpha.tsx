import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import SecurityIcon from '@material-ui/icons/Security';
import { DsommClient, dsommApiRef } from './api';
import { rootRouteRef } from './routes';

const dsommApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: dsommApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DsommClient({ discoveryApi, fetchApi }),
    }),
});

// A page with a route ref, title and icon is what the app's sidebar lists: this version has no
// separate nav item blueprint. The page renders its own core-components header, so the
// framework's plugin header is turned off.
const dsommPage = PageBlueprint.make({
  params: {
    path: '/dsomm',
    routeRef: rootRouteRef,
    title: 'DSOMM',
    icon: <SecurityIcon />,
    noHeader: true,
    loader: () => import('./components/DsommPage').then(m => <m.DsommPage />),
  },
});

/**
 * The DSOMM frontend plugin, for apps on the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'dsomm',
  title: 'DSOMM',
  icon: <SecurityIcon />,
  routes: {
    root: rootRouteRef,
  },
  extensions: [dsommApi, dsommPage],
});
