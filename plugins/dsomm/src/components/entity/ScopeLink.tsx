import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { ORGANIZATION_SCOPE_REF } from '@dsomm/plugin-dsomm-common';
import { useScorecardPath } from '../common/useScorecardPath';
import { useEntityPath } from '../scorecard/useEntityPath';
import { scopeLabel } from './inheritance';

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
