import { Entity, parseEntityRef } from '@backstage/catalog-model';
import {
  AchievedLevel,
  DsommModel,
  meetsTarget,
  targetForTier,
} from '@dsomm/plugin-dsomm-common';
import { DsommBackendConfig } from '../config/readDsommConfig';
import { StoredScore } from '../database/rows';
import { missingForTarget } from './missingForTarget';

/** Longest error message kept on a score: the message may quote the entity's own values. */
const MAX_MESSAGE_CHARS = 500;

/**
 * The message of an error, without the statement knex puts before a database's own message
 * (it is long, and on SQLite it quotes every value).
 */
export function errorMessage(error: unknown): string {
  // Not `instanceof Error`: a driver's errors may come from another realm (e.g. under jest).
  const message =
    typeof (error as { message?: unknown })?.message === 'string'
      ? (error as { message: string }).message
      : String(error);
  const statement = /^(insert|update|delete|select|with) [\s\S]* - /i.exec(
    message,
  );
  return (statement ? message.slice(statement[0].length) : message).slice(
    0,
    MAX_MESSAGE_CHARS,
  );
}

/**
 * The score stored for an entity that could not be scored or saved: every level 0 and one
 * warning that says why (`problem`), so the entity page and the scorecard (its warning count)
 * show it instead of the whole recompute failing. `entityRef` is the normalized ref it is
 * stored under.
 */
export function unscoredEntity(
  entityRef: string,
  entity: Entity | undefined,
  problem: string,
  ctx: { model: DsommModel; config: DsommBackendConfig; now: Date },
): StoredScore {
  const ref = parseEntityRef(entityRef);
  const title = entity?.metadata?.title;
  const dimensionLevels: Record<string, AchievedLevel> = Object.fromEntries(
    ctx.model.dimensions.map(d => [d.name, 0 as AchievedLevel]),
  );
  const target = targetForTier(ctx.config.targets, undefined);
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
    missingForTarget: missingForTarget(ctx.model, [], target),
    activityNotes: [],
    warnings: [problem],
  };
}
