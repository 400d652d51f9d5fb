import { ReportFormat, ReportSummary } from '@dsomm/plugin-dsomm-common';
import { UnprocessableReportError, UnsupportedMediaTypeError } from './errors';
import { ReportParser } from './parsers/types';
import { ReportParseError } from './ReportParseError';
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

/**
 * Reads a report body: works out its syntax (JSON or XML), then its format (given, or
 * detected from content), and summarises it with that format's parser. Throws 415 for a
 * body that is neither JSON nor XML and 422 for one that is not a readable report.
 */
export function readReport(
  body: Buffer,
  parsers: ReportParser[],
  format?: ReportFormat,
): ReportSummary {
  const text = body.toString('utf8').replace(/^\uFEFF/, '');
  const first = text.trimStart()[0];
  let syntax: 'json' | 'xml';
  let doc: unknown;
  // Some tools write a bare `null` when they found nothing (Trivy's legacy format, gitleaks).
  if (first === '{' || first === '[' || text.trim() === 'null') {
    syntax = 'json';
    try {
      doc = JSON.parse(text);
    } catch (error) {
      throw new UnsupportedMediaTypeError(
        `Report body looks like JSON but does not parse: ${
          (error as Error).message
        }`,
      );
    }
  } else if (first === '<') {
    syntax = 'xml';
    try {
      doc = parseXml(text);
    } catch (error) {
      throw new UnsupportedMediaTypeError(
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
