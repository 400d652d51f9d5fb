import diagnostics from 'diagnostics_channel';
import { Worker } from 'worker_threads';
import { ReportFormat, ReportSummary } from '@dsomm/plugin-dsomm-common';
import { InputError } from '@backstage/errors';
import { ParseLimits } from '../../config/readDsommConfig';
import {
  ParseQueueFullError,
  UnprocessableReportError,
  UnsupportedMediaTypeError,
} from '../errors';
import {
  PARSE_WORKER_MARK,
  ParseResponse,
  ParseTask,
  SerializedError,
} from './messages';
import type { TeamProgressEntry } from '../../progress/parseTeamProgress';
import { PARSE_WORKER_FILE } from './parseWorker';
import { ReportReader } from './ReportReader';

/**
 * Published when a worker starts and ends a parse (`{ bytes }`, then `{ bytes, outcome }`),
 * for monitoring, and for tests to act while a parse is running.
 */
export const parseStartChannel = diagnostics.channel(
  'dsomm:report-parse:start',
);
export const parseEndChannel = diagnostics.channel('dsomm:report-parse:end');

// Tagged rather than told apart with `instanceof Error`: errors from Node's worker machinery
// come from another realm under jest.
type Outcome =
  | { kind: 'answer'; response: ParseResponse }
  | { kind: 'ended'; error: Error }
  | { kind: 'timeout' };

interface Job {
  body: Buffer;
  task: ParseTask;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/** A live worker and the job it runs, if any. */
interface PoolWorker {
  worker: Worker;
  ready: Promise<void>;
  /** Called with the worker's answer, or with the error that ended it. */
  settle?: (outcome: Outcome) => void;
}

function deserialize(error: SerializedError): Error {
  // InputError carries no statusCode: Backstage answers it with 400 by its name.
  if (error.name === 'InputError') return new InputError(error.message);
  switch (error.statusCode) {
    case 400:
      return new InputError(error.message);
    case 415:
      return new UnsupportedMediaTypeError(error.message);
    case 422:
      return new UnprocessableReportError(error.message);
    default:
      return Object.assign(new Error(error.message), { name: error.name });
  }
}

/**
 * Options for a worker running from TypeScript sources (jest, `backstage-cli repo start`):
 * it loads the same transform the backend was started with. Built output is plain JS.
 */
function workerExecArgv(file: string): string[] {
  if (!/\.tsx?$/.test(file)) return [];
  return ['-r', require.resolve('@backstage/cli/config/nodeTransform.cjs')];
}

/**
 * Parses reports in worker threads, so that a large or hostile report neither blocks the event
 * loop nor grows the backend's heap. Each parse has a heap and a time budget; a worker that
 * goes over one is ended and replaced. At most `workers` parses run and `maxQueue` wait; more
 * are refused with 503.
 */
export class ParsePool implements ReportReader {
  private readonly idle: PoolWorker[] = [];
  private readonly queue: Job[] = [];
  private running = 0;
  private closed = false;
  private readonly live = new Set<PoolWorker>();

  constructor(
    private readonly limits: ParseLimits,
    private readonly workerFile: string = PARSE_WORKER_FILE,
  ) {}

  read(body: Buffer, format?: ReportFormat): Promise<ReportSummary> {
    return this.enqueue(body, {
      kind: 'report',
      format,
    }) as Promise<ReportSummary>;
  }

  /**
   * Reads DSOMM app team progress (`team-progress.yaml`) in a worker, with the same budgets
   * and queue as reports: the YAML parser is slow on large inputs.
   */
  readProgress(
    text: string,
    options: { states: string[]; now: Date },
  ): Promise<TeamProgressEntry[]> {
    return this.enqueue(Buffer.from(text, 'utf8'), {
      kind: 'progress',
      states: options.states,
      now: options.now.toISOString(),
    }) as Promise<TeamProgressEntry[]>;
  }

  private enqueue(body: Buffer, task: ParseTask): Promise<unknown> {
    if (this.closed) {
      return Promise.reject(new Error('The report parse pool is shut down'));
    }
    const { workers, maxQueue, timeoutSeconds } = this.limits;
    if (this.running >= workers && this.queue.length >= maxQueue) {
      return Promise.reject(
        new ParseQueueFullError(
          `Too many reports are being parsed (${workers} running, ${maxQueue} waiting; dsomm.reports.parse.workers and .maxQueue); try again later`,
          Math.max(1, Math.ceil(timeoutSeconds)),
        ),
      );
    }
    return new Promise<unknown>((resolve, reject) => {
      this.queue.push({ body, task, resolve, reject });
      this.pump();
    });
  }

