import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * Route of the DSOMM page. Legacy route refs implement the new frontend system's route ref
 * too, so the same ref serves both `plugin.ts` and `alpha.tsx`.
 */
export const rootRouteRef = createRouteRef({
  id: 'dsomm',
});

/** Route of the DSOMM tab on an entity page. */
export const entityContentRouteRef = createRouteRef({
  id: 'dsomm:entity-content',
});
