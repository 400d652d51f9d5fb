import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import SecurityIcon from '@material-ui/icons/Security';
import { DsommClient, dsommApiRef } from './api';
import { isDsommAvailable } from './components/entity/isDsommAvailable';
import { entityContentRouteRef, rootRouteRef } from './routes';

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

// The DSOMM tab of Component pages (the backend scores Components only).
const dsommEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'dsomm',
    title: 'DSOMM',
    routeRef: entityContentRouteRef,
    filter: isDsommAvailable,
    loader: () =>
      import('./components/entity/EntityDsommContent').then(m => (
        <m.EntityDsommContent />
      )),
  },
});

// The summary card on the overview page of Components; it links to the tab above.
const dsommEntityCard = EntityCardBlueprint.make({
  params: {
    filter: isDsommAvailable,
    loader: () =>
      import('./components/entity/EntityDsommCard').then(m => (
        <m.EntityDsommCard />
      )),
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
    entityContent: entityContentRouteRef,
  },
  extensions: [dsommApi, dsommPage, dsommEntityContent, dsommEntityCard],
});
