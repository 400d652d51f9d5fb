import { ReportFinding } from '@dsomm/plugin-dsomm-common';
import {
  expectObject,
  isObject,
  optionalArray,
  optionalString,
} from '../guards';
import { buildSummary, normalizeSeverity, shortTitle } from '../summary';
import { ReportParser } from './types';

/**
 * npm audit JSON from npm 7 and later (`npm audit --json`, `auditReportVersion: 2`):
 * `{ vulnerabilities: { [package]: { name, severity, via, effects, range, nodes } },
 * metadata: { vulnerabilities: { info, low, moderate, high, critical, total } } }`.
 * Each `via` entry is either an advisory object (`{ source, title, url, severity }`) or the
 * name of another vulnerable package this one depends on.
 *
 * What the counts mean: one finding per vulnerable package, with npm's severity for that
 * package. These are the numbers npm itself prints and writes to `metadata.vulnerabilities`,
 * so the summary agrees with `npm audit`. They are not the number of distinct advisories:
 * a package that is vulnerable only through a dependency counts too (as npm counts it), and
 * one package with two advisories counts once. A finding's id is the package's first
 * advisory (its own, or the first reached through its `via` chain).
 *
 * npm audit names no installed version, only the vulnerable `range`, so `package` is the bare
 * package name.
 */

interface Advisory {
  id: string;
  title: string;
}

function advisoryOf(value: Record<string, unknown>): Advisory {
  const url = optionalString(value.url);
  const ghsa = url?.match(/GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}/)?.[0];
  const source = optionalString(value.source);
  const id = ghsa ?? (source ? `npm-advisory-${source}` : 'npm-advisory');
  return { id, title: shortTitle(value.title, id) };
}

export const npmAuditParser: ReportParser = {
  format: 'npm-audit',
  syntax: 'json',

  detect(doc) {
    return (
      isObject(doc) &&
      typeof doc.auditReportVersion === 'number' &&
      doc.auditReportVersion >= 2 &&
      isObject(doc.vulnerabilities)
    );
  },

  parse(doc) {
    const report = expectObject(doc, 'report');
    const vulnerabilities = expectObject(
      report.vulnerabilities,
      'vulnerabilities',
    );

    // First pass: check the shape and collect each package's own advisories and the
    // packages it is vulnerable through.
    const packages = new Map<
      string,
      {
        entry: Record<string, unknown>;
        advisories: Advisory[];
        through: string[];
      }
    >();
    for (const [key, value] of Object.entries(vulnerabilities)) {
      const path = `vulnerabilities[${JSON.stringify(key)}]`;
      const entry = expectObject(value, path);
      const advisories: Advisory[] = [];
      const through: string[] = [];
      optionalArray(entry.via, `${path}.via`).forEach((via, i) => {
        if (typeof via === 'string') through.push(via);
        else
          advisories.push(advisoryOf(expectObject(via, `${path}.via[${i}]`)));
      });
      packages.set(key, { entry, advisories, through });
    }

    /** The first advisory reached from a package through its `via` chain. */
    const firstAdvisory = (start: string): Advisory | undefined => {
      const seen = new Set<string>([start]);
      const queue = [...(packages.get(start)?.through ?? [])];
      for (let i = 0; i < queue.length; i++) {
        const name = queue[i];
        if (seen.has(name)) continue;
        seen.add(name);
        const next = packages.get(name);
        if (!next) continue;
        if (next.advisories.length > 0) return next.advisories[0];
        queue.push(...next.through);
      }
      return undefined;
    };

    const findings: ReportFinding[] = [];
    for (const [key, { entry, advisories, through }] of packages) {
      const name = optionalString(entry.name) ?? key;
      const own = advisories[0];
      const inherited = own ? undefined : firstAdvisory(key);
      const id = (own ?? inherited)?.id ?? `npm-package-${name}`;
      let title: string;
      if (own) {
        title =
          advisories.length > 1
            ? shortTitle(`${own.title} (and ${advisories.length - 1} more)`, id)
            : own.title;
      } else {
        title = shortTitle(
          through.length > 0
            ? `${name} is vulnerable through ${through.join(', ')}`
            : undefined,
          `${name} is vulnerable`,
        );
      }
      const node = optionalArray(
        entry.nodes,
        `vulnerabilities[${JSON.stringify(key)}].nodes`,
      )[0];
      const location = optionalString(node);
      findings.push({
        id,
        title,
        severity: normalizeSeverity(entry.severity),
        ...(location ? { location } : {}),
        package: name,
      });
    }

    return buildSummary({
      format: 'npm-audit',
      syntax: 'json',
      tool: { name: 'npm audit' },
      categories: ['sca'],
      findings,
    });
  },
};
