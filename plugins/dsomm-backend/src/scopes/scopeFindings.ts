import { Entity } from '@backstage/catalog-model';
import {
  EvidenceItem,
  ModelIndex,
  ORGANIZATION_SCOPE_REF,
  ScopeFindings,
  Waiver,
  inheritedEvidence,
} from '@dsomm/plugin-dsomm-common';
import { readAnnotations } from '../evidence/annotations';
import { ScopeTree, ScopedComponent, scopesAbove } from './scopeTree';

/** What scoring needs of the scopes: the tree, and what each scope with findings says. */
export interface ScopeIndex {
  tree: ScopeTree;
  /** Scope ref -> its findings; scopes without any are absent. */
  findings: ReadonlyMap<string, ScopeFindings>;
}

const isLive = (expiresAt: string | undefined, now: Date) =>
  expiresAt === undefined || Date.parse(expiresAt) > now.getTime();

/**
 * The findings of one Group, System or Domain: its implemented and not-applicable annotations
 * (the configured annotation rules are about components, so only these two), its stored
 * attestations and its live waivers. Items are tagged with the scope once, here, and then
 * shared by every component below. Pure.
 */
export function scopeFindingsOf(input: {
  scopeRef: string;
  entity?: Entity;
  evidence: EvidenceItem[];
  waivers: Waiver[];
  /** Needed only with an entity, to resolve its annotations' keys. */
  index?: ModelIndex;
  now: Date;
  annotationsFirstSeen?: ReadonlyMap<string, string>;
}): ScopeFindings {
  const { scopeRef, now } = input;
  const annotations =
    input.entity && input.index
      ? readAnnotations(
          input.entity,
          input.index,
          [],
          now,
          input.annotationsFirstSeen,
        )
      : { evidence: [], notApplicable: [] };
  return {
    scope: scopeRef,
    evidence: [...annotations.evidence, ...input.evidence].map(item =>
      inheritedEvidence(scopeRef, item),
    ),
    notApplicable: [
      ...annotations.notApplicable,
      ...input.waivers
        .filter(w => isLive(w.expiresAt, now))
        .map(w => w.activityId),
    ],
  };
}

/**
 * The organisation's findings: the activities config lists as implemented or not applicable,
 * and the attestations and waivers recorded for it. Config evidence counts as observed when
 * scoring runs (`configObservedAt`, else `now`): it holds for as long as config lists it.
 */
export function organizationFindings(input: {
  implemented: string[];
  notApplicable: string[];
  evidence: EvidenceItem[];
  waivers: Waiver[];
  now: Date;
  configObservedAt?: string;
}): ScopeFindings {
  const observedAt = input.configObservedAt ?? input.now.toISOString();
  const details = Object.freeze({
    summary: 'Listed in the dsomm.organization.implemented config',
  });
  const configured: EvidenceItem[] = input.implemented.map(activityId => ({
    activityId,
    source: 'annotation',
    observedAt,
    details,
  }));
  const found = scopeFindingsOf({
    scopeRef: ORGANIZATION_SCOPE_REF,
    evidence: [...configured, ...input.evidence],
    waivers: input.waivers,
    now: input.now,
  });
  return {
    ...found,
    notApplicable: [...input.notApplicable, ...found.notApplicable],
  };
}

/** The findings of the scopes above a component, nearest first; scopes without any left out. */
export function inheritedFindings(
  index: ScopeIndex,
  component: ScopedComponent,
): ScopeFindings[] {
  if (index.findings.size === 0) return [];
  const found: ScopeFindings[] = [];
  for (const scope of scopesAbove(index.tree, component)) {
    const findings = index.findings.get(scope);
    if (findings) found.push(findings);
  }
  return found;
}
