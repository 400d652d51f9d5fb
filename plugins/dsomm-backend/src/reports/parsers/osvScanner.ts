import {
  ReportFinding,
  SEVERITIES,
  Severity,
} from '@dsomm/plugin-dsomm-common';
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
 * OSV-Scanner JSON (`osv-scanner --format json`): `{ results: [{ source: { path, type },
 * packages: [{ package: { name, version, ecosystem }, vulnerabilities: [osv], groups: [{ ids,
 * aliases, max_severity }] }] }] }`.
 *
 * OSV-Scanner lists every OSV record that matched, and one advisory often has several records
 * (a GHSA and the CVE it aliases); `groups` says which records are the same issue. A finding
 * is one group, as OSV-Scanner's own table shows it; records that no group covers count one
 * each. Severity: the group's `max_severity` (a CVSS base score: >= 9 critical, >= 7 high,
 * >= 4 medium, > 0 low, 0 info), else the records' `database_specific.severity` or their
 * `affected[].ecosystem_specific.severity` (e.g. GHSA's MODERATE), else unknown.
 */

const rank = (s: Severity) => SEVERITIES.indexOf(s);

function fromCvss(value: unknown): Severity | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  const score = Number(value);
  if (!Number.isFinite(score) || score < 0) return undefined;
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

/** The most severe rating an OSV record gives itself, or unknown. */
function fromRecord(record: Record<string, unknown>): Severity {
  const words: unknown[] = [];
  if (isObject(record.database_specific)) {
    words.push(record.database_specific.severity);
  }
  if (Array.isArray(record.affected)) {
    for (const affected of record.affected) {
      if (!isObject(affected)) continue;
      if (isObject(affected.ecosystem_specific)) {
        words.push(affected.ecosystem_specific.severity);
      }
      if (isObject(affected.database_specific)) {
        words.push(affected.database_specific.severity);
      }
    }
  }
  return mostSevere(words.map(normalizeSeverity));
}

function mostSevere(severities: Severity[]): Severity {
  return severities.reduce<Severity>(
    (best, s) => (rank(s) < rank(best) ? s : best),
    'unknown',
  );
}

export const osvScannerParser: ReportParser = {
  format: 'osv-scanner',
  syntax: 'json',

  detect(doc) {
    if (
      !isObject(doc) ||
      !Array.isArray(doc.results) ||
      'errors' in doc ||
      'runs' in doc
    ) {
      return false;
    }
    const first = doc.results[0];
    if (first === undefined) return true;
    return (
      isObject(first) &&
      !('check_id' in first) &&
      ('packages' in first || 'source' in first)
    );
  },

  parse(doc) {
    const report = expectObject(doc, 'report');
    const results = expectArray(report.results, 'results');
    const findings: ReportFinding[] = [];
    const targets: string[] = [];

    results.forEach((item, i) => {
      const result = expectObject(item, `results[${i}]`);
      const source = isObject(result.source) ? result.source : {};
      const sourcePath = optionalString(source.path);
      if (sourcePath) targets.push(sourcePath);

      optionalArray(result.packages, `results[${i}].packages`).forEach(
        (pkgItem, j) => {
          const path = `results[${i}].packages[${j}]`;
          const entry = expectObject(pkgItem, path);
          const info = isObject(entry.package) ? entry.package : {};
          const name = optionalString(info.name);
          const version = optionalString(info.version);
          const pkg = name && version ? `${name}@${version}` : name;

          const records = new Map<string, Record<string, unknown>>();
          const unnamed: Record<string, unknown>[] = [];
          optionalArray(
            entry.vulnerabilities,
            `${path}.vulnerabilities`,
          ).forEach((v, k) => {
            const record = expectObject(v, `${path}.vulnerabilities[${k}]`);
            const id = optionalString(record.id);
            if (id === undefined) unnamed.push(record);
            else if (!records.has(id)) records.set(id, record);
          });

          const covered = new Set<string>();
          const add = (
            id: string,
            group: Record<string, unknown>[],
            cvss: Severity | undefined,
          ) => {
            const first = group[0];
            findings.push({
              id,
              title: shortTitle(first?.summary ?? first?.details, id),
              severity: cvss ?? mostSevere(group.map(fromRecord)),
              ...(sourcePath ? { location: sourcePath } : {}),
              ...(pkg ? { package: pkg } : {}),
            });
          };

          optionalArray(entry.groups, `${path}.groups`).forEach((g, k) => {
            const group = expectObject(g, `${path}.groups[${k}]`);
            const ids = optionalArray(group.ids, `${path}.groups[${k}].ids`)
              .map(optionalString)
              .filter((id): id is string => id !== undefined);
            const aliases = optionalArray(
              group.aliases,
              `${path}.groups[${k}].aliases`,
            )
              .map(optionalString)
              .filter((id): id is string => id !== undefined);
            const fresh = ids.filter(id => !covered.has(id));
            if (fresh.length === 0) return;
            [...ids, ...aliases].forEach(id => covered.add(id));
            const members = fresh
              .map(id => records.get(id))
              .filter((r): r is Record<string, unknown> => r !== undefined);
            add(fresh[0], members, fromCvss(group.max_severity));
          });

          for (const [id, record] of records) {
            if (!covered.has(id)) add(id, [record], undefined);
          }
          for (const record of unnamed) add('unknown', [record], undefined);
        },
      );
    });

    return buildSummary({
      format: 'osv-scanner',
      syntax: 'json',
      tool: { name: 'OSV-Scanner' },
      categories: ['sca'],
      findings,
      targets,
    });
  },
};
