import { ReportCategory } from './types';

/** Severities that have a time limit for fixing. */
export type SlaSeverity = 'critical' | 'high' | 'medium';

/**
 * Which activities a report of each category is evidence for, by activity key. A report
 * proves that the scan runs; what it found is judged by the findings rules below.
 */
export const DEFAULT_REPORT_MAPPING: Record<ReportCategory, string[]> = {
  sast: ['static-analysis-for-important-server-side-components'],
  secrets: ['test-for-stored-secrets-in-code'],
  sca: ['software-composition-analysis-server-side'],
  container: [
    'software-composition-analysis',
    'test-of-infrastructure-components-for-known-vulnerabilities',
  ],
  iac: [
    'test-the-definition-of-virtualized-environments',
    'test-cluster-deployment-resources',
  ],
  sbom: ['sbom-of-components'],
  dast: ['simple-scan'],
};

/** Activities that need several distinct tools of one category within the freshness window. */
export const MULTI_TOOL_RULES: {
  category: ReportCategory;
  minTools: number;
  activity: string;
}[] = [
  { category: 'sast', minTools: 2, activity: 'usage-of-multiple-analyzers' },
  { category: 'dast', minTools: 2, activity: 'usage-of-multiple-scanners' },
];

/**
 * Activities that count when the latest report of every tool shows no open finding of the
 * given severities older than the SLA for that severity.
 */
export const FINDINGS_RULES: { activity: string; severities: SlaSeverity[] }[] =
  [
    {
      activity: 'treatment-of-defects-with-high-or-critical-severity',
      severities: ['critical', 'high'],
    },
    {
      activity: 'treatment-of-defects-with-medium-severity',
      severities: ['medium'],
    },
  ];

/** Default days a finding may stay open, per severity. */
export const DEFAULT_FINDING_SLA_DAYS: Record<
  'critical' | 'high' | 'medium',
  number
> = {
  critical: 7,
  high: 30,
  medium: 90,
};
