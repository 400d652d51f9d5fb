import { ReportFinding } from '@dsomm/plugin-dsomm-common';
import { expectArray, expectObject, isObject, optionalString } from '../guards';
import { buildSummary, normalizeSeverity, shortTitle } from '../summary';
import { ReportParser } from './types';

/**
 * Semgrep Supply Chain findings as Semgrep's web API lists them (the supply chain service's
 * list of vulnerabilities): `{ vulns: [{ title, advisory: { ruleId, title, severity },
 * matchedDependency: { name, versionSpecifier }, dependencyFileLocation: { path, startLine },
 * triage: { status }, repositoryName, openedAt, ... }], hasMore, cursor }`.
 *
 * One finding per vulnerability, identified by the advisory's rule id and located by the
 * lockfile line, with the package as Semgrep matched it. Vulnerabilities triaged as fixed or
 * ignored are closed, not findings. A page with `hasMore` is read as it is: an export of
 * several pages is one object with all their `vulns`.
 */

/** Triage states that close a vulnerability. */
const CLOSED = new Set(['FIXED', 'IGNORED']);

export const semgrepSupplyChainParser: ReportParser = {
  format: 'semgrep-supply-chain',
  syntax: 'json',

  detect(doc) {
    return (
      isObject(doc) &&
      Array.isArray(doc.vulns) &&
      ('hasMore' in doc || 'cursor' in doc)
    );
  },

  parse(doc) {
    const report = expectObject(doc, 'report');
    const vulns = expectArray(report.vulns, 'vulns');
    const findings: ReportFinding[] = [];
    vulns.forEach((item, i) => {
      const vuln = expectObject(item, `vulns[${i}]`);
      const advisory =
        vuln.advisory === undefined || vuln.advisory === null
          ? {}
          : expectObject(vuln.advisory, `vulns[${i}].advisory`);
      const status = isObject(vuln.triage)
        ? optionalString(vuln.triage.status)
        : undefined;
      if (status && CLOSED.has(status.toUpperCase())) return;
      const id = optionalString(advisory.ruleId) ?? 'unknown';
      const dependency = isObject(vuln.matchedDependency)
        ? vuln.matchedDependency
        : {};
      const name = optionalString(dependency.name);
      const version = optionalString(dependency.versionSpecifier);
      const pkg = name && version ? `${name}@${version}` : name;
      const file = isObject(vuln.dependencyFileLocation)
        ? vuln.dependencyFileLocation
        : {};
      const path = optionalString(file.path);
      // The API writes line numbers as text ("111"); 0 means none.
      const line = Number(file.startLine);
      const location =
        path && Number.isInteger(line) && line > 0 ? `${path}:${line}` : path;
      findings.push({
        id,
        title: shortTitle(
          vuln.title ?? advisory.title,
          pkg ? `${id} in ${pkg}` : id,
        ),
        severity: normalizeSeverity(advisory.severity),
        ...(location ? { location } : {}),
        ...(pkg ? { package: pkg } : {}),
      });
    });
    return buildSummary({
      format: 'semgrep-supply-chain',
      syntax: 'json',
      tool: { name: 'Semgrep Supply Chain' },
      categories: ['sca'],
      findings,
    });
  },
};
