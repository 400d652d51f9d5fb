import {
  DEFAULT_REPORT_MAPPING,
  FINDINGS_RULES,
  MULTI_TOOL_RULES,
  REPORT_CATEGORIES,
} from '@dsomm/plugin-dsomm-common';
import { CATEGORY_LABELS } from './format';

/** The YAML a component adds to its catalog file to declare an activity implemented. */
export function annotationSnippet(activityKey: string): string {
  return [
    'metadata:',
    '  annotations:',
    `    dsomm.owasp.org/implemented: ${activityKey}`,
  ].join('\n');
}

/**
 * Sentences saying which scanner reports prove an activity, by its key: a report of a mapped
 * category (the portal's categories for it when given), reports of several tools, or reports
 * with no finding open past its SLA.
 */
export function reportProofs(
  activityKey: string,
  mappedCategories?: string[],
): string[] {
  const proofs: string[] = [];
  // The portal's mapping when the model answer has it, else the plugin's default.
  const categories = REPORT_CATEGORIES.filter(c =>
    mappedCategories
      ? mappedCategories.includes(c)
      : DEFAULT_REPORT_MAPPING[c].includes(activityKey),
  );
  if (categories.length > 0) {
    proofs.push(
      `Upload a ${categories
        .map(c => CATEGORY_LABELS[c])
        .join(' or ')} report for this component.`,
    );
  }
  for (const rule of MULTI_TOOL_RULES) {
    if (rule.activity === activityKey) {
      proofs.push(
        `Upload ${CATEGORY_LABELS[rule.category]} reports of at least ${
          rule.minTools
        } different tools.`,
      );
    }
  }
  for (const rule of FINDINGS_RULES) {
    if (rule.activity === activityKey) {
      proofs.push(
        `Upload scanner reports in which no ${rule.severities.join(
          ' or ',
        )} finding is open longer than its fix-time limit (SLA).`,
      );
    }
  }
  return proofs;
}
