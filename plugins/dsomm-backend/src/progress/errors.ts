import { CustomErrorBase, InputError } from '@backstage/errors';

/** 400: the body is not YAML (or JSON) the plugin will read; the message names the line. */
export class ProgressSyntaxError extends InputError {}

/** 422: well-formed YAML, but not DSOMM team progress; the message names the key. */
export class UnprocessableProgressError extends CustomErrorBase {
  name = 'UnprocessableProgressError' as const;
  statusCode = 422;
}
