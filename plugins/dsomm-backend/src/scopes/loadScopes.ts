import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DsommModel,
  ORGANIZATION_SCOPE_REF,
  ScopeFindings,
  indexModel,
} from '@dsomm/plugin-dsomm-common';
import { DsommBackendConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import {
  AnnotationSightingUpdate,
  updateAnnotationSightings,
} from '../evidence/annotationSightings';
import { normalizeRef } from '../scoring/entityFacts';
import { SCOPE_ENTITY_FIELDS } from '../service/catalogFields';
import {
  ScopeIndex,
  organizationFindings,
  scopeFindingsOf,
} from './scopeFindings';
import {
  ScopeGroup,
  ScopeSystem,
  ScopedComponent,
  buildScopeTree,
  scopeGroupOf,
  scopeSystemOf,
  scopesAbove,
} from './scopeTree';

/** The scope index, and the scopes' annotation sightings for a full recompute to save. */
export interface LoadedScopes extends ScopeIndex {
  sightings: Array<{ entityRef: string } & AnnotationSightingUpdate>;
}

/**
 * Reads the scopes once: Groups, Systems and Domains from the catalog, then the stored
 * attestations and waivers of the scopes (all of them, or only those above `only`, for
 * scoring one component). The scopes' annotations are dated by their sightings as stored.
 */
export async function loadScopeIndex(
  deps: {
    model: DsommModel;
    config: DsommBackendConfig;
    store: DsommStore;
    catalog: CatalogService;
    now: Date;
  },
  credentials: BackstageCredentials,
  only?: ScopedComponent,
): Promise<LoadedScopes> {
  const groups: ScopeGroup[] = [];
  const systems: ScopeSystem[] = [];
  const entities = new Map<string, Entity>();
  for await (const page of deps.catalog.streamEntities(
    {
      filter: { kind: ['Group', 'System', 'Domain'] },
      fields: SCOPE_ENTITY_FIELDS,
    },
    { credentials },
  )) {
    for (const entity of page) {
      let ref: string;
      try {
        ref = normalizeRef(stringifyEntityRef(entity));
      } catch {
        continue; // no valid ref: nothing can be recorded on it either
      }
      const kind = entity.kind.toLocaleLowerCase('en-US');
      if (kind === 'group') groups.push(scopeGroupOf(entity));
      else if (kind === 'system') systems.push(scopeSystemOf(entity));
      entities.set(ref, entity);
    }
  }
  const tree = buildScopeTree(groups, systems, deps.config.scopes);
  const refs = only
    ? scopesAbove(tree, only)
    : [...entities.keys(), ORGANIZATION_SCOPE_REF];
  // One after another: the store may be a transaction's, on one connection.
  const evidence = await deps.store.evidenceFor(refs);
  const waivers = await deps.store.waiversFor(refs);
  const sightings = await deps.store.annotationSightingsFor(
    refs.filter(ref => entities.has(ref)),
  );
  const index = indexModel(deps.model);
  const findings = new Map<string, ScopeFindings>();
  const seen: LoadedScopes['sightings'] = [];
  for (const ref of refs) {
    const entity = entities.get(ref);
    const sighting = entity
      ? updateAnnotationSightings(entity, [], sightings.get(ref), deps.now)
      : undefined;
    if (sighting) seen.push({ entityRef: ref, ...sighting });
    const found =
      ref === ORGANIZATION_SCOPE_REF
        ? organizationFindings({
            ...deps.config.organization,
            evidence: evidence.get(ref) ?? [],
            waivers: waivers.get(ref) ?? [],
            now: deps.now,
            configObservedAt: configObservedAt(deps.now, deps.config),
          })
        : scopeFindingsOf({
            scopeRef: ref,
            entity,
            evidence: evidence.get(ref) ?? [],
            waivers: waivers.get(ref) ?? [],
            index,
            now: deps.now,
            annotationsFirstSeen: sighting?.firstSeen,
          });
    if (found.evidence.length + found.notApplicable.length > 0) {
      findings.set(ref, found);
    }
  }
  return { tree, findings, sightings: seen };
}

/**
 * When config's organisation evidence counts as observed: the start of the day, so every
 * recompute of one day gives the same scores and an unchanged score is not written again.
 * Only where that cannot make it expire today: with an annotation age limit under a day, now.
 */
export function configObservedAt(
  now: Date,
  config: DsommBackendConfig,
): string {
  const limit = config.evidence.maxAgeDays.annotation;
  if (limit !== undefined && limit < 1) return now.toISOString();
  return `${now.toISOString().slice(0, 10)}T00:00:00.000Z`;
}
