import { isMainThread, parentPort, workerData } from 'worker_threads';
import { parseTeamProgress } from '../../progress/parseTeamProgress';
import { defaultReportParsers } from '../parsers';
import { readReport } from '../readReport';
import {
  PARSE_WORKER_MARK,
  ParseRequest,
  ParseResponse,
  SerializedError,
} from './messages';

/**
 * The file a pool worker runs. The pool imports it, so a build keeps it (and its
 * dependencies) in the output next to, or inside, the pool's own code.
 */
export const PARSE_WORKER_FILE = __filename;

function serialize(error: unknown): SerializedError {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    // A deeply nested document overflows a recursive walk: the input's fault, not ours.
    return {
      name: 'UnprocessableReportError',
      message: 'Report is nested too deeply to read',
      statusCode: 422,
    };
  }
  const e = error as { name?: string; message?: string; statusCode?: number };
  return {
    name: String(e?.name ?? 'Error'),
    message: String(e?.message ?? error),
    ...(typeof e?.statusCode === 'number' ? { statusCode: e.statusCode } : {}),
  };
}

function serve() {
  const port = parentPort!;
  port.on('message', (request: ParseRequest) => {
    let response: ParseResponse;
    try {
      // A view on the transferred memory, not a copy.
      const body = Buffer.from(
        request.body.buffer,
        request.body.byteOffset,
        request.body.byteLength,
      );
      const { task } = request;
      const result =
        task.kind === 'report'
          ? readReport(body, defaultReportParsers, task.format)
          : parseTeamProgress(body.toString('utf8'), {
              states: task.states,
              now: new Date(task.now),
            });
      response = { type: 'done', id: request.id, result };
    } catch (error) {
      response = { type: 'failed', id: request.id, error: serialize(error) };
    }
    port.postMessage(response);
  });
  port.postMessage({ type: 'ready' } satisfies ParseResponse);
}

if (!isMainThread && workerData?.[PARSE_WORKER_MARK] === true) {
  serve();
}
