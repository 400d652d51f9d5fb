import { ReportFormat, ReportSummary } from '@dsomm/plugin-dsomm-common';

/** Set in `workerData` so that the worker module starts serving only inside a pool worker. */
export const PARSE_WORKER_MARK = 'dsommParseWorker';

/** Main thread -> worker: one report to parse. */
export interface ParseRequest {
  id: number;
  body: Uint8Array;
  format?: ReportFormat;
}

/** An error crossing the thread boundary: classes do not survive structured cloning. */
export interface SerializedError {
  name: string;
  message: string;
  statusCode?: number;
}

/** Worker -> main thread. */
export type ParseResponse =
  | { type: 'ready' }
  | { type: 'done'; id: number; summary: ReportSummary }
  | { type: 'failed'; id: number; error: SerializedError };
