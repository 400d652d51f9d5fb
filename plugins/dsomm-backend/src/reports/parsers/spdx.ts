import { ReportCategory, ReportFinding } from '@dsomm/plugin-dsomm-common';
import {
  expectObject,
  isObject,
  optionalArray,
  optionalString,
} from '../guards';
import { buildSummary, isoTime, shortTitle } from '../summary';
import { ReportParser } from './types';

/**
 * SPDX 2.x documents in JSON (`spdxVersion` "SPDX-2.2", "SPDX-2.3", ...), as written by Syft,
 * Trivy, the GitHub dependency graph and others.
 *
 * - Tool: the first `creationInfo.creators` entry of the form `Tool: name-version`;
 *   "SPDX" when the document names no tool.
 * - componentCount: the number of `packages`.
 * - Findings: SPDX 2.x has no vulnerability element. What it has are package external
 *   references in the SECURITY category; of those, only `referenceType: advisory` states a
 *   vulnerability ("a published security advisory that may affect" the package). Each distinct
 *   advisory of a package counts as one finding, with `unknown` severity since SPDX carries
 *   none, and the CVE/GHSA/...SEC id from the advisory address when it has one (the address
 *   itself otherwise). `cpe22Type`/`cpe23Type` (identifiers), `fix` (where a fix is) and `url`
 *   ("other security information") references are not counted.
 * - Categories: `sbom`, plus `sca` when at least one advisory is listed.
 */

const ADVISORY_ID =
  /\b(CVE-\d{4}-\d{4,}|GHSA(?:-[0-9a-z]{4}){3}|[A-Z]{2,16}SEC-\d{4}-\d+|OSV-\d{4}-\d+)\b/i;

/** `Tool: syft-1.50.0` gives syft 1.50.0, `Tool: scancode-toolkit-32.0.1` scancode-toolkit 32.0.1. */
function toolOf(creators: unknown[]): { name: string; version?: string } {
  for (const creator of creators) {
    if (typeof creator !== 'string') continue;
    const entry = creator.trim();
    if (entry.slice(0, 5).toLowerCase() !== 'tool:') continue;
    const tool = entry.slice(5).trim();
    if (!tool) continue;
    // The version starts at the first '-' followed by a number ("1.50.0", "v2", "7"), so
    // that "my-2fa-tool-1.0" gives my-2fa-tool 1.0. (No regex over the whole text: it comes
    // from an upload.)
    const versionStart = /v?\d+(\.|$)/y;
    for (let i = tool.indexOf('-'); i > 0; i = tool.indexOf('-', i + 1)) {
      versionStart.lastIndex = i + 1;
      if (versionStart.test(tool)) {
        return { name: tool.slice(0, i), version: tool.slice(i + 1) };
      }
    }
    return { name: tool };
  }
  return { name: 'SPDX' };
}

function normalizeWord(value: unknown): string | undefined {
  return typeof value === 'string'
    ? value.trim().toUpperCase().replace(/_/g, '-')
    : undefined;
}

function advisoryId(locator: string): string {
  const match = ADVISORY_ID.exec(locator);
  return match ? match[1].toUpperCase() : locator;
}

export const spdxParser: ReportParser = {
  format: 'spdx',
  syntax: 'json',

  detect(doc) {
    return (
      isObject(doc) &&
      typeof doc.spdxVersion === 'string' &&
      doc.spdxVersion.startsWith('SPDX-2')
    );
  },

  parse(doc) {
    const report = expectObject(doc, 'report');
    const creationInfo =
      report.creationInfo === undefined || report.creationInfo === null
        ? {}
        : expectObject(report.creationInfo, 'creationInfo');
    const creators = optionalArray(
      creationInfo.creators,
      'creationInfo.creators',
    );
    const packages = optionalArray(report.packages, 'packages');

    const findings: ReportFinding[] = [];
    packages.forEach((item, i) => {
      const path = `packages[${i}]`;
      const pkg = expectObject(item, path);
      const name = optionalString(pkg.name);
      const version = optionalString(pkg.versionInfo);
      let packageLabel = optionalString(pkg.SPDXID);
      if (name) packageLabel = version ? `${name}@${version}` : name;
      const seen = new Set<string>();
      optionalArray(pkg.externalRefs, `${path}.externalRefs`).forEach(
        (r, j) => {
          const ref = expectObject(r, `${path}.externalRefs[${j}]`);
          if (
            normalizeWord(ref.referenceCategory) !== 'SECURITY' ||
            normalizeWord(ref.referenceType) !== 'ADVISORY'
          ) {
            return;
          }
          const locator = optionalString(ref.referenceLocator)?.trim();
          if (!locator || seen.has(locator)) return;
          seen.add(locator);
          const id = advisoryId(locator);
          findings.push({
            id,
            title: shortTitle(
              optionalString(ref.comment),
              `Security advisory ${id}`,
            ),
            severity: 'unknown',
            ...(packageLabel ? { package: packageLabel } : {}),
          });
        },
      );
    });

    const categories: ReportCategory[] =
      findings.length > 0 ? ['sbom', 'sca'] : ['sbom'];
    const name = optionalString(report.name)?.trim();
    return buildSummary({
      format: 'spdx',
      syntax: 'json',
      tool: toolOf(creators),
      categories,
      findings,
      scannedAt: isoTime(creationInfo.created),
      componentCount: packages.length,
      targets: name ? [name] : undefined,
    });
  },
};
