import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { ORGANIZATION_SCOPE_REF } from '@dsomm/plugin-dsomm-common';
import { rootRouteRef } from '../../routes';
import { useEntityPath } from '../scorecard/useEntityPath';
import { scopeLabel } from './inheritance';

// The DSOMM page may be absent from an app that shows only the tab; useRouteRef then throws
// after calling its hooks, so catching keeps the hook order stable.
function useScorecardPath(): string {
  try {
    return useRouteRef(rootRouteRef)();
  } catch {
    return '/dsomm';
  }
}

/**
 * A link to where inherited evidence was recorded: the scope's catalog page (its DSOMM tab
 * lists the scope's evidence), or the DSOMM scorecard for organisation-wide evidence.
 */
export function ScopeLink(props: { scope: string }) {
  const { scope } = props;
  const entityPath = useEntityPath();
  const scorecardPath = useScorecardPath();
  const label = scopeLabel(scope);
  if (scope === ORGANIZATION_SCOPE_REF) {
    return <Link to={scorecardPath}>{label}</Link>;
  }
  let path: string | undefined;
  try {
    path = entityPath(parseEntityRef(scope));
  } catch {
    path = undefined;
  }
  return path ? <Link to={path}>{label}</Link> : <>{label}</>;
}
