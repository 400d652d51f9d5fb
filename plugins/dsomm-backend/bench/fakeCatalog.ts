import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SyntheticOrg } from './syntheticOrg';

/**
 * The catalog calls the plugin makes, served from a synthetic org in pages like the real
 * catalog's stream. Pages are made as they are read, so the org's size does not weigh on
 * the benchmark's memory.
 */
export function fakeCatalog(org: SyntheticOrg, pageSize = 500): CatalogService {
  const componentIndex = (name: string) => {
    const match = /^svc-(\d+)$/.exec(name);
    const i = match ? Number(match[1]) : -1;
    return i >= 0 && i < org.size ? i : undefined;
  };
  const others: Record<string, Entity[]> = {
    group: org.groups,
    system: org.systems,
    domain: org.domains,
  };
  const byRef = (
    ref: string | { kind: string; namespace: string; name: string },
  ): Entity | undefined => {
    const { kind, namespace, name } =
      typeof ref === 'string' ? parseEntityRef(ref) : ref;
    if (namespace.toLocaleLowerCase('en-US') !== 'default') return undefined;
    const lowerKind = kind.toLocaleLowerCase('en-US');
    if (others[lowerKind]) {
      return others[lowerKind].find(
        e => e.metadata.name === name.toLowerCase(),
      );
    }
    if (lowerKind !== 'component') return undefined;
    const i = componentIndex(name.toLowerCase());
    return i === undefined ? undefined : org.component(i);
  };
  return {
    async *streamEntities(request?: { filter?: unknown }) {
      const filter = request?.filter as
        | { kind?: string | string[] }
        | undefined;
      const kinds = filter?.kind
        ? ([] as string[]).concat(filter.kind)
        : ['Group', 'System', 'Domain', 'Component'];
      for (const [kind, list] of [
        ['Group', org.groups],
        ['System', org.systems],
        ['Domain', org.domains],
      ] as const) {
        if (!kinds.includes(kind)) continue;
        for (let i = 0; i < list.length; i += pageSize) {
          yield list.slice(i, i + pageSize);
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
      return byRef(ref);
    },
    async getEntitiesByRefs(request: { entityRefs: string[] }) {
      return { items: request.entityRefs.map(ref => byRef(ref)) };
    },
  } as unknown as CatalogService;
}
