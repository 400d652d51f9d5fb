import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ORGANIZATION_SCOPE_REF } from '@dsomm/plugin-dsomm-common';
import { normalizeRef, relationRef, systemRefOf } from '../scoring/entityFacts';

/** The scope ref of organisation-wide evidence: it applies to every component. */
export const ORGANIZATION_SCOPE = ORGANIZATION_SCOPE_REF;

/** Kinds of catalog entity that can carry evidence for the components below them. */
export const SCOPE_KINDS = ['group', 'system', 'domain'] as const;

/** A Group as the scope tree sees it. Refs are full and lower case. */
export interface ScopeGroup {
  ref: string;
  parent?: string;
  children: string[];
}

/** A System as the scope tree sees it. Refs are full and lower case. */
export interface ScopeSystem {
  ref: string;
  domain?: string;
  owner?: string;
}

/** What places a component in the tree: its owner and its system (full, lower-case refs). */
export interface ScopedComponent {
  owner?: string;
  system?: string;
}

export interface ScopeTreeOptions {
  /** Whether a group's evidence also reaches components owned by its descendant groups. */
  descendantGroups: boolean;
}

/**
 * Which components a scope applies to, as a filter on their owner and system, so it can run
 * against stored scores. `all` is the organisation; otherwise a component matches when its
 * owner is in `owners` or its system is in `systems`.
 */
export type ComponentsBelowQuery =
  | { all: true }
  | { all: false; owners: string[]; systems: string[] };

/** Groups, systems and domains indexed for the two questions scoring asks of them. */
export interface ScopeTree {
  readonly options: ScopeTreeOptions;
  /** group ref -> parent group refs (from its spec.parent and other groups' spec.children) */
  readonly parentsOf: ReadonlyMap<string, ReadonlySet<string>>;
  /** group ref -> child group refs (from its spec.children and other groups' spec.parent) */
  readonly childrenOf: ReadonlyMap<string, ReadonlySet<string>>;
  /** system ref -> domain ref */
  readonly domainOf: ReadonlyMap<string, string>;
  /** domain ref -> system refs */
  readonly systemsOf: ReadonlyMap<string, ReadonlySet<string>>;
}

function link(map: Map<string, Set<string>>, from: string, to: string) {
  let set = map.get(from);
  if (!set) {
    set = new Set();
    map.set(from, set);
  }
  set.add(to);
}

/** Indexes the catalog's groups and systems. Links may be given from either end. */
export function buildScopeTree(
  groups: Iterable<ScopeGroup>,
  systems: Iterable<ScopeSystem>,
  options: ScopeTreeOptions,
): ScopeTree {
  const parentsOf = new Map<string, Set<string>>();
  const childrenOf = new Map<string, Set<string>>();
  for (const group of groups) {
    if (group.parent && group.parent !== group.ref) {
      link(parentsOf, group.ref, group.parent);
      link(childrenOf, group.parent, group.ref);
    }
    for (const child of group.children) {
      if (child === group.ref) continue;
      link(childrenOf, group.ref, child);
      link(parentsOf, child, group.ref);
    }
  }
  const domainOf = new Map<string, string>();
  const systemsOf = new Map<string, Set<string>>();
  for (const system of systems) {
    if (!system.domain) continue;
    domainOf.set(system.ref, system.domain);
    link(systemsOf, system.domain, system.ref);
  }
  return { options, parentsOf, childrenOf, domainOf, systemsOf };
}

