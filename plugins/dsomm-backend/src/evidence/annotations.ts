import { Entity } from '@backstage/catalog-model';
import { EvidenceItem, ModelIndex, isoTime } from '@dsomm/plugin-dsomm-common';

/** Annotation listing the activities a component implements (keys or uuids). */
export const IMPLEMENTED_ANNOTATION = 'dsomm.owasp.org/implemented';
/** Annotation listing the activities that do not apply to a component. */
export const NOT_APPLICABLE_ANNOTATION = 'dsomm.owasp.org/not-applicable';
/** Annotation naming a component's tier. */
export const TIER_ANNOTATION = 'dsomm.owasp.org/tier';

/** "Annotation X present -> activities Y". */
export interface AnnotationRule {
  annotation: string;
  /** Activity keys or ids. */
  activities: string[];
}

/** What an entity's annotations say, before scoring. */
export interface AnnotationFindings {
  evidence: EvidenceItem[];
  notApplicable: string[];
  /** Human-readable problems, e.g. unknown activity keys. */
  warnings: string[];
}

const LIST_SEPARATORS = /[,\n\r]+/;

/** Evidence details of every item of the implemented list, shared: nothing mutates them. */
const IMPLEMENTED_DETAILS = Object.freeze({
  annotation: IMPLEMENTED_ANNOTATION,
  summary: `Listed in the ${IMPLEMENTED_ANNOTATION} annotation`,
});

/**
 * The evidence item of an activity in the implemented list depends only on the activity and
 * when the list was first seen, which most entities share (e.g. the first recompute after
 * the plugin was installed): made once per pair and frozen, so that scoring may share it
 * (see `decideStatuses`). The cache is dropped when it holds many times, to stay small.
 */
const MAX_CACHED_TIMES = 256;
const implementedItems = new Map<string, Map<string, EvidenceItem>>();
/** The cached items of one time, looked up once per list rather than once per item. */
function implementedItemsAt(observedAt: string): Map<string, EvidenceItem> {
  let byActivity = implementedItems.get(observedAt);
  if (!byActivity) {
    if (implementedItems.size >= MAX_CACHED_TIMES) implementedItems.clear();
    byActivity = new Map();
    implementedItems.set(observedAt, byActivity);
  }
  return byActivity;
}
function implementedEvidence(
  byActivity: Map<string, EvidenceItem>,
  activityId: string,
  observedAt: string,
): EvidenceItem {
  let item = byActivity.get(activityId);
  if (!item) {
    item = Object.freeze({
      activityId,
      source: 'annotation' as const,
      observedAt,
      details: IMPLEMENTED_DETAILS,
    });
    byActivity.set(activityId, item);
  }
  return item;
}

/** The activity ids of a rule, resolved once per rule and model. */
const resolvedRules = new WeakMap<
  AnnotationRule,
  { index: ModelIndex; ids: Set<string>; unknown: string[] }
>();
function ruleActivityIds(
  rule: AnnotationRule,
  index: ModelIndex,
  warnings: string[],
): Set<string> {
  let resolved = resolvedRules.get(rule);
  if (!resolved || resolved.index !== index) {
    const ids = new Set<string>();
    const unknown: string[] = [];
    for (const item of splitActivityList(rule.activities.join(','))) {
      const activity = index.resolve(item);
      if (activity) ids.add(activity.id);
      else unknown.push(item);
    }
    resolved = { index, ids, unknown };
    resolvedRules.set(rule, resolved);
  }
  for (const item of resolved.unknown) {
    warnings.push(`rule for ${rule.annotation}: unknown activity "${item}"`);
  }
  return resolved.ids;
}

/** An implemented list resolved: activity ids in list order (repeats kept), unknown items. */
interface ResolvedList {
  ids: string[];
  unknown: string[];
}

function resolveImplementedList(
  value: string,
  index: ModelIndex,
): ResolvedList {
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const item of splitActivityList(value)) {
    const activity = index.resolve(item);
    if (activity) ids.push(activity.id);
    else unknown.push(item);
  }
  return { ids, unknown };
}

/**
 * Resolved implemented lists by the digest of their value, which the annotation sightings
 * work out for every entity anyway: a recompute of a catalog whose lists did not change finds
 * each list here instead of splitting and resolving its keys again. Per model index; dropped
 * whole when it holds many, to stay small.
 */
