import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * The two catalog calls the plugin makes, served from memory in pages like the real
 * catalog's stream, so the benchmark measures the plugin and not a mock's filtering.
 */
export function fakeCatalog(
  entities: Entity[],
  pageSize = 500,
): CatalogService {
  const byRef = new Map(
    entities.map(e => [stringifyEntityRef(e).toLocaleLowerCase('en-US'), e]),
  );
  return {
    async *streamEntities(request?: { filter?: unknown }) {
      const filter = request?.filter as
        | { kind?: string | string[] }
        | undefined;
      const kinds = filter?.kind
        ? ([] as string[]).concat(filter.kind)
        : undefined;
      const matching = kinds
        ? entities.filter(e => kinds.includes(e.kind))
        : entities;
      for (let i = 0; i < matching.length; i += pageSize) {
        yield matching.slice(i, i + pageSize);
      }
    },
    async getEntityByRef(
      ref: string | { kind: string; namespace: string; name: string },
    ) {
      const key = typeof ref === 'string' ? ref : stringifyEntityRef(ref);
      return byRef.get(key.toLocaleLowerCase('en-US'));
    },
  } as unknown as CatalogService;
}
