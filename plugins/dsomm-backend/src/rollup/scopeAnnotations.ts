import { Entity } from '@backstage/catalog-model';
import { ModelIndex, ScopeAnnotations } from '@dsomm/plugin-dsomm-common';
import {
  IMPLEMENTED_ANNOTATION,
  NOT_APPLICABLE_ANNOTATION,
  splitActivityList,
} from '../evidence/annotations';

/**
 * The implemented and not-applicable lists on a scope entity (Group, System, Domain), as
 * activity ids, each once. Other annotation rules are about one component's tooling, so a
 * scope carries only these two lists.
 */
export function readScopeAnnotations(
  entity: Entity,
  index: ModelIndex,
): ScopeAnnotations {
  const annotations = entity.metadata.annotations ?? {};
  const warnings: string[] = [];
  const idsOf = (annotation: string): string[] => {
    const value = annotations[annotation];
    if (typeof value !== 'string') return [];
    const ids = new Set<string>();
    for (const item of splitActivityList(value)) {
      const activity = index.resolve(item);
      if (activity) ids.add(activity.id);
      else warnings.push(`${annotation}: unknown activity "${item}"`);
    }
    return [...ids];
  };
  return {
    implemented: idsOf(IMPLEMENTED_ANNOTATION),
    notApplicable: idsOf(NOT_APPLICABLE_ANNOTATION),
    warnings,
  };
}
