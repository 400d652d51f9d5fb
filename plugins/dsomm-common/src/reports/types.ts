/** Report formats the backend recognises. */
export const REPORT_FORMATS = [
  'sarif',
  'cyclonedx',
  'spdx',
  'trivy',
  'gitleaks',
  'semgrep',
  'checkov',
  'zap',
  'grype',
  'npm-audit',
  'osv-scanner',
  'bandit',
  'semgrep-supply-chain',
] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What kind of scan a report shows was run. */
export type ReportCategory =
  | 'sast'
  | 'sca'
  | 'secrets'
  | 'iac'
  | 'container'
  | 'dast'
  | 'sbom';

export const REPORT_CATEGORIES: readonly ReportCategory[] = [
  'sast',
  'sca',
  'secrets',
  'iac',
  'container',
  'dast',
  'sbom',
];

/** Finding severities, most severe first. */
export const SEVERITIES = [
  'critical',
  'high',
  'medium',
  'low',
  'info',
  'unknown',
] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One finding, cut down to what a person needs to recognise it. */
export interface ReportFinding {
  /** Rule, check or vulnerability id, e.g. `CVE-2021-44228` or `js/sql-injection`. */
  id: string;
  /** Short text, at most 300 characters. */
  title: string;
  severity: Severity;
  /** File and line, URL, or resource the finding is about. */
  location?: string;
  /** Affected package and version, for dependency findings. */
  package?: string;
}

/** What a scanner report says, summarised. Produced by the backend's parsers. */
export interface ReportSummary {
  format: ReportFormat;
  /** `json` or `xml`: the syntax the report came in. */
  syntax: 'json' | 'xml';
  /** The scanner, as the report names it, e.g. `CodeQL`, `Trivy`, `OWASP ZAP`. */
  tool: { name: string; version?: string };
  categories: ReportCategory[];
  /** When the scan ran, if the report says (ISO 8601). */
  scannedAt?: string;
  counts: Record<Severity, number>;
  totalFindings: number;
  /** The most severe findings, at most 20. */
  topFindings: ReportFinding[];
  /** Number of components listed, for SBOMs. */
  componentCount?: number;
  /** What was scanned: images, files, sites, as the report names them (at most 20). */
  targets?: string[];
  /**
   * Identities (`id|package-or-location`) of the critical, high and medium findings, used to
   * tell how long a finding has been open. Present on a freshly parsed report; the backend
   * stores it apart and leaves it out of API answers.
   */
  findingKeys?: Partial<Record<'critical' | 'high' | 'medium', string[]>>;
  /**
   * Fingerprints of the critical to low findings, for their lifecycle (opened, closed,
   * reopened). Present on a freshly parsed report; stored apart like `findingKeys`.
   */
  fingerprints?: FindingFingerprint[];
}

/** A finding's stable identity across reports of one tool, and its severity. */
export interface FindingFingerprint {
  /** A hash of the format, the rule or vulnerability id and the package or location. */
  fingerprint: string;
  /** The most severe rating the report gave the finding. */
  severity: 'critical' | 'high' | 'medium' | 'low';
}

/** A stored report, as the API lists it. */
export interface StoredReport {
  id: string;
  entityRef: string;
  sha256: string;
  sizeBytes: number;
  /** Pipeline run or other link the uploader gave. */
  source?: string;
  uploadedBy: string;
  uploadedAt: string;
  summary: ReportSummary;
  /** Ids of the activities this report evidenced when uploaded. */
  activityIds: string[];
  /** What the backend changed on upload, e.g. a scan time clamped into the accepted window. */
  warnings?: string[];
}
