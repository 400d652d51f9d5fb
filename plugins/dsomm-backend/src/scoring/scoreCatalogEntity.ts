import { Entity } from '@backstage/catalog-model';
import {
  DsommModel,
  EvidenceItem,
  ReportForEvidence,
  ScopeFindings,
  Waiver,
  decideStatuses,
  indexModel,
  isoTime,
  levelsOf,
  mergeScopedFindings,
  meetsTarget,
  parsedTime,
  reportEvidence,
  targetForTier,
} from '@dsomm/plugin-dsomm-common';
import {
  DsommBackendConfig,
  findingSlaDaysFor,
} from '../config/readDsommConfig';
import { StoredScore } from '../database/rows';
import { readAnnotations } from '../evidence/annotations';
import { entityFacts } from './entityFacts';
import { missingForTargetOf } from './missingForTarget';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ScoreContext {
  model: DsommModel;
  config: DsommBackendConfig;
  domainOfSystem: ReadonlyMap<string, string>;
  now: Date;
}

/** Whether any source has a limit, worked out once per config (asked once per entity). */
const limited = new WeakMap<object, boolean>();
function hasMaxAge(
  maxAgeDays: DsommBackendConfig['evidence']['maxAgeDays'],
): boolean {
  let any = limited.get(maxAgeDays);
  if (any === undefined) {
    any = Object.values(maxAgeDays).some(days => days !== undefined);
    limited.set(maxAgeDays, any);
  }
  return any;
}

/**
 * Applies the freshness limit of each evidence source: evidence older than its source's
 * `maxAgeDays` expires then, unless it already expires earlier.
 */
export function applyMaxAge(
  items: EvidenceItem[],
  maxAgeDays: DsommBackendConfig['evidence']['maxAgeDays'],
): EvidenceItem[] {
  if (!hasMaxAge(maxAgeDays)) return items;
  return items.map(item => {
    const days = maxAgeDays[item.source];
    if (days === undefined) return item;
    const observed = parsedTime(item.observedAt);
    if (Number.isNaN(observed)) return item;
    const limit = new Date(observed + days * DAY_MS).toISOString();
    if (item.expiresAt !== undefined && item.expiresAt <= limit) return item;
    return { ...item, expiresAt: limit };
  });
}

/**
 * Scores one catalog entity from its annotations (dated by when their values were first seen),
 * its stored evidence and its waivers, merged with what the scopes above it say.
 * Pure: all I/O happens in the caller.
 */
export function scoreCatalogEntity(
  entity: Entity,
  stored: {
    evidence: EvidenceItem[];
    waivers: Waiver[];
    reports?: ReportForEvidence[];
    /** When each evidence-bearing annotation's value was first seen; absent ones: `now`. */
    annotationsFirstSeen?: ReadonlyMap<string, string>;
    /** The digests of those annotations' current values, from the same sightings. */
    annotationHashes?: ReadonlyMap<string, string>;
    /** What the scopes above the entity say (see `inheritedFindings`), nearest first. */
    inherited?: ScopeFindings[];
  },
  ctx: ScoreContext,
): StoredScore {
  const { model, config, now } = ctx;
  const facts = entityFacts(entity, config.tiers, ctx.domainOfSystem);
  const annotations = readAnnotations(
    entity,
    indexModel(model),
    config.evidence.rules,
    now,
    stored.annotationsFirstSeen,
    stored.annotationHashes,
  );
  // An expired waiver stops counting, like a lapsed risk acceptance.
  const liveWaivers = stored.waivers.filter(
    w => w.expiresAt === undefined || parsedTime(w.expiresAt) > now.getTime(),
  );
  const fromReports = reportEvidence(stored.reports ?? [], {
    index: indexModel(model),
    mapping: config.reports.mapping,
    // The component's tier decides how long its findings may stay open.
    slaDays: findingSlaDaysFor(config.reports, facts.tier),
    maxAgeDays: config.evidence.maxAgeDays.report,
    now,
  });
  const target = targetForTier(config.targets, facts.tier);
  // Only the statuses and levels here: the detail shown for one entity (coverage, gap, next
  // steps) is derived from them when it is read, which keeps a full recompute cheap.
  const merged = mergeScopedFindings(
    {
      evidence:
        stored.evidence.length + fromReports.evidence.length === 0
          ? annotations.evidence
          : annotations.evidence.concat(stored.evidence, fromReports.evidence),
      notApplicable: [
        ...annotations.notApplicable,
        ...liveWaivers.map(w => w.activityId),
      ],
    },
    stored.inherited ?? [],
  );
  const decided = decideStatuses({
    model,
    evidence: applyMaxAge(merged.evidence, config.evidence.maxAgeDays),
    notApplicable: merged.notApplicable,
    // A measured negative outweighs a declaration, inherited ones included; a waiver still wins.
    contradictions: fromReports.notes.filter(note => note.contradicts),
    now,
  });
  const levels = levelsOf(model, decided.statuses);
  return {
    facts,
    modelVersion: model.version,
    computedAt: isoTime(now),
    overallLevel: levels.overallLevel,
    score: levels.score,
    dimensionLevels: levels.dimensionLevels,
    activities: decided.activities,
    target,
    meetsTarget: meetsTarget(levels.dimensionLevels, target),
    missingForTarget: missingForTargetOf(model, decided.statuses, target),
    activityNotes: fromReports.notes,
    warnings: annotations.warnings,
  };
}
