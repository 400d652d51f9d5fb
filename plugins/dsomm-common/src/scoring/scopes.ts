import { EvidenceItem } from './types';

/** Scope ref of organisation-wide evidence, which applies to every component. */
export const ORGANIZATION_SCOPE_REF = 'organization';

/** What one scope (a Group, System, Domain or the organisation) says about its components. */
export interface ScopeFindings {
  /** Entity ref of the scope, or `organization`. */
  scope: string;
  evidence: EvidenceItem[];
  /** Activity ids the scope waives (its not-applicable annotation and live waivers). */
  notApplicable: string[];
}

/** A component's own findings, before inheritance. */
export interface OwnFindings {
  evidence: EvidenceItem[];
  notApplicable: string[];
}

/**
 * The evidence item as inherited from `scope`: the same item with its scope recorded, so it
 * keeps its provenance (scope, who recorded it, when, expiry). Items already tagged with that
 * scope are returned as they are, so callers can tag once and share them across components.
 */
export function inheritedEvidence(
  scope: string,
  item: EvidenceItem,
): EvidenceItem {
  if (item.scope === scope) return item;
  return Object.freeze({ ...item, scope });
}

/**
 * Merges a component's own findings with those of the scopes above it:
 * - the component's own not-applicable wins (it stays in the list, and scoring lets it win
 *   over evidence);
 * - evidence from any scope counts, each item tagged with its scope;
 * - a scope's not-applicable applies unless the component has evidence of its own for the
 *   activity.
 * Pure: the own lists are not changed and come first in the result.
 */
export function mergeScopedFindings(
  own: OwnFindings,
  scopes: readonly ScopeFindings[],
): OwnFindings {
  const inherited = inheritedOf(scopes);
  if (inherited === undefined) return own;
  const evidence = own.evidence.concat(inherited);
  let notApplicable = own.notApplicable;
  let ownNa: Set<string> | undefined;
  let withOwnEvidence: Set<string> | undefined;
  for (const found of scopes) {
    for (const activityId of found.notApplicable) {
      if (!ownNa) {
        ownNa = new Set(own.notApplicable);
        notApplicable = own.notApplicable.slice();
      }
      withOwnEvidence ??= new Set(own.evidence.map(e => e.activityId));
      if (!withOwnEvidence.has(activityId) && !ownNa.has(activityId)) {
        ownNa.add(activityId);
        notApplicable.push(activityId);
      }
    }
  }
  return {
    evidence,
    notApplicable: ownNa ? notApplicable : own.notApplicable.slice(),
  };
}

/**
 * The scopes' evidence, tagged, in scope order; undefined when the scopes say nothing at all.
 * A frozen list of scopes (e.g. one shared by every component in the same place during a
 * recompute) is taken as unchanging, findings included, and its result is kept with it.
 */
const inheritedByScopes = new WeakMap<
  readonly ScopeFindings[],
  EvidenceItem[] | undefined
>();
function inheritedOf(
  scopes: readonly ScopeFindings[],
): EvidenceItem[] | undefined {
  const frozen = Object.isFrozen(scopes);
  if (frozen && inheritedByScopes.has(scopes)) {
    return inheritedByScopes.get(scopes);
  }
  let said = false;
  const evidence: EvidenceItem[] = [];
  for (const found of scopes) {
    if (found.evidence.length + found.notApplicable.length > 0) said = true;
    for (const item of found.evidence) {
      evidence.push(inheritedEvidence(found.scope, item));
    }
  }
  const result = said ? evidence : undefined;
  if (frozen) inheritedByScopes.set(scopes, result);
  return result;
}
