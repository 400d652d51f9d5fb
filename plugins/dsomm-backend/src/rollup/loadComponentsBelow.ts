import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ComponentsBelowQuery,
  ScopeGroup,
  ScopeSystem,
  ScopeTreeOptions,
  buildScopeTree,
  componentsBelowQuery,
  scopeGroupOf,
  scopeSystemOf,
} from '../scopes/scopeTree';

async function readAll(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  kind: string,
  fields: string[],
): Promise<Entity[]> {
  const entities: Entity[] = [];
  for await (const page of catalog.streamEntities(
    {
      filter: { kind },
      fields: ['kind', 'metadata.name', 'metadata.namespace', ...fields],
    },
    { credentials },
  )) {
    entities.push(...page);
  }
  return entities;
}

/**
 * Which components a Group, System or Domain reaches, read from the catalog: a group needs
 * the group tree, a domain its systems, a system nothing more.
 */
export async function loadComponentsBelow(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  scopeRef: string,
  options: ScopeTreeOptions,
): Promise<ComponentsBelowQuery> {
  const kind = scopeRef.slice(0, scopeRef.indexOf(':'));
  let groups: ScopeGroup[] = [];
  let systems: ScopeSystem[] = [];
  if (kind === 'group' && options.descendantGroups) {
    groups = (
      await readAll(catalog, credentials, 'Group', [
        'spec.parent',
        'spec.children',
      ])
    ).map(scopeGroupOf);
  } else if (kind === 'domain') {
    systems = (
      await readAll(catalog, credentials, 'System', [
        'spec.domain',
        'spec.owner',
      ])
    ).map(scopeSystemOf);
  }
  return componentsBelowQuery(
    buildScopeTree(groups, systems, options),
    scopeRef,
  );
}
