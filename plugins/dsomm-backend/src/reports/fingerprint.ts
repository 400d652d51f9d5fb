import { createHash } from 'crypto';
import { ReportFinding, ReportFormat } from '@dsomm/plugin-dsomm-common';

/** Formats whose locations are `file:line` (checkov: `file:line (resource)`). */
const FILE_LINE_FORMATS: ReadonlySet<ReportFormat> = new Set([
  'sarif',
  'semgrep',
  'gitleaks',
  'checkov',
]);

/** A line (and column) after a file name, before the end or checkov's ` (resource)`. */
const LINE_SUFFIX = /:\d+(?::\d+)?(?=$| \()/;

/**
 * Where a finding is, as far as its identity goes: the package for dependency findings,
 * else the location. Line numbers are left out of file locations, so that code added above
 * a finding does not close it and open a new one; two findings of one rule in one file
 * share a fingerprint and are tracked as one.
 */
export function findingPlace(
  format: ReportFormat,
  finding: Pick<ReportFinding, 'location' | 'package'>,
): string {
  if (finding.package !== undefined) return finding.package;
  const location = finding.location ?? '';
  return FILE_LINE_FORMATS.has(format)
    ? location.replace(LINE_SUFFIX, '')
    : location;
}

/**
 * A finding's stable identity across reports of one tool: the format, the rule or
 * vulnerability id and its place, hashed so the stored key is short whatever the report holds.
 */
export function findingFingerprint(
  format: ReportFormat,
  finding: Pick<ReportFinding, 'id' | 'location' | 'package'>,
): string {
  return createHash('sha256')
    .update(
      `${format}\u0000${finding.id}\u0000${findingPlace(format, finding)}`,
    )
    .digest('hex')
    .slice(0, 32);
}
