import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  CatalogFilterBlueprint,
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import SecurityIcon from '@material-ui/icons/Security';
import { DsommClient, dsommApiRef } from './api';
import { isDsommAvailable } from './components/entity/isDsommAvailable';
import { isDsommRollupAvailable } from './components/rollup/isDsommRollupAvailable';
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
// separate nav item blueprint. The app draws its standard plugin header (title and icon) above
// the page, as on other new-frontend-system pages; the page adds its title and subtitle.
const dsommPage = PageBlueprint.make({
  params: {
    path: '/dsomm',
    routeRef: rootRouteRef,
    title: 'DSOMM',
    icon: <SecurityIcon />,
    loader: () =>
      import('./components/DsommPage/DsommPageContent').then(m => (
        <m.DsommPageContent />
      )),
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

// The DSOMM tab of Group, System and Domain pages: the roll-up of the components below and
// the team assessment matrix. Its own extension, as a tab's filter is one function.
const dsommRollupContent = EntityContentBlueprint.make({
  name: 'rollup',
  params: {
    path: 'dsomm',
    title: 'DSOMM',
    filter: isDsommRollupAvailable,
    loader: () =>
      import('./components/rollup/EntityDsommRollupContent').then(m => (
        <m.EntityDsommRollupContent />
      )),
  },
});

// The roll-up card on the overview of Groups, Systems and Domains; it links to the tab above.
const dsommRollupCard = EntityCardBlueprint.make({
  name: 'rollup',
  params: {
    filter: isDsommRollupAvailable,
    loader: () =>
      import('./components/rollup/EntityDsommRollupCard').then(m => (
        <m.EntityDsommRollupCard />
      )),
  },
});

// "DSOMM: below target" among the catalog page's filters. The installed catalog page has no
// input for table columns: an app adds createDsommLevelColumn() by overriding the page (see
// README, "Catalog integration").
const dsommBelowTargetFilter = CatalogFilterBlueprint.make({
  name: 'below-target',
  params: {
    loader: () =>
      import('./components/catalog/DsommBelowTargetPicker').then(m => (
        <m.DsommBelowTargetPicker />
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
  extensions: [
    dsommApi,
    dsommPage,
    dsommEntityContent,
    dsommEntityCard,
    dsommRollupContent,
    dsommRollupCard,
    dsommBelowTargetFilter,
  ],
});

export { createDsommLevelColumn } from './components/catalog/createDsommLevelColumn';