/** Every group reachable from `start` through `edges`, `start` included; safe on cycles. */
function reachable(
  start: string,
  edges: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  const seen = new Set([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const next of edges.get(queue[i]) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return queue;
}

/** The group itself and, when descendant inheritance is on, its ancestors, nearest first. */
export function groupAncestors(tree: ScopeTree, groupRef: string): string[] {
  return tree.options.descendantGroups
    ? reachable(groupRef, tree.parentsOf)
    : [groupRef];
}

/** The group itself and, when descendant inheritance is on, its descendants. */
export function groupDescendants(tree: ScopeTree, groupRef: string): string[] {
  return tree.options.descendantGroups
    ? reachable(groupRef, tree.childrenOf)
    : [groupRef];
}

function kindOf(ref: string): string {
  const colon = ref.indexOf(':');
  return colon < 0 ? '' : ref.slice(0, colon);
}

/** Whether evidence recorded on `ref` is inherited by the components below it. */
export function isScopeRef(ref: string): boolean {
  return (
    ref === ORGANIZATION_SCOPE ||
    (SCOPE_KINDS as readonly string[]).includes(kindOf(ref))
  );
}

/**
 * The scopes whose evidence applies to a component, nearest first: its owner group and (when
 * descendant inheritance is on) that group's ancestors, its system, its system's domain, and
 * the organisation last. Owners that are not groups (users) give no group scope.
 */
export function scopesAbove(
  tree: ScopeTree,
  component: ScopedComponent,
): string[] {
  const scopes: string[] = [];
  if (component.owner && kindOf(component.owner) === 'group') {
    scopes.push(...groupAncestors(tree, component.owner));
  }
  if (component.system) {
    scopes.push(component.system);
    const domain = tree.domainOf.get(component.system);
    if (domain) scopes.push(domain);
  }
  scopes.push(ORGANIZATION_SCOPE);
  return scopes;
}

/**
 * The components a scope applies to, as a query on owner and system: a Group's components are
 * those owned by it (and by its descendant groups when that is on), a System's those in it, a
 * Domain's those in its systems, the organisation's all of them. Other kinds reach none.
 */
export function componentsBelowQuery(
  tree: ScopeTree,
  scopeRef: string,
): ComponentsBelowQuery {
  if (scopeRef === ORGANIZATION_SCOPE) return { all: true };
  switch (kindOf(scopeRef)) {
    case 'group':
      return {
        all: false,
        owners: groupDescendants(tree, scopeRef),
        systems: [],
      };
    case 'system':
      return { all: false, owners: [], systems: [scopeRef] };
    case 'domain':
      return {
        all: false,
        owners: [],
        systems: [...(tree.systemsOf.get(scopeRef) ?? [])],
      };
    default:
      return { all: false, owners: [], systems: [] };
  }
}

/** Whether a component falls under a components-below query. */
export function matchesComponentsBelow(
  query: ComponentsBelowQuery,
  component: ScopedComponent,
): boolean {
  if (query.all) return true;
  return (
    (component.owner !== undefined && query.owners.includes(component.owner)) ||
    (component.system !== undefined && query.systems.includes(component.system))
  );
}

/** A catalog Group entity as a scope-tree group. */
export function scopeGroupOf(entity: Entity): ScopeGroup {
  const namespace = entity.metadata.namespace ?? 'default';
  const children = Array.isArray(entity.spec?.children)
    ? entity.spec!.children
    : [];
  return {
    ref: normalizeRef(stringifyEntityRef(entity)),
    parent: relationRef(entity.spec?.parent, 'group', namespace),
    children: children
      .map(child => relationRef(child, 'group', namespace))
      .filter((ref): ref is string => ref !== undefined),
  };
}

/** A catalog System entity as a scope-tree system. */
export function scopeSystemOf(entity: Entity): ScopeSystem {
  const namespace = entity.metadata.namespace ?? 'default';
  return {
    ref: normalizeRef(stringifyEntityRef(entity)),
    domain: relationRef(entity.spec?.domain, 'domain', namespace),
    owner: relationRef(entity.spec?.owner, 'group', namespace),
  };
}

/** A catalog Component (or other scored entity) placed in the scope tree. */
export function scopedComponentOf(entity: Entity): ScopedComponent {
  return {
    owner: relationRef(
      entity.spec?.owner,
      'group',
      entity.metadata.namespace ?? 'default',
    ),
    system: systemRefOf(entity),
  };
}
