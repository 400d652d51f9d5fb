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

/** Splits an annotation value on commas and new lines, dropping empty items. */
export function splitActivityList(value: string): string[] {
  return value
    .split(/[,\n\r]+/)
    .map(item => item.trim())
    .filter(item => item.length > 0);
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

  const resolveList = (annotation: string, value: string) =>
    splitActivityList(value).flatMap(item => {
      const activity = index.resolve(item);
      if (!activity) {
        warnings.push(`${annotation}: unknown activity "${item}"`);
        return [];
      }
      return [activity.id];
    });

  const implemented = annotations[IMPLEMENTED_ANNOTATION];
  if (implemented !== undefined) {
    for (const activityId of new Set(
      resolveList(IMPLEMENTED_ANNOTATION, implemented),
    )) {
      evidence.push({
        activityId,
        source: 'annotation',
        observedAt,
        details: {
          annotation: IMPLEMENTED_ANNOTATION,
          summary: `Listed in the ${IMPLEMENTED_ANNOTATION} annotation`,
        },
      });
    }
  }

  for (const rule of rules) {
    const value = annotations[rule.annotation];
    if (value === undefined || value.trim() === '') continue;
    for (const activityId of new Set(
      resolveList(`rule for ${rule.annotation}`, rule.activities.join(',')),
    )) {
      evidence.push({
        activityId,
        source: 'annotation',
        observedAt,
        details: {
          annotation: rule.annotation,
          value,
          summary: `Annotation ${rule.annotation} is set`,
        },
      });
    }
  }

  const notApplicableValue = annotations[NOT_APPLICABLE_ANNOTATION];
  const notApplicable =
    notApplicableValue === undefined
      ? []
      : [
          ...new Set(
            resolveList(NOT_APPLICABLE_ANNOTATION, notApplicableValue),
          ),
        ];

  return { evidence, notApplicable, warnings };
}
