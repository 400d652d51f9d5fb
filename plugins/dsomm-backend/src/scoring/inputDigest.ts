import { createHash } from 'crypto';
import { Entity } from '@backstage/catalog-model';
import { DsommModel, ScopeFindings } from '@dsomm/plugin-dsomm-common';
import { DsommBackendConfig } from '../config/readDsommConfig';
import { SCORED_ENTITY_FIELDS } from '../service/catalogFields';

/**
 * Bumped whenever scoring changes in a way the model version and config do not show, so
 * scores stored by an older plugin are scored again once.
 */
const SCORING_REVISION = '1';

/** JSON of config values: patterns and functions by their source, which JSON would drop. */
function configReplacer(_key: string, value: unknown): unknown {
  if (value instanceof RegExp) return `/${value.source}/${value.flags}`;
  if (typeof value === 'function') return String(value);
  return value;
}

/** What every score depends on beyond its own entity and evidence: the model and the config. */
export function configDigestOf(
  config: DsommBackendConfig,
  model: DsommModel,
): string {
  return createHash('sha1')
    .update(SCORING_REVISION)
    .update('\0')
    .update(model.version)
    .update('\0')
    .update(JSON.stringify(model.activities.map(a => a.id)))
    .update('\0')
    .update(JSON.stringify(config, configReplacer))
    .digest('base64');
}

/** Digests of the inherited lists, by identity: thousands of components share a few hundred. */
const inheritedDigests = new WeakMap<readonly ScopeFindings[], string>();

function inheritedDigest(inherited: readonly ScopeFindings[]): string {
  let digest = inheritedDigests.get(inherited);
  if (digest === undefined) {
    digest = createHash('sha1')
      .update(JSON.stringify(inherited))
      .digest('base64');
    inheritedDigests.set(inherited, digest);
  }
  return digest;
}

/**
 * A digest of what every component's score of one recompute depends on besides its own
 * entity, evidence and scopes: the config and model (`configDigest`), which domain each system
 * belongs to, and the UTC day (so each day's first recompute scores everything: the periodic
 * full rescore, and the day's history snapshot).
 */
export function runInputDigest(input: {
  configDigest: string;
  day: string;
  domainOfSystem: ReadonlyMap<string, string>;
}): string {
  return createHash('sha1')
    .update(input.configDigest)
    .update('\0')
    .update(input.day)
    .update('\0')
    .update(domainsText(input.domainOfSystem))
    .digest('base64');
}

/** The domains of the systems as text, by map: each batch of one recompute shares its map. */
const domainTexts = new WeakMap<ReadonlyMap<string, string>, string>();

function domainsText(domainOfSystem: ReadonlyMap<string, string>): string {
  let text = domainTexts.get(domainOfSystem);
  if (text === undefined) {
    text = JSON.stringify([...domainOfSystem].sort());
    domainTexts.set(domainOfSystem, text);
  }
  return text;
}

/**
 * A digest of the inputs of a component's score that a recompute has at hand before reading
 * anything stored: the run's digest (`runInputDigest`), the fields of the catalog entity that
 * scoring reads and what the scopes above it say. Its stored evidence, reports, waivers and findings are not in it:
 * every write of those clears the stored digest instead (see `DsommStore.forgetInputs`).
 */
export function entityInputDigest(input: {
  runDigest: string;
  entity: Entity;
  inherited: readonly ScopeFindings[];
}): string {
  return createHash('sha1')
    .update(input.runDigest)
    .update('\0')
    .update(inheritedDigest(input.inherited))
    .update('\0')
    .update(JSON.stringify(scoredFieldsOf(input.entity)))
    .digest('base64');
}

const FIELD_PATHS = SCORED_ENTITY_FIELDS.map(field => field.split('.'));

/**
 * The values of the fields scoring reads (`SCORED_ENTITY_FIELDS`), in their order: the same
 * whether the entity was read whole (one entity scored on demand) or with only those fields (a
 * recompute), and far shorter to hash than the whole entity.
 */
function scoredFieldsOf(entity: Entity): unknown[] {
  return FIELD_PATHS.map(path => {
    let value: unknown = entity;
    for (const key of path) {
      value =
        value !== null && typeof value === 'object'
          ? (value as Record<string, unknown>)[key]
          : undefined;
    }
    return value ?? null;
  });
}
