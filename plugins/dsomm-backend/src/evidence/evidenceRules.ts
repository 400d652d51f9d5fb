import {
  DsommModel,
  EvidenceRules,
  indexModel,
} from '@dsomm/plugin-dsomm-common';
import { AnnotationRule } from './annotations';

/**
 * The evidence rules in force, by activity id, for pages that explain how to prove an activity.
 * Rules name activities by key or id; names the model does not know are left out (config
 * validation already refused them, and dropped defaults do not apply).
 */
export function evidenceRules(
  model: DsommModel,
  annotationRules: AnnotationRule[],
  reportMapping: Record<string, string[]>,
): EvidenceRules {
  const index = indexModel(model);
  const ids = (names: string[]) =>
    Array.from(
      new Set(
        names.flatMap(name => {
          const activity = index.resolve(name);
          return activity ? [activity.id] : [];
        }),
      ),
    );
  return {
    annotations: annotationRules.map(rule => ({
      annotation: rule.annotation,
      activityIds: ids(rule.activities),
    })),
    reports: Object.fromEntries(
      Object.entries(reportMapping).map(([category, keys]) => [
        category,
        ids(keys),
      ]),
    ),
  };
}
