import {
  ActivityStatus,
  DsommModel,
  PreviewLevels,
  STATUS_CODE,
  ScopePreviewStatus,
  Target,
  compileModel,
  levelsOf,
  meetsTarget,
} from '@dsomm/plugin-dsomm-common';

/** A component's stored statuses, as `DsommStore.storedStatuses` reads them. */
export interface StoredStatuses {
  target: Target;
  statuses: {
    activityId: string;
    status: ActivityStatus;
    ownEvidence: boolean;
  }[];
}

/** What marking activities at a scope would do to one component. */
export interface LiftOutcome {
  /** Selected activity ids whose status would change for the component. */
  changes: string[];
  before: PreviewLevels;
  after: PreviewLevels;
}

function levels(
  model: DsommModel,
  statuses: Uint8Array,
  target: Target,
): PreviewLevels {
  const { overallLevel, score, dimensionLevels } = levelsOf(model, statuses);
  return {
    overallLevel,
    score,
    meetsTarget: meetsTarget(dimensionLevels, target),
  };
}

/**
 * The component's levels before and after a scope records `status` for `activityIds`,
 * following the scope precedence (`mergeScopedFindings`): scope evidence makes a missing or
 * stale activity implemented and leaves a not-applicable one so; a scope waiver makes an
 * activity not applicable unless the component has evidence of its own for it. Both sides
 * are counted from the stored statuses, so they compare like with like.
 */
export function previewLift(
  model: DsommModel,
  component: StoredStatuses,
  activityIds: readonly string[],
  status: ScopePreviewStatus,
): LiftOutcome {
  const { ordinalById, levelOf } = compileModel(model);
  const before = new Uint8Array(levelOf.length);
  const own = new Set<number>();
  for (const s of component.statuses) {
    const ordinal = ordinalById.get(s.activityId);
    if (ordinal === undefined) continue;
    before[ordinal] = STATUS_CODE[s.status];
    if (s.ownEvidence) own.add(ordinal);
  }
  const after = before.slice();
  const changes: string[] = [];
  for (const id of activityIds) {
    const ordinal = ordinalById.get(id);
    if (ordinal === undefined) continue;
    const current = before[ordinal];
    if (status === 'implemented') {
      if (current !== STATUS_CODE.missing && current !== STATUS_CODE.stale) {
        continue;
      }
      after[ordinal] = STATUS_CODE.implemented;
    } else {
      if (current === STATUS_CODE['not-applicable'] || own.has(ordinal)) {
        continue;
      }
      after[ordinal] = STATUS_CODE['not-applicable'];
    }
    changes.push(id);
  }
  const was = levels(model, before, component.target);
  return {
    changes,
    before: was,
    after: changes.length === 0 ? was : levels(model, after, component.target),
  };
}
