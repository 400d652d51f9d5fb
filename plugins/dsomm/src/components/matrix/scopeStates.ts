import {
  ProgressStateEntry,
  ScopeRollupResponse,
} from '@dsomm/plugin-dsomm-common';

/** An activity's state at a scope, from the scope's own evidence only. */
export type ScopeActivityState = 'implemented' | 'not-applicable' | 'not-set';

/** Where a scope's state for an activity comes from, for the matrix's tooltip. */
export interface ScopeActivityInfo {
  state: ScopeActivityState;
  source?: string;
  /** Who recorded the attestation or waiver behind the state (a User ref). */
  actor?: string;
}

/**
 * The source in words with the actor by display name and ref, e.g. "attested by Alice Example
 * (user:default/alice)".
 */
export function sourceText(
  info: ScopeActivityInfo,
  nameOf: (ref: string) => string,
): string | undefined {
  if (!info.source || !info.actor) return info.source;
  const name = nameOf(info.actor);
  return info.source.replace(
    info.actor,
    name === info.actor ? name : `${name} (${info.actor})`,
  );
}

/**
 * Each activity's state at the scope. An activity the scope marks both ways counts as not
 * applicable, as a component's own not-applicable wins over its evidence; expired records
 * do not count.
 */
export function scopeActivityStates(
  scope: ScopeRollupResponse['scope'],
  now: number = Date.now(),
): Map<string, ScopeActivityInfo> {
  const live = (expiresAt?: string) =>
    !expiresAt || Date.parse(expiresAt) > now;
  const states = new Map<string, ScopeActivityInfo>();
  for (const id of scope.annotations.implemented) {
    states.set(id, { state: 'implemented', source: 'annotation' });
  }
  for (const attestation of scope.attestations) {
    if (live(attestation.expiresAt) && !states.has(attestation.activityId)) {
      states.set(attestation.activityId, {
        state: 'implemented',
        source: `attested by ${attestation.attestedBy}`,
        actor: attestation.attestedBy,
      });
    }
  }
  for (const id of scope.annotations.notApplicable) {
    states.set(id, { state: 'not-applicable', source: 'annotation' });
  }
  for (const waiver of scope.waivers) {
    if (live(waiver.expiresAt)) {
      states.set(waiver.activityId, {
        state: 'not-applicable',
        source: `waived by ${waiver.grantedBy}`,
        actor: waiver.grantedBy,
      });
    }
  }
  return states;
}

/**
 * The DSOMM app progress state of each activity at the scope (Planned, Started, ...): shown
 * beside the activity, never counted. The backend sends the latest per activity; should it
 * send several, the latest date wins.
 */
export function progressByActivity(
  scope: ScopeRollupResponse['scope'],
): Map<string, ProgressStateEntry> {
  const byActivity = new Map<string, ProgressStateEntry>();
  for (const entry of scope.progress ?? []) {
    const seen = byActivity.get(entry.activityId);
    if (!seen || Date.parse(entry.date) > Date.parse(seen.date)) {
      byActivity.set(entry.activityId, entry);
    }
  }
  return byActivity;
}
