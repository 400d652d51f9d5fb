import { parseEntityRef } from '@backstage/catalog-model';
import {
  EvidenceItem,
  ORGANIZATION_SCOPE_REF,
} from '@dsomm/plugin-dsomm-common';
import { ActivityRow } from './activityRows';
import { isPast } from './format';

/** Which evidence an activity list shows: all, the component's own, or inherited. */
export type EvidenceOrigin = '' | 'own' | 'inherited';

/** Whether an evidence item comes from a scope above the component. */
export function isInherited(item: EvidenceItem): boolean {
  return item.scope !== undefined && item.scope !== '';
}

/**
 * A scope as people read it: `group team-payments`, `system other/billing` outside the
 * default namespace, `the organisation` for organisation-wide evidence.
 */
export function scopeLabel(scope: string): string {
  if (scope === ORGANIZATION_SCOPE_REF) return 'the organisation';
  try {
    const ref = parseEntityRef(scope);
    const name =
      ref.namespace === 'default' ? ref.name : `${ref.namespace}/${ref.name}`;
    return `${ref.kind.toLocaleLowerCase('en-US')} ${name}`;
  } catch {
    // Not an entity ref: show it as the backend gave it rather than hide it.
    return scope;
  }
}

function counts(item: EvidenceItem, now: number): boolean {
  return !isPast(item.expiresAt, now);
}

/** Whether the row has evidence of the component's own, or a waiver of its own. */
export function hasOwn(row: ActivityRow): boolean {
  return row.waivers.length > 0 || row.evidence.some(e => !isInherited(e));
}

/** Whether the row has evidence inherited from a scope. */
export function hasInherited(row: ActivityRow): boolean {
  return row.evidence.some(isInherited);
}

/** Whether the row passes the evidence-origin filter. */
export function matchesOrigin(row: ActivityRow, origin: EvidenceOrigin) {
  if (origin === 'own') return hasOwn(row);
  if (origin === 'inherited') return hasInherited(row);
  return true;
}

export interface InheritanceSummary {
  /** Implemented activities. */
  implemented: number;
  /** Implemented activities that only scopes prove (no live evidence of the component's own). */
  inherited: number;
  /**
   * Per scope, how many of the inherited activities it proves, most first. An activity two
   * scopes prove counts for both.
   */
  byScope: { scope: string; count: number }[];
}

/**
 * How many implemented activities the component owes to its scopes. An activity with live
 * evidence of its own is the component's own even when a scope proves it too: it would stay
 * implemented without the scope.
 */
export function inheritanceSummary(
  rows: ActivityRow[],
  now = Date.now(),
): InheritanceSummary {
  let implemented = 0;
  let inherited = 0;
  const byScope = new Map<string, number>();
  for (const row of rows) {
    if (row.status !== 'implemented') continue;
    implemented += 1;
    const live = row.evidence.filter(e => counts(e, now));
    if (live.some(e => !isInherited(e))) continue;
    const scopes = new Set(
      live.filter(isInherited).map(e => e.scope as string),
    );
    if (scopes.size === 0) continue;
    inherited += 1;
    for (const scope of scopes) {
      byScope.set(scope, (byScope.get(scope) ?? 0) + 1);
    }
  }
  return {
    implemented,
    inherited,
    byScope: Array.from(byScope, ([scope, count]) => ({ scope, count })).sort(
      (a, b) => b.count - a.count || a.scope.localeCompare(b.scope),
    ),
  };
}

/** The summary in one sentence, e.g. `42 of 57 implemented activities are inherited: ...`. */
export function inheritanceSentence(summary: InheritanceSummary): string {
  const { implemented, inherited, byScope } = summary;
  if (implemented === 0) return 'No activity is implemented yet.';
  if (inherited === 0) {
    return `All ${implemented} implemented ${
      implemented === 1 ? 'activity is' : 'activities are'
    } the component's own; none is inherited from a team, system, domain or the organisation.`;
  }
  const parts = byScope.map(s => `${s.count} from ${scopeLabel(s.scope)}`);
  return `${inherited} of ${implemented} implemented ${
    implemented === 1 ? 'activity is' : 'activities are'
  } inherited: ${parts.join(', ')}.`;
}
