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
  if (scopes.every(s => s.evidence.length + s.notApplicable.length === 0)) {
    return own;
  }
  const evidence = own.evidence.slice();
  const notApplicable = own.notApplicable.slice();
  const ownNa = new Set(own.notApplicable);
  let withOwnEvidence: Set<string> | undefined;
  for (const found of scopes) {
    for (const item of found.evidence) {
      evidence.push(inheritedEvidence(found.scope, item));
    }
    for (const activityId of found.notApplicable) {
      withOwnEvidence ??= new Set(own.evidence.map(e => e.activityId));
      if (!withOwnEvidence.has(activityId) && !ownNa.has(activityId)) {
        ownNa.add(activityId);
        notApplicable.push(activityId);
      }
    }
  }
  return { evidence, notApplicable };
}
