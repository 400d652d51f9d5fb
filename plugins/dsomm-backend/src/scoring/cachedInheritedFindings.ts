import {
  ORGANIZATION_SCOPE_REF,
  ScopeFindings,
} from '@dsomm/plugin-dsomm-common';
import { ScopeIndex } from '../scopes/scopeFindings';
import { ScopedComponent, groupAncestors } from '../scopes/scopeTree';

/** What one scope index has worked out so far, by owner, by system and by both. */
interface Worked {
  byOwner: Map<string, ScopeFindings[]>;
  bySystem: Map<string, ScopeFindings[]>;
  /** owner ('' for none) -> system ('' for none) -> the list */
  byPlace: Map<string, Map<string, ScopeFindings[]>>;
}

const workedOut = new WeakMap<ScopeIndex, Worked>();

const NONE = Object.freeze([]) as unknown as ScopeFindings[];

/**
 * `inheritedFindings`, worked out once per owner and system of one scope index (e.g. one full
 * recompute's): the groups above a component depend only on its owner, and the system and
 * domain only on its system, while thousands of components share a few hundred of each.
 * Components in the same place get the same (frozen) list, so later steps may share work by
 * its identity. The cache lives as long as the index.
 */
export function cachedInheritedFindings(
  index: ScopeIndex,
  component: ScopedComponent,
): ScopeFindings[] {
  if (index.findings.size === 0) return NONE;
  let worked = workedOut.get(index);
  if (!worked) {
    worked = { byOwner: new Map(), bySystem: new Map(), byPlace: new Map() };
    workedOut.set(index, worked);
  }
  const { owner, system } = component;
  let ofOwner = worked.byPlace.get(owner ?? '');
  if (!ofOwner) {
    ofOwner = new Map();
    worked.byPlace.set(owner ?? '', ofOwner);
  }
  let found = ofOwner.get(system ?? '');
  if (!found) {
    found = Object.freeze([
      ...ownerPart(index, worked, owner),
      ...systemPart(index, worked, system),
      ...present(index, [ORGANIZATION_SCOPE_REF]),
    ]) as ScopeFindings[];
    ofOwner.set(system ?? '', found);
  }
  return found;
}

function ownerPart(
  index: ScopeIndex,
  worked: Worked,
  owner: string | undefined,
): ScopeFindings[] {
  // Owners that are not groups (users) give no group scope, as in scopesAbove.
  if (!owner || !owner.startsWith('group:')) return NONE;
  let part = worked.byOwner.get(owner);
  if (!part) {
    part = present(index, groupAncestors(index.tree, owner));
    worked.byOwner.set(owner, part);
  }
  return part;
}

function systemPart(
  index: ScopeIndex,
  worked: Worked,
  system: string | undefined,
): ScopeFindings[] {
  if (!system) return NONE;
  let part = worked.bySystem.get(system);
  if (!part) {
    const domain = index.tree.domainOf.get(system);
    part = present(index, domain ? [system, domain] : [system]);
    worked.bySystem.set(system, part);
  }
  return part;
}

/** The findings of those scopes that have any, in order. */
function present(index: ScopeIndex, scopes: string[]): ScopeFindings[] {
  const found: ScopeFindings[] = [];
  for (const scope of scopes) {
    const findings = index.findings.get(scope);
    if (findings) found.push(findings);
  }
  return found;
}
