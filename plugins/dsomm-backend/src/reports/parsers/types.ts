import { ReportFormat, ReportSummary } from '@dsomm/plugin-dsomm-common';

/**
 * A pure parser for one report format. `doc` is the report already parsed from its syntax:
 * `JSON.parse` output for JSON, or for XML the object `parseXml` (../xml.ts) builds.
 */
export interface ReportParser {
  format: ReportFormat;
  syntax: 'json' | 'xml';
  /** True when the document is of this format; cheap, looks at the top level only. */
  detect(doc: unknown): boolean;
  /**
   * Summarises the document. Throws ReportParseError naming what is wrong when the document
   * does not have the shape of the format; never throws anything else.
   */
  parse(doc: unknown): ReportSummary;
}
