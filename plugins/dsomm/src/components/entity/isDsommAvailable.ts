import { Entity } from '@backstage/catalog-model';

/**
 * Whether DSOMM has a score for the entity: the backend scores every `Component`.
 * Use it to show the DSOMM tab and card only where they have something to show.
 *
 * @public
 */
export function isDsommAvailable(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'component';
}
