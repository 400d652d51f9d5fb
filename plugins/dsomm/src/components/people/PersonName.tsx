import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useEntityPath } from '../scorecard/useEntityPath';
import { usePersonNames } from './PeopleProvider';
import { userRefKey } from './personName';

/**
 * A person by display name, linked to their catalog page, with the ref as the link's tooltip.
 * Anything that is not a User ref (a service's name) shows as it is.
 */
export function PersonName(props: { entityRef: string }) {
  const { entityRef } = props;
  const nameOf = usePersonNames([entityRef]);
  const entityPath = useEntityPath();
  if (!userRefKey(entityRef)) return <>{entityRef}</>;
  return (
    <Link to={entityPath(parseEntityRef(entityRef))} title={entityRef}>
      {nameOf(entityRef)}
    </Link>
  );
}
