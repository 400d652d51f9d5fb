import { useCallback } from 'react';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';

// useRouteRef throws when no catalog entity page is mounted; it calls all its hooks before
// throwing, so catching keeps the hook order stable.
function useEntityRoute() {
  try {
    return useRouteRef(entityRouteRef);
  } catch {
    return undefined;
  }
}

/**
 * A function giving the path of an entity's catalog page: through the catalog's entity route
 * when the app has one, else the catalog's usual `/catalog/:namespace/:kind/:name`.
 */
export function useEntityPath(): (entity: CompoundEntityRef) => string {
  const entityRoute = useEntityRoute();
  return useCallback(
    (entity: CompoundEntityRef) => {
      const params = entityRouteParams(entity, { encodeParams: true });
      return entityRoute
        ? entityRoute(params)
        : `/catalog/${params.namespace}/${params.kind}/${params.name}`;
    },
    [entityRoute],
  );
}
