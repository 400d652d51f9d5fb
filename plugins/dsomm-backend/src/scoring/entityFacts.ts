import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EntityFacts } from '@dsomm/plugin-dsomm-common';
import { TIER_ANNOTATION } from '../evidence/annotations';
import { TierSettings } from '../config/readDsommConfig';

/**
 * The tier of an entity: its `dsomm.owasp.org/tier` annotation, else the configured label,
 * else the tier mapped from its `spec.lifecycle`, else the default tier.
 */
export function resolveTier(
  entity: Entity,
  settings: TierSettings,
): string | undefined {
  const annotated = entity.metadata.annotations?.[TIER_ANNOTATION]?.trim();
  if (annotated) return annotated;
  if (settings.label) {
    const labelled = entity.metadata.labels?.[settings.label]?.trim();
    if (labelled) return labelled;
  }
  const lifecycle = entity.spec?.lifecycle;
  if (
    typeof lifecycle === 'string' &&
    Object.hasOwn(settings.lifecycle, lifecycle)
  ) {
    return settings.lifecycle[lifecycle];
  }
  return settings.default;
}

/** Entity refs are case-insensitive; the plugin stores and compares them in lower case. */
export function normalizeRef(ref: string): string {
  // Plain toLowerCase: locale-independent, and far cheaper on this hot path.
  return ref.toLowerCase();
}

/** Full entity ref of a relation target written in short form in an entity's spec. */
export function relationRef(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return normalizeRef(
      stringifyEntityRef(
        parseEntityRef(value.trim(), { defaultKind, defaultNamespace }),
      ),
    );
  } catch {
    return undefined;
  }
}

/**
 * The facts the scorecard groups and filters by. `domainOfSystem` maps a system's entity ref
 * to its domain's entity ref (systems carry the domain, components do not).
 */
export function entityFacts(
  entity: Entity,
  settings: TierSettings,
  domainOfSystem: ReadonlyMap<string, string>,
): EntityFacts {
  const namespace = entity.metadata.namespace ?? 'default';
  const system = systemRefOf(entity);
  return {
    entityRef: normalizeRef(stringifyEntityRef(entity)),
    kind: entity.kind.toLocaleLowerCase('en-US'),
    namespace,
    name: entity.metadata.name,
    title: entity.metadata.title,
    owner: relationRef(entity.spec?.owner, 'group', namespace),
    system,
    domain: system ? domainOfSystem.get(system) : undefined,
    tier: resolveTier(entity, settings),
    specType:
      typeof entity.spec?.type === 'string' ? entity.spec.type : undefined,
    lifecycle:
      typeof entity.spec?.lifecycle === 'string'
        ? entity.spec.lifecycle
        : undefined,
  };
}

/** Domain ref of a System entity, if it names one. */
export function systemDomain(system: Entity): string | undefined {
  return relationRef(
    system.spec?.domain,
    'domain',
    system.metadata.namespace ?? 'default',
  );
}

/** Entity ref of the system an entity belongs to, if any. */
export function systemRefOf(entity: Entity): string | undefined {
  return relationRef(
    entity.spec?.system,
    'system',
    entity.metadata.namespace ?? 'default',
  );
}
