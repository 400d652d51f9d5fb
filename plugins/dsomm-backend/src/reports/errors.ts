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
