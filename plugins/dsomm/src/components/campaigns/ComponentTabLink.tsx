import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { DSOMM_TAB_PATH, refLabel } from '../scorecard/format';
import { useEntityPath } from '../scorecard/useEntityPath';

/** A link to a component's DSOMM tab, or its ref as text when it is not a valid ref. */
export function ComponentTabLink(props: { entityRef: string }) {
  const entityPath = useEntityPath();
  let path: string;
  try {
    path = `${entityPath(parseEntityRef(props.entityRef))}/${DSOMM_TAB_PATH}`;
  } catch {
    return <>{props.entityRef}</>;
  }
  return <Link to={path}>{refLabel(props.entityRef, 'component')}</Link>;
}
