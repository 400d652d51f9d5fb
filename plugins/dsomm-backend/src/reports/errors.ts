import { CustomErrorBase } from '@backstage/errors';

// Backstage's error middleware answers with an error's `statusCode` when it has one.

/** 413: the upload is larger than `dsomm.reports.maxBytes`. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413;
}

/** 415: the body is neither JSON nor XML. */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  statusCode = 415;
}

/** 422: JSON or XML, but not a report the plugin can read. */
export class UnprocessableReportError extends CustomErrorBase {
  name = 'UnprocessableReportError' as const;
  statusCode = 422;
}

/** 503: every parse worker is busy and the queue is full; try again after `retryAfterSeconds`. */
export class ParseQueueFullError extends CustomErrorBase {
  name = 'ServiceUnavailableError' as const;
  statusCode = 503;
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}