const MAX_CACHED_LISTS = 50_000;
const resolvedLists = new WeakMap<ModelIndex, Map<string, ResolvedList>>();
function implementedList(
  value: string,
  index: ModelIndex,
  valueHash: string | undefined,
): ResolvedList {
  if (valueHash === undefined) return resolveImplementedList(value, index);
  let lists = resolvedLists.get(index);
  if (!lists) {
    lists = new Map();
    resolvedLists.set(index, lists);
  }
  let list = lists.get(valueHash);
  if (!list) {
    if (lists.size >= MAX_CACHED_LISTS) lists.clear();
    list = resolveImplementedList(value, index);
    lists.set(valueHash, list);
  }
  return list;
}

/** Splits an annotation value on commas and new lines, dropping empty items. */
export function splitActivityList(value: string): string[] {
  const items: string[] = [];
  // Most lists are one key per line: a plain split is much cheaper than the regular expression.
  const parts =
    value.includes(',') || value.includes('\r')
      ? value.split(LIST_SEPARATORS)
      : value.split('\n');
  for (const part of parts) {
    const item = part.trim();
    if (item.length > 0) items.push(item);
  }
  return items;
}

/**
 * Reads DSOMM evidence from an entity's annotations: the implemented and not-applicable lists,
 * and the configured rules that turn a well-known annotation into evidence. Unknown keys become
 * warnings rather than errors, so one typo never hides a component's score.
 *
 * The evidence of an annotation is observed when its current value was first seen for the
 * entity (`firstSeen`, by annotation name, see `updateAnnotationSightings`), else `now`.
 * `valueHashes` (by annotation name, from the same) must be the digests of the current values:
 * they let a list read before be reused.
 */
export function readAnnotations(
  entity: Entity,
  index: ModelIndex,
  rules: AnnotationRule[],
  now: Date,
  firstSeen?: ReadonlyMap<string, string>,
  valueHashes?: ReadonlyMap<string, string>,
): AnnotationFindings {
  const annotations = entity.metadata.annotations ?? {};
  const nowIso = isoTime(now);
  const observedAtOf = (annotation: string) =>
    firstSeen?.get(annotation) ?? nowIso;
  const warnings: string[] = [];
  const evidence: EvidenceItem[] = [];

  /** Activity ids listed in `value`, each once; unknown items become warnings. */
  const resolveList = (annotation: string, items: string[]) => {
    const ids = new Set<string>();
    for (const item of items) {
      const activity = index.resolve(item);
      if (activity) ids.add(activity.id);
      else warnings.push(`${annotation}: unknown activity "${item}"`);
    }
    return ids;
  };
  // The items of one annotation share their details: nothing mutates evidence once made.
  const addEvidence = (
    ids: Set<string>,
    observedAt: string,
    details: EvidenceItem['details'],
  ) => {
    for (const activityId of ids) {
      evidence.push({ activityId, source: 'annotation', observedAt, details });
    }
  };

  const implemented = annotations[IMPLEMENTED_ANNOTATION];
  if (implemented !== undefined) {
    const observedAt = observedAtOf(IMPLEMENTED_ANNOTATION);
    const items = implementedItemsAt(observedAt);
    const list = implementedList(
      implemented,
      index,
      valueHashes?.get(IMPLEMENTED_ANNOTATION),
    );
    // No de-duplication here: a key listed twice yields the same shared item twice, which
    // scoring counts once.
    for (const id of list.ids) {
      evidence.push(implementedEvidence(items, id, observedAt));
    }
    for (const item of list.unknown) {
      warnings.push(`${IMPLEMENTED_ANNOTATION}: unknown activity "${item}"`);
    }
  }

  for (const rule of rules) {
    const value = annotations[rule.annotation];
    if (value === undefined || value.trim() === '') continue;
    addEvidence(
      ruleActivityIds(rule, index, warnings),
      observedAtOf(rule.annotation),
      {
        annotation: rule.annotation,
        value,
        summary: `Annotation ${rule.annotation} is set`,
      },
    );
  }

  const notApplicableValue = annotations[NOT_APPLICABLE_ANNOTATION];
  const notApplicable =
    notApplicableValue === undefined
      ? []
      : [
          ...resolveList(
            NOT_APPLICABLE_ANNOTATION,
            splitActivityList(notApplicableValue),
          ),
        ];

  return { evidence, notApplicable, warnings };
}
