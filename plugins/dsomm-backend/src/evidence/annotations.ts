import { Entity } from '@backstage/catalog-model';
import { EvidenceItem, ModelIndex } from '@dsomm/plugin-dsomm-common';

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

/** Splits an annotation value on commas and new lines, dropping empty items. */
export function splitActivityList(value: string): string[] {
  const items: string[] = [];
  for (const part of value.split(LIST_SEPARATORS)) {
    const item = part.trim();
    if (item.length > 0) items.push(item);
  }
  return items;
}

/**
 * Reads DSOMM evidence from an entity's annotations: the implemented and not-applicable lists,
 * and the configured rules that turn a well-known annotation into evidence. Unknown keys become
 * warnings rather than errors, so one typo never hides a component's score.
 */
export function readAnnotations(
  entity: Entity,
  index: ModelIndex,
  rules: AnnotationRule[],
  now: Date,
): AnnotationFindings {
  const annotations = entity.metadata.annotations ?? {};
  const observedAt = now.toISOString();
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
  const addEvidence = (ids: Set<string>, details: EvidenceItem['details']) => {
    for (const activityId of ids) {
      evidence.push({ activityId, source: 'annotation', observedAt, details });
    }
  };

  const implemented = annotations[IMPLEMENTED_ANNOTATION];
  if (implemented !== undefined) {
    addEvidence(
      resolveList(IMPLEMENTED_ANNOTATION, splitActivityList(implemented)),
      IMPLEMENTED_DETAILS,
    );
  }

  for (const rule of rules) {
    const value = annotations[rule.annotation];
    if (value === undefined || value.trim() === '') continue;
    addEvidence(
      resolveList(
        `rule for ${rule.annotation}`,
        splitActivityList(rule.activities.join(',')),
      ),
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
