/**
 * A report that cannot be read as the format it claims or appears to be. The message says
 * what was found and what was expected; the router answers it with 422.
 */
export class ReportParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportParseError';
  }
}
