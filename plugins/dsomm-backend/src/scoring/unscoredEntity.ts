import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  AchievedLevel,
  DsommModel,
  meetsTarget,
  targetForTier,
} from '@dsomm/plugin-dsomm-common';
import { DsommBackendConfig } from '../config/readDsommConfig';
import { StoredScore } from '../database/rows';

/** Longest error message kept on a score: the message may quote the entity's own values. */
const MAX_MESSAGE_CHARS = 500;

/**
 * The score stored for an entity that could not be scored: every level 0 and one warning that
 * says why, so the entity page and the scorecard (its warning count) show the problem instead
 * of the whole recompute failing. `entityRef` is the normalized ref it is stored under.
 */
export function unscoredEntity(
  entityRef: string,
  entity: Entity | undefined,
  error: unknown,
  ctx: { model: DsommModel; config: DsommBackendConfig; now: Date },
): StoredScore {
  const ref = parseEntityRef(entityRef);
  const title = entity?.metadata?.title;
  const dimensionLevels: Record<string, AchievedLevel> = Object.fromEntries(
    ctx.model.dimensions.map(d => [d.name, 0 as AchievedLevel]),
  );
  const target = targetForTier(ctx.config.targets, undefined);
  const message = String(error instanceof Error ? error.message : error).slice(
    0,
    MAX_MESSAGE_CHARS,
  );
  return {
    facts: {
      entityRef,
      kind: ref.kind,
      namespace: ref.namespace,
      name: ref.name,
      ...(typeof title === 'string' ? { title } : {}),
    },
    modelVersion: ctx.model.version,
    computedAt: ctx.now.toISOString(),
    overallLevel: 0,
    score: 0,
    dimensionLevels,
    activities: [],
    target,
    meetsTarget: meetsTarget(dimensionLevels, target),
    activityNotes: [],
    warnings: [`DSOMM could not score this entity: ${message}`],
  };
}
