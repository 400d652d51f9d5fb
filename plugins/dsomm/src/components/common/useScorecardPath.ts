import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../../routes';

// The DSOMM page may be absent from an app that shows only the tab; useRouteRef then throws
// after calling its hooks, so catching keeps the hook order stable.
/** The path of the DSOMM page, `/dsomm` when the app does not mount it. */
export function useScorecardPath(): string {
  try {
    return useRouteRef(rootRouteRef)();
  } catch {
    return '/dsomm';
  }
}

/** The path of the campaigns list, or of one campaign's view when given its id. */
export function useCampaignsPath(): (id?: string) => string {
  const root = useScorecardPath().replace(/\/$/, '');
  return id =>
    id === undefined
      ? `${root}/campaigns`
      : `${root}/campaigns/${encodeURIComponent(id)}`;
}
