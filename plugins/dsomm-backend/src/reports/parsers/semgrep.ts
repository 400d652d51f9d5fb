import { ReportFinding, Severity } from '@dsomm/plugin-dsomm-common';
import {
  expectArray,
  expectObject,
  isObject,
  optionalArray,
  optionalString,
} from '../guards';
import { buildSummary, normalizeSeverity, shortTitle } from '../summary';
import { ReportParser } from './types';

/**
 * Semgrep JSON (`semgrep --json`): `{ results: [{ check_id, path, start: { line }, extra:
 * { message, severity } }], errors: [], version? }`. One finding per result; `errors` (files
 * Semgrep could not analyse) are not findings. Detection looks for `check_id` in the results:
 * `results` and `errors` alone are also Bandit's shape (see ./bandit.ts).
 */

/** Semgrep's rule severities. INFO rules are advice, so they count as low, not info. */
const SEMGREP_SEVERITY = new Map<string, Severity>([
  ['ERROR', 'high'],
  ['WARNING', 'medium'],
  ['INFO', 'low'],
]);

function severityOf(value: unknown): Severity {
  const word = typeof value === 'string' ? value.trim().toUpperCase() : '';
  // Newer Semgrep also writes CRITICAL/HIGH/MEDIUM/LOW, which normalizeSeverity knows.
  return SEMGREP_SEVERITY.get(word) ?? normalizeSeverity(value);
}

export const semgrepParser: ReportParser = {
  format: 'semgrep',
  syntax: 'json',

  detect(doc) {
    if (!isObject(doc) || !Array.isArray(doc.results) || 'runs' in doc) {
      return false;
    }
    const first = doc.results[0];
    if (first !== undefined) return isObject(first) && 'check_id' in first;
    // An empty report is `{ results: [], errors: [] }`; Bandit's also has `metrics` and
    // `generated_at`, which Semgrep never writes.
    return (
      Array.isArray(doc.errors) &&
      !('metrics' in doc) &&
      !('generated_at' in doc)
    );
  },

  parse(doc) {
    const report = expectObject(doc, 'report');
    const results = expectArray(report.results, 'results');
    optionalArray(report.errors, 'errors');
    const findings: ReportFinding[] = results.map((item, i) => {
      const result = expectObject(item, `results[${i}]`);
      const extra =
        result.extra === undefined || result.extra === null
          ? {}
          : expectObject(result.extra, `results[${i}].extra`);
      const id = optionalString(result.check_id) ?? 'unknown';
      const path = optionalString(result.path);
      const line = isObject(result.start) ? result.start.line : undefined;
      const location =
        path && typeof line === 'number' ? `${path}:${line}` : path;
      return {
        id,
        title: shortTitle(extra.message, id),
        severity: severityOf(extra.severity),
        ...(location ? { location } : {}),
      };
    });
    return buildSummary({
      format: 'semgrep',
      syntax: 'json',
      tool: { name: 'Semgrep', version: optionalString(report.version) },
      categories: ['sast'],
      findings,
    });
  },
};
