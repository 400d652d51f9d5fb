import { ActivityRow } from '../activityRows';

/** What the reports measured against the declaration, as the backend words it. */
export const contradictingFindings =
  '6 critical or high finding(s) open longer than the SLA (critical 7 days, high 30 days), e.g. CVE-2024-1.';

/** An activity declared by annotation that the latest reports contradict. */
export function contradictedRow(
  overrides: Partial<ActivityRow> = {},
): ActivityRow {
  return {
    id: 'treatment',
    key: 'treatment-of-defects-with-severity-high-or-higher',
    name: 'Treatment of defects with high or critical severity',
    url: 'https://dsomm.owasp.org/activity-description?uuid=treatment',
    level: 1,
    dimension: 'Implementation',
    subDimension: 'Development and Source Control',
    status: 'contradicted',
    target: 'needed',
    tools: [],
    proofAnnotations: [],
    evidence: [
      {
        activityId: 'treatment',
        source: 'annotation',
        observedAt: '2026-05-01T00:00:00Z',
        details: { summary: 'listed in dsomm.owasp.org/implemented' },
      },
    ],
    notes: [
      {
        activityId: 'treatment',
        counts: false,
        contradicts: true,
        reason: contradictingFindings,
      },
    ],
    attestations: [],
    waivers: [],
    ...overrides,
  };
}
