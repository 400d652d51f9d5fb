import { ReportFinding } from '@dsomm/plugin-dsomm-common';
import { ReportParseError } from '../ReportParseError';
import {
  describe,
  expectObject,
  isObject,
  optionalArray,
  optionalString,
} from '../guards';
import { buildSummary, normalizeSeverity, shortTitle } from '../summary';
import { ReportParser } from './types';

/**
 * Checkov JSON (`checkov -o json`): one report `{ check_type, results: { passed_checks,
 * failed_checks, skipped_checks, parsing_errors }, summary: { checkov_version, ... } }`, or a
 * list of them when several frameworks ran. When Checkov found nothing to scan it writes only
 * the summary, `{ passed, failed, skipped, parsing_errors, resource_count, checkov_version }`;
 * that is read as a report with no findings.
 *
 * One finding per entry of `failed_checks`, not `summary.failed`: the list is what the report
 * shows. Open-source Checkov leaves `severity` null, which gives `unknown`.
 */

function isCheckReport(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.check_type === 'string' &&
    isObject(value.results)
  );
}

function isSummaryOnly(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.checkov_version === 'string' &&
    typeof value.passed === 'number' &&
    typeof value.failed === 'number'
  );
}

function readReport(
  value: unknown,
  path: string,
  findings: ReportFinding[],
): string | undefined {
  const report = expectObject(value, path || 'report');
  const prefix = path ? `${path}.` : '';
  if (isSummaryOnly(report) && !('results' in report)) {
    return optionalString(report.checkov_version);
  }
  if (!('check_type' in report) && !('results' in report)) {
    throw new ReportParseError(
      `${
        path || 'report'
      }: expected a Checkov report with check_type and results`,
    );
  }
  const results = expectObject(report.results, `${prefix}results`);
  optionalArray(
    results.failed_checks,
    `${prefix}results.failed_checks`,
  ).forEach((item, i) => {
    const check = expectObject(item, `${prefix}results.failed_checks[${i}]`);
    const id = optionalString(check.check_id) ?? 'unknown';
    const file = optionalString(check.file_path);
    const range = Array.isArray(check.file_line_range)
      ? check.file_line_range
      : [];
    const line = typeof range[0] === 'number' ? range[0] : undefined;
    const resource = optionalString(check.resource);
    const place = file && line !== undefined ? `${file}:${line}` : file;
    const location =
      place && resource ? `${place} (${resource})` : place ?? resource;
    findings.push({
      id,
      title: shortTitle(check.check_name, id),
      severity: normalizeSeverity(check.severity),
      ...(location ? { location } : {}),
    });
  });
  return isObject(report.summary)
    ? optionalString(report.summary.checkov_version)
    : undefined;
}

export const checkovParser: ReportParser = {
  format: 'checkov',
  syntax: 'json',

  detect(doc) {
    if (Array.isArray(doc)) {
      return doc.length > 0 && (isCheckReport(doc[0]) || isSummaryOnly(doc[0]));
    }
    return isCheckReport(doc) || isSummaryOnly(doc);
  },

  parse(doc) {
    const findings: ReportFinding[] = [];
    let version: string | undefined;
    if (Array.isArray(doc)) {
      doc.forEach((report, i) => {
        const reportVersion = readReport(report, `[${i}]`, findings);
        version = version ?? reportVersion;
      });
    } else if (isObject(doc)) {
      version = readReport(doc, '', findings);
    } else {
      throw new ReportParseError(
        `expected a Checkov report (an object or a list of them), got ${describe(
          doc,
        )}`,
      );
    }
    return buildSummary({
      format: 'checkov',
      syntax: 'json',
      tool: { name: 'Checkov', version },
      categories: ['iac'],
      findings,
    });
  },
};
