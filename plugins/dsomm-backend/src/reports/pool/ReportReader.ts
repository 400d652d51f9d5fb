import { ReportFormat, ReportSummary } from '@dsomm/plugin-dsomm-common';
import { ReportParser } from '../parsers/types';
import { readReport } from '../readReport';

/**
 * Turns a report body into its summary; throws the same 4xx errors as `readReport`. A reader
 * may take over the body's memory (a `ParsePool` transfers it to a worker, leaving the
 * caller's Buffer empty): pass a body the caller no longer needs.
 */
export interface ReportReader {
  read(body: Buffer, format?: ReportFormat): Promise<ReportSummary>;
}

/**
 * Parses on the calling thread. For tests and benches that drive the services directly; the
 * plugin itself uses a `ParsePool`.
 */
export function inlineReportReader(parsers: ReportParser[]): ReportReader {
  return {
    async read(body, format) {
      return readReport(body, parsers, format);
    },
  };
}