  /** Ends every worker; later reads fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) {
      job.reject(new Error('The report parse pool is shut down'));
    }
    await Promise.all([...this.live].map(w => w.worker.terminate()));
  }

  private pump() {
    while (this.running < this.limits.workers && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running += 1;
      this.run(job)
        .then(job.resolve, job.reject)
        .finally(() => {
          this.running -= 1;
          this.pump();
        });
    }
  }

  private spawn(): PoolWorker {
    const worker = new Worker(this.workerFile, {
      workerData: { [PARSE_WORKER_MARK]: true },
      execArgv: workerExecArgv(this.workerFile),
      resourceLimits: {
        maxOldGenerationSizeMb: this.limits.maxHeapMb,
        // The young generation is extra to the old one: keep it small so that the heap budget
        // is close to the whole heap.
        maxYoungGenerationSizeMb: Math.min(
          32,
          Math.max(4, this.limits.maxHeapMb / 8),
        ),
      },
      stdout: false,
      stderr: false,
    });
    // Idle workers must not keep the process alive.
    worker.unref();
    const entry: PoolWorker = {} as PoolWorker;
    entry.worker = worker;
    entry.ready = new Promise<void>((resolve, reject) => {
      const onReadyError = (error: Error) => reject(error);
      worker.once('error', onReadyError);
      worker.once('exit', code =>
        reject(new Error(`Report parse worker exited at start (${code})`)),
      );
      const onMessage = (message: ParseResponse) => {
        if (message.type !== 'ready') return;
        worker.off('message', onMessage);
        worker.off('error', onReadyError);
        resolve();
      };
      worker.on('message', onMessage);
    });
    worker.on('message', (message: ParseResponse) => {
      if (message.type !== 'ready') {
        entry.settle?.({ kind: 'answer', response: message });
      }
    });
    worker.on('error', error =>
      entry.settle?.({ kind: 'ended', error: error as Error }),
    );
    worker.on('exit', code => {
      this.live.delete(entry);
      const at = this.idle.indexOf(entry);
      if (at >= 0) this.idle.splice(at, 1);
      entry.settle?.({
        kind: 'ended',
        error: new Error(`Report parse worker exited (${code})`),
      });
    });
    this.live.add(entry);
    return entry;
  }

  private async run(job: Job): Promise<unknown> {
    const entry = this.idle.pop() ?? this.spawn();
    await entry.ready;
    const { maxHeapMb, timeoutSeconds } = this.limits;
    const bytes = job.body.length;
    parseStartChannel.publish({ bytes });
    const outcome = await new Promise<Outcome>(resolve => {
      const timer = setTimeout(
        () => resolve({ kind: 'timeout' }),
        timeoutSeconds * 1000,
      );
      entry.settle = settled => {
        clearTimeout(timer);
        resolve(settled);
      };
      const { body } = job;
      // The worker gets the body's memory, not a copy, when it is not shared with others.
      const own =
        body.byteOffset === 0 && body.buffer.byteLength === body.byteLength;
      entry.worker.postMessage(
        { id: 0, body, task: job.task },
        own ? [body.buffer as ArrayBuffer] : [],
      );
    });
    entry.settle = undefined;
    parseEndChannel.publish({
      bytes,
      outcome: outcome.kind === 'answer' ? outcome.response.type : outcome.kind,
    });
    const what = job.task.kind === 'report' ? 'Report' : 'Team progress';
    if (outcome.kind === 'timeout') {
      await entry.worker.terminate();
      throw new UnprocessableReportError(
        `${what} took longer than the parse time limit of ${timeoutSeconds} s (dsomm.reports.parse.timeoutSeconds)`,
      );
    }
    if (outcome.kind === 'ended') {
      await entry.worker.terminate();
      if (
        (outcome.error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
      ) {
        throw new UnprocessableReportError(
          `${what} needs more memory than the parse limit of ${maxHeapMb} MB (dsomm.reports.parse.maxHeapMb)`,
        );
      }
      throw new Error(`Report parse failed: ${outcome.error.message}`);
    }
    this.idle.push(entry);
    const { response } = outcome;
    if (response.type === 'done') return response.result;
    if (response.type === 'failed') throw deserialize(response.error);
    throw new Error(
      `Unexpected message from a report parse worker: ${JSON.stringify(
        response,
      ).slice(0, 200)}`,
    );
  }
}
