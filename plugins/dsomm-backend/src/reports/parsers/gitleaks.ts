import { ReportFinding } from '@dsomm/plugin-dsomm-common';
import { ReportParseError } from '../ReportParseError';
import { describe, expectObject, isObject, optionalString } from '../guards';
import { buildSummary, shortTitle } from '../summary';
import { ReportParser } from './types';

/**
 * gitleaks JSON (`gitleaks detect --report-format json`): a top-level list of leaks.
 * gitleaks 8 writes `{ RuleID, Description, File, StartLine, Secret, Match, Commit, ... }`;
 * gitleaks 7 wrote `{ rule, file, lineNumber, offender, commit, ... }`. Both are read.
 *
 * Detection: a list whose first element has gitleaks' keys. A report without leaks is an
 * empty list `[]`, or `null` from some versions; neither says which tool wrote it. This parser
 * claims both as a gitleaks report with no findings, which is why the registry asks it last:
 * any other parser that recognises the document wins. (Legacy Trivy also wrote `null` for an
 * empty scan; such a file, uploaded without a declared format, is read as gitleaks.)
 *
 * The secret itself (`Secret`, `Match`, `offender`) is never copied into the summary.
 */

function hasLeakKeys(value: unknown): boolean {
  return (
    isObject(value) &&
    ('RuleID' in value ||
      ('Secret' in value && 'StartLine' in value) ||
      ('rule' in value && 'offender' in value))
  );
}

export const gitleaksParser: ReportParser = {
  format: 'gitleaks',
  syntax: 'json',

  detect(doc) {
    if (doc === null) return true;
    return Array.isArray(doc) && (doc.length === 0 || hasLeakKeys(doc[0]));
  },

  parse(doc) {
    if (doc !== null && !Array.isArray(doc)) {
      throw new ReportParseError(
        `expected a gitleaks report (a list of leaks), got ${describe(doc)}`,
      );
    }
    const findings: ReportFinding[] = (doc ?? []).map((item, i) => {
      const leak = expectObject(item, `[${i}]`);
      const id =
        optionalString(leak.RuleID) ?? optionalString(leak.rule) ?? 'secret';
      const file = optionalString(leak.File) ?? optionalString(leak.file);
      const line = leak.StartLine ?? leak.lineNumber;
      const location =
        file && typeof line === 'number' ? `${file}:${line}` : file;
      return {
        id,
        title: shortTitle(leak.Description ?? leak.rule, id),
        // gitleaks does not rate its findings. A secret committed to a repository is
        // exposed to everyone with read access and must be rotated, so every leak counts
        // as high severity.
        severity: 'high',
        ...(location ? { location } : {}),
      };
    });
    return buildSummary({
      format: 'gitleaks',
      syntax: 'json',
      tool: { name: 'gitleaks' },
      categories: ['secrets'],
      findings,
    });
  },
};
