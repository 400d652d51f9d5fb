import { ReportFinding } from '@dsomm/plugin-dsomm-common';
import {
  expectArray,
  expectObject,
  isObject,
  optionalArray,
  optionalString,
} from '../guards';
import {
  buildSummary,
  isoTime,
  normalizeSeverity,
  shortTitle,
} from '../summary';
import { ReportParser } from './types';

/**
 * Bandit JSON (`bandit -r -f json`): `{ errors: [], generated_at, metrics: { _totals, <file>:
 * {...} }, results: [{ filename, line_number, issue_severity, issue_confidence, issue_text,
 * test_id, test_name, ... }] }`. One finding per result; `errors` (files Bandit could not
 * parse) are not findings.
 *
 * Like Semgrep's it has `results` and `errors`; what tells them apart is Bandit's `metrics`
 * and `generated_at` beside them, and `test_id`/`issue_severity` in each result.
 */

function isBanditResult(value: unknown): boolean {
  return isObject(value) && 'test_id' in value && 'issue_severity' in value;
}

export const banditParser: ReportParser = {
  format: 'bandit',
  syntax: 'json',

  detect(doc) {
    if (!isObject(doc) || !Array.isArray(doc.results)) return false;
    if (doc.results.length > 0) return isBanditResult(doc.results[0]);
    // An empty report: only Bandit's per-file metrics say whose it is.
    return isObject(doc.metrics) && isObject(doc.metrics._totals);
  },

  parse(doc) {
    const report = expectObject(doc, 'report');
    const results = expectArray(report.results, 'results');
    optionalArray(report.errors, 'errors');
    const findings: ReportFinding[] = results.map((item, i) => {
      const result = expectObject(item, `results[${i}]`);
      const id = optionalString(result.test_id) ?? 'unknown';
      const name = optionalString(result.test_name);
      const file = optionalString(result.filename);
      const line = result.line_number;
      const location =
        file && typeof line === 'number' ? `${file}:${line}` : file;
      return {
        id,
        // issue_text says what is wrong; test_name (e.g. "blacklist") is the fallback.
        title: shortTitle(result.issue_text, name ?? id),
        // HIGH, MEDIUM, LOW; UNDEFINED gives unknown.
        severity: normalizeSeverity(result.issue_severity),
        ...(location ? { location } : {}),
      };
    });
    return buildSummary({
      format: 'bandit',
      syntax: 'json',
      // Bandit's JSON does not state its version.
      tool: { name: 'Bandit' },
      categories: ['sast'],
      findings,
      scannedAt: isoTime(report.generated_at),
    });
  },
};
