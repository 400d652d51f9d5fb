import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  DefaultEntityFilters,
  EntityFilter,
} from '@backstage/plugin-catalog-react';

/**
 * Up to this many names, the filter also narrows the catalog query by name, so that a paged
 * catalog table fills its pages with matching entities; beyond, a long query string would
 * cost more than it saves and only the loaded rows are filtered.
 */
export const NAME_QUERY_LIMIT = 100;

/** The query parameter (`filters[dsommBelowTarget]=true`) and the filter's key. */
export const BELOW_TARGET_FILTER_KEY = 'dsommBelowTarget';

/**
 * Keeps the catalog entities that DSOMM scores below their target, given the set of such refs
 * (lower case, as the backend answers them).
 *
 * @public
 */
export class DsommBelowTargetFilter implements EntityFilter {
  constructor(readonly entityRefs: ReadonlySet<string>) {}

  filterEntity(entity: Entity): boolean {
    return this.entityRefs.has(
      stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
    );
  }

  getCatalogFilters(): Record<string, string[]> {
    if (this.entityRefs.size === 0 || this.entityRefs.size > NAME_QUERY_LIMIT) {
      return {};
    }
    const names = new Set(
      [...this.entityRefs].map(ref => ref.slice(ref.indexOf('/') + 1)),
    );
    return { 'metadata.name': [...names] };
  }

  toQueryValue(): string {
    return 'true';
  }
}

/**
 * The catalog's filters with this plugin's, for `useEntityList<DsommCatalogFilters>()`.
 *
 * @public
 */
export type DsommCatalogFilters = DefaultEntityFilters & {
  // The key spelled out (BELOW_TARGET_FILTER_KEY) so the public type names no internal constant.
  dsommBelowTarget?: DsommBelowTargetFilter;
};
