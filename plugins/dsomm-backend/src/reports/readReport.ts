import { InputError } from '@backstage/errors';
import { ReportFormat, ReportSummary } from '@dsomm/plugin-dsomm-common';
import { UnprocessableReportError, UnsupportedMediaTypeError } from './errors';
import {
  DEFAULT_REPORT_LIMITS,
  ReportLimitError,
  ReportLimits,
} from './limits';
import { ReportParser } from './parsers/types';
import { ReportParseError } from './ReportParseError';
import { JsonSyntaxError, streamJson } from './streamJson';
import { parseXml } from './xml';

const FORMAT_NAMES: Record<ReportFormat, string> = {
  sarif: 'SARIF 2.1.0',
  cyclonedx: 'CycloneDX',
  spdx: 'SPDX 2.x',
  trivy: 'Trivy',
  gitleaks: 'gitleaks',
  semgrep: 'Semgrep',
  checkov: 'Checkov',
  zap: 'OWASP ZAP',
  grype: 'Grype',
  'npm-audit': 'npm audit (v7+)',
  'osv-scanner': 'OSV-Scanner',
  bandit: 'Bandit',
  'semgrep-supply-chain': 'Semgrep Supply Chain (API export)',
};

/** What the top of a parsed document looks like, to say what was recognised. */
function describeTop(doc: unknown): string {
  if (Array.isArray(doc)) return `a list of ${doc.length} item(s)`;
  if (typeof doc === 'object' && doc !== null) {
    const keys = Object.keys(doc).slice(0, 8);
    return keys.length
      ? `an object with keys ${keys.join(', ')}`
      : 'an empty object';
  }
  return `a ${typeof doc}`;
}

/** 422 for a report over one of the structural limits, naming it. */
function tooLarge(error: ReportLimitError): UnprocessableReportError {
  return new UnprocessableReportError(
    `Report is over a parsing limit: ${error.message}`,
  );
}

/** JavaScript's whitespace (what `String#trim` removes), tested one character at a time. */
const JS_SPACE = /^\s$/;

/**
 * The index of the first byte at or after `from` that does not start whitespace as
 * `String#trim` sees it (ASCII or Unicode), or the body's length. Reads only that far.
 */
function skipSpace(body: Buffer, from: number): number {
  let i = from;
  while (i < body.length) {
    const byte = body[i];
    if (byte === 0x20 || (byte >= 0x09 && byte <= 0x0d)) {
      i++;
      continue;
    }
    if (byte < 0x80) return i;
    // A multi-byte character: decode it alone (at most 4 bytes). An invalid sequence gives
    // U+FFFD, which is not whitespace.
    const char = body.toString('utf8', i, Math.min(i + 4, body.length))[0];
    if (!JS_SPACE.test(char)) return i;
    i += Buffer.byteLength(char);
  }
  return i;
}

const NULL_BYTES = Buffer.from('null');

/**
 * Reads a report body: works out its syntax (JSON or XML), then its format (given, or
 * detected from content), and summarises it with that format's parser. Throws 400 for
 * broken JSON or XML, 415 for a body that is neither and 422 for one that is not a readable
 * report.
 *
 * A JSON body is read by `streamJson` straight from its bytes, leaving out members no parser
 * reads, so that a large report is not copied into one string and a full object tree.
 */
export interface ReadReportOptions {
  /** Overrides of the structural limits (see ./limits); the defaults otherwise. */
  limits?: Partial<ReportLimits>;
}

export function readReport(
  body: Buffer,
  parsers: ReportParser[],
  format?: ReportFormat,
  options: ReadReportOptions = {},
): ReportSummary {
  const limits: ReportLimits = { ...DEFAULT_REPORT_LIMITS, ...options.limits };
  // A UTF-8 byte order mark is not part of the report.
  const start =
    body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf
      ? 3
      : 0;
  const firstAt = skipSpace(body, start);
  const first = firstAt < body.length ? body[firstAt] : undefined;
  let syntax: 'json' | 'xml';
  let doc: unknown;
  // Some tools write a bare `null` when they found nothing (Trivy's legacy format, gitleaks).
  const bareNull =
    first === 0x6e &&
    body.subarray(firstAt, firstAt + 4).equals(NULL_BYTES) &&
    skipSpace(body, firstAt + 4) === body.length;
  if (first === 0x7b || first === 0x5b || bareNull) {
    syntax = 'json';
    try {
      doc = streamJson(body.subarray(start), {
        byteOffset: start,
        maxDepth: limits.maxDepth,
        maxValues: limits.maxJsonValues,
        maxStringLength: limits.maxStringLength,
      });
    } catch (error) {
      if (error instanceof ReportLimitError) throw tooLarge(error);
      if (!(error instanceof JsonSyntaxError)) throw error;
      // JSON, but broken: a bad request (400), not an unknown media type.
      throw new InputError(
        `Report body looks like JSON but does not parse: ${error.message}`,
      );
    }
  } else if (first === 0x3c) {
    syntax = 'xml';
    const text = body.toString('utf8', start);
    try {
      doc = parseXml(text, limits);
    } catch (error) {
      if (error instanceof ReportLimitError) throw tooLarge(error);
      throw new InputError(
        `Report body looks like XML but does not parse: ${
          (error as Error).message
        }`,
      );
    }
  } else {
    throw new UnsupportedMediaTypeError(
      first === undefined
        ? 'Report body is empty; expected a JSON or XML scanner report'
        : 'Report body is neither JSON nor XML; expected a JSON or XML scanner report',
    );
  }

  const candidates = parsers.filter(p => p.syntax === syntax);
  let parser: ReportParser | undefined;
  if (format) {
    parser = candidates.find(p => p.format === format);
    if (!parser) {
      const syntaxes = parsers
        .filter(p => p.format === format)
        .map(p => p.syntax);
      throw new UnprocessableReportError(
        `format=${format} reports are ${syntaxes.join(
          ' or ',
        )}, but the body is ${syntax.toUpperCase()}`,
      );
    }
    // A named format skips guessing, not checking: another tool's report is refused, not
    // read as an empty one. A bare `null` is how some tools say they found nothing.
    if (doc !== null && !parser.detect(doc)) {
      throw new UnprocessableReportError(
        `Body is not a ${
          FORMAT_NAMES[parser.format]
        } report: found ${describeTop(doc)}`,
      );
    }
  } else {
    parser = candidates.find(p => p.detect(doc));
    if (!parser) {
      const known = [...new Set(candidates.map(p => FORMAT_NAMES[p.format]))];
      throw new UnprocessableReportError(
        `${syntax.toUpperCase()} report of no known format: found ${describeTop(
          doc,
        )}; expected one of ${known.join(', ')}`,
      );
    }
  }
  try {
    return parser.parse(doc);
  } catch (error) {
    if (error instanceof ReportParseError) {
      throw new UnprocessableReportError(
        `Not a valid ${FORMAT_NAMES[parser.format]} report: ${error.message}`,
      );
    }
    throw error;
  }
}
