import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SyntheticOrg } from './syntheticOrg';

/**
 * The two catalog calls the plugin makes, served from a synthetic org in pages like the real
 * catalog's stream. Pages are made as they are read, so the org's size does not weigh on
 * the benchmark's memory.
 */
export function fakeCatalog(org: SyntheticOrg, pageSize = 500): CatalogService {
  const componentIndex = (name: string) => {
    const match = /^svc-(\d+)$/.exec(name);
    const i = match ? Number(match[1]) : -1;
    return i >= 0 && i < org.size ? i : undefined;
  };
  return {
    async *streamEntities(request?: { filter?: unknown }) {
      const filter = request?.filter as
        | { kind?: string | string[] }
        | undefined;
      const kinds = filter?.kind
        ? ([] as string[]).concat(filter.kind)
        : ['System', 'Component'];
      if (kinds.includes('System')) {
        for (let i = 0; i < org.systems.length; i += pageSize) {
          yield org.systems.slice(i, i + pageSize);
        }
      }
      if (kinds.includes('Component')) {
        for (let i = 0; i < org.size; i += pageSize) {
          const page: Entity[] = [];
          for (let j = i; j < Math.min(org.size, i + pageSize); j++) {
            page.push(org.component(j));
          }
          yield page;
        }
      }
    },
    async getEntityByRef(
      ref: string | { kind: string; namespace: string; name: string },
    ) {
      const { kind, namespace, name } =
        typeof ref === 'string' ? parseEntityRef(ref) : ref;
      if (namespace.toLocaleLowerCase('en-US') !== 'default') return undefined;
      if (kind.toLocaleLowerCase('en-US') === 'system') {
        return org.systems.find(s => s.metadata.name === name.toLowerCase());
      }
      if (kind.toLocaleLowerCase('en-US') !== 'component') return undefined;
      const i = componentIndex(name.toLowerCase());
      return i === undefined ? undefined : org.component(i);
    },
  } as unknown as CatalogService;
}
