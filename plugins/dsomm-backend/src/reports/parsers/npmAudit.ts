import { ReportFinding } from '@dsomm/plugin-dsomm-common';
import {
  expectObject,
  isObject,
  optionalArray,
  optionalString,
} from '../guards';
import { MAX_TITLE } from '../limits';
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

interface Package {
  advisories: Advisory[];
  through: string[];
}

/** The first names of a `via` list, enough for a title (which is cut to 300 characters). */
function throughLine(through: string[]): string {
  let line = '';
  for (let i = 0; i < through.length; i++) {
    if (line.length > MAX_TITLE) return `${line}, …`;
    line = i === 0 ? through[i] : `${line}, ${through[i]}`;
  }
  return line;
}

/**
 * For each package without an advisory of its own, the first advisory reached through its
 * `via` chain: the nearest package with advisories, ties going to the earlier `via` entry at
 * the first step where the paths differ (what a breadth-first search from the package finds).
 *
 * Searching from every package would cost packages x chain length (a 10,000-package chain took
 * a minute). Instead one breadth-first search runs backwards from all packages with advisories
 * at once, which gives every package its distance; a package then takes its first `via` entry
 * one step closer, and that entry's advisory. Linear in packages plus `via` entries.
 */
function resolveInherited(
  packages: Map<string, Package>,
): Map<string, Advisory> {
  const distance = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  const queue: string[] = [];
  for (const [name, pkg] of packages) {
    if (pkg.advisories.length > 0) {
      distance.set(name, 0);
      queue.push(name);
      continue;
    }
    for (const target of pkg.through) {
      // Only packages listed in the report carry the search on, as they do forwards.
      if (!packages.has(target)) continue;
      let list = dependents.get(target);
      if (!list) {
        list = [];
        dependents.set(target, list);
      }
      list.push(name);
    }
  }
  // Distances grow along the queue, so packages are met nearest first.
  const order: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const name = queue[i];
    const d = distance.get(name)!;
    if (d > 0) order.push(name);
    for (const dependent of dependents.get(name) ?? []) {
      if (distance.has(dependent)) continue;
      distance.set(dependent, d + 1);
      queue.push(dependent);
    }
  }
  const inherited = new Map<string, Advisory>();
  for (const name of order) {
    const d = distance.get(name)!;
    const step = packages
      .get(name)!
      .through.find(target => distance.get(target) === d - 1)!;
    const pkg = packages.get(step)!;
    inherited.set(
      name,
      pkg.advisories.length > 0 ? pkg.advisories[0] : inherited.get(step)!,
    );
  }
  return inherited;
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

    const inheritedAdvisories = resolveInherited(packages);

    const findings: ReportFinding[] = [];
    for (const [key, { entry, advisories, through }] of packages) {
      const name = optionalString(entry.name) ?? key;
      const own = advisories[0];
      const inherited = own ? undefined : inheritedAdvisories.get(key);
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
            ? `${name} is vulnerable through ${throughLine(through)}`
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
