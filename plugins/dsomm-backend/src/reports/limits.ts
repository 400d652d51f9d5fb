/**
 * Every bound on what reading a report may build and keep, in one place. A report that
 * exceeds a structural limit (depth, element count) is refused with 422 naming the limit;
 * strings and lists that are kept are cut instead, while counts stay exact.
 *
 * The defaults leave room above real reports (the deepest fixture, a CodeQL SARIF log, nests
 * 15 levels) while keeping the worst accepted body cheap: `npm run bench:hostile` shows the
 * time and memory near each limit.
 */
export interface ReportLimits {
  /** Deepest nesting of JSON arrays and objects, or of XML elements. */
  maxDepth: number;
  /** Most JSON values (strings, numbers, literals, arrays, objects) built from one body. */
  maxJsonValues: number;
  /** Most XML elements in one body. */
  maxXmlElements: number;
  /** Most XML attributes in one body (each costs the XML parser more than an element). */
  maxXmlAttributes: number;
  /**
   * Longest XML DOCTYPE, internal subset included. Scanner reports need none; the XML
   * parser reads a long one slowly (48 MB took 13 s and 1.6 GB).
   */
  maxXmlDoctypeLength: number;
  /** Longest string value (and JSON object key, XML text or attribute) kept, in UTF-16 units. */
  maxStringLength: number;
}

export const DEFAULT_REPORT_LIMITS: Readonly<ReportLimits> = Object.freeze({
  maxDepth: 128,
  maxJsonValues: 5_000_000,
  maxXmlElements: 500_000,
  maxXmlAttributes: 500_000,
  maxXmlDoctypeLength: 10_000,
  maxStringLength: 1000,
});

/** Longest tool name and tool version kept in a summary. */
export const MAX_TOOL_FIELD = 100;
/** Longest finding id kept. */
export const MAX_ID = 200;
/** Longest finding title kept. */
export const MAX_TITLE = 300;
/** Longest finding package or location, and scan target, kept. */
export const MAX_LABEL = 300;
/** Most findings kept in full (`topFindings`), the most severe first. */
export const MAX_TOP_FINDINGS = 20;
/** Most distinct scan targets kept. */
export const MAX_TARGETS = 20;
/** Finding identities kept per severity, enough for the SLA rules without unbounded growth. */
export const MAX_FINDING_KEYS = 5000;
/**
 * Finding fingerprints kept per report, and findings whose lifecycle is kept per component and
 * tool: enough for real reports' critical to low findings, bounded for hostile ones.
 */
export const MAX_FINGERPRINTS = 2000;
/** Longest finding identity (`id|package-or-location`) kept. */
export const MAX_FINDING_KEY = MAX_ID + 1 + MAX_LABEL;

/**
 * An upper bound on `JSON.stringify(summary).length` without `findingKeys` and `fingerprints`
 * (which are stored apart, as open findings and their lifecycle): the kept strings above at their longest, with room for JSON
 * syntax and escapes (a character can take six as `\uXXXX`).
 */
export const MAX_SUMMARY_CHARS =
  6 *
    (2 * MAX_TOOL_FIELD +
      MAX_TOP_FINDINGS * (MAX_ID + MAX_TITLE + 2 * MAX_LABEL) +
      MAX_TARGETS * MAX_LABEL) +
  4096;

/** Cuts a string to `limit` UTF-16 units, one fewer when the cut would split a surrogate pair. */
export function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const last = text.charCodeAt(limit - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? limit - 1 : limit);
}

/** Like {@link cut}, with an ellipsis as the last kept character, to show text is missing. */
export function cutWithEllipsis(text: string, limit: number): string {
  return text.length > limit ? `${cut(text, limit - 1)}…` : text;
}

/** A structural limit of the report was exceeded: answered with 422 naming the limit. */
export class ReportLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportLimitError';
  }
}
