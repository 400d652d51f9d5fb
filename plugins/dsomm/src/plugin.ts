import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { JSX } from 'react';
import { DsommClient, dsommApiRef } from './api';
import { entityContentRouteRef, rootRouteRef } from './routes';

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
    entityContent: entityContentRouteRef,
  },
});

/**
 * The organisation-wide DSOMM page.
 *
 * @public
 */
export const DsommPage: () => JSX.Element = dsommPlugin.provide(
  createRoutableExtension({
    name: 'DsommPage',
    component: () => import('./components/DsommPage').then(m => m.DsommPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The DSOMM tab of an entity page, e.g.
 * `<EntityLayout.Route path="/dsomm" title="DSOMM" if={isDsommAvailable}><EntityDsommContent /></EntityLayout.Route>`.
 *
 * @public
 */
export const EntityDsommContent: (props: {
  /** Days of score history to show; 90 by default. */
  historyDays?: number;
}) => JSX.Element = dsommPlugin.provide(
  createRoutableExtension({
    name: 'EntityDsommContent',
    component: () =>
      import('./components/entity/EntityDsommContent').then(
        m => m.EntityDsommContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);

/**
 * A card for an entity's overview page: level against target, score and the top next step.
 * Its link expects the DSOMM tab at `dsomm` next to the overview; `tabLink` changes that.
 *
 * @public
 */
export const EntityDsommCard: (props: {
  /** Link to the DSOMM tab, relative to the overview page; `dsomm` by default. */
  tabLink?: string;
}) => JSX.Element = dsommPlugin.provide(
  createComponentExtension({
    name: 'EntityDsommCard',
    component: {
      lazy: () =>
        import('./components/entity/EntityDsommCard').then(
          m => m.EntityDsommCard,
        ),
    },
  }),
);

/**
 * The DSOMM tab of a Group, System or Domain page: the roll-up of the components below it and
 * the team assessment matrix, e.g.
 * `<EntityLayout.Route path="/dsomm" title="DSOMM" if={isDsommRollupAvailable}><EntityDsommRollupContent /></EntityLayout.Route>`.
 *
 * @public
 */
export const EntityDsommRollupContent: () => JSX.Element = dsommPlugin.provide(
  createComponentExtension({
    name: 'EntityDsommRollupContent',
    component: {
      lazy: () =>
        import('./components/rollup/EntityDsommRollupContent').then(
          m => m.EntityDsommRollupContent,
        ),
    },
  }),
);

/**
 * A card for the overview of a Group, System or Domain: how many components below meet their
 * target and the activity most of them miss. Its link expects the DSOMM tab at `dsomm`.
 *
 * @public
 */
export const EntityDsommRollupCard: (props: {
  /** Link to the DSOMM tab, relative to the overview page; `dsomm` by default. */
  tabLink?: string;
}) => JSX.Element = dsommPlugin.provide(
  createComponentExtension({
    name: 'EntityDsommRollupCard',
    component: {
      lazy: () =>
        import('./components/rollup/EntityDsommRollupCard').then(
          m => m.EntityDsommRollupCard,
        ),
    },
  }),
);
