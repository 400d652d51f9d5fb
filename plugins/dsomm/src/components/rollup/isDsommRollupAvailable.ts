import { Entity } from '@backstage/catalog-model';
import { ROLLUP_KINDS } from '@dsomm/plugin-dsomm-common';

/**
 * Whether DSOMM has a roll-up for the entity: Groups, Systems and Domains, whose components
 * inherit their evidence. Use it to show the roll-up tab and card.
 *
 * @public
 */
export function isDsommRollupAvailable(entity: Entity): boolean {
  return (ROLLUP_KINDS as readonly string[]).includes(
    entity.kind.toLocaleLowerCase('en-US'),
  );
}
