import { ReportFormat, ReportSummary } from '@dsomm/plugin-dsomm-common';
import type { TeamProgressEntry } from '../../progress/parseTeamProgress';

/** Set in `workerData` so that the worker module starts serving only inside a pool worker. */
export const PARSE_WORKER_MARK = 'dsommParseWorker';

/** What a worker is asked to read: a scanner report, or DSOMM app team progress. */
export type ParseTask =
  | { kind: 'report'; format?: ReportFormat }
  | {
      kind: 'progress';
      /** `dsomm.progress.states`. */
      states: string[];
      /** ISO 8601: dates after it are refused. */
      now: string;
    };

/** Main thread -> worker: one body to read. */
export interface ParseRequest {
  id: number;
  body: Uint8Array;
  task: ParseTask;
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
  | { type: 'done'; id: number; result: ReportSummary | TeamProgressEntry[] }
  | { type: 'failed'; id: number; error: SerializedError };
