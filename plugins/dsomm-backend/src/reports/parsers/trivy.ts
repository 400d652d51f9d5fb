import { ReportCategory, ReportFinding } from '@dsomm/plugin-dsomm-common';
import { ReportParseError } from '../ReportParseError';
import {
  describe,
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
 * Trivy JSON (`trivy image|fs|repo|config|k8s --format json`).
 *
 * Shapes read:
 * - schema 2: `{ SchemaVersion, ArtifactName, ArtifactType, CreatedAt?, Trivy?: { Version },
 *   Results: [{ Target, Class, Type, Vulnerabilities, Misconfigurations, Secrets }] }`;
 * - Kubernetes: `{ ClusterName, Vulnerabilities: [resource], Misconfigurations: [resource] }`
 *   (older) or `{ ClusterName, Resources: [resource] }` (newer), where a resource is
 *   `{ Namespace, Kind, Name, Results }`;
 * - legacy (before schema 2): a top-level list of results `[{ Target, Type, Vulnerabilities }]`,
 *   and `null` when there was nothing to report.
 *
 * Findings: every vulnerability, every misconfiguration whose `Status` is `FAIL` (or has no
 * status, as in reports that list failures only) and every secret. A secret's matched text is
 * never copied into the summary.
 */

/** A Trivy target naming an image and its OS, e.g. `alpine:3.10 (alpine 3.10.2)`. */
const IMAGE_TARGET = /^\S+ \([A-Za-z][\w.-]* .+\)$/;
/** Artifact types of a scan of source files, i.e. dependency (SCA) scans. */
const SOURCE_ARTIFACTS = new Set(['filesystem', 'repository', 'repo', 'fs']);

interface Scan {
  findings: ReportFinding[];
  targets: string[];
  vulnerabilityScan: boolean;
  configScan: boolean;
  secretScan: boolean;
  imageTargets: boolean;
}

function at(file: string | undefined, line: unknown): string | undefined {
  if (!file) return undefined;
  return typeof line === 'number' && Number.isFinite(line)
    ? `${file}:${line}`
    : file;
}

function withOptional(
  finding: Omit<ReportFinding, 'location' | 'package'>,
  location: string | undefined,
  pkg: string | undefined,
): ReportFinding {
  return {
    ...finding,
    ...(location ? { location } : {}),
    ...(pkg ? { package: pkg } : {}),
  };
}

function readResult(
  scan: Scan,
  value: unknown,
  path: string,
  resource: string | undefined,
) {
  const result = expectObject(value, path);
  const target = optionalString(result.Target);
  const resultClass = optionalString(result.Class);
  if (target) scan.targets.push(target);
  if (resultClass === 'os-pkgs' || resultClass === 'lang-pkgs') {
    scan.vulnerabilityScan = true;
  }
  if (resultClass === 'config' || result.MisconfSummary !== undefined) {
    scan.configScan = true;
  }
  if (resultClass === 'secret') scan.secretScan = true;

  const vulnerabilities = optionalArray(
    result.Vulnerabilities,
    `${path}.Vulnerabilities`,
  );
  if (vulnerabilities.length > 0) {
    scan.vulnerabilityScan = true;
    if (target && IMAGE_TARGET.test(target)) scan.imageTargets = true;
  }
  vulnerabilities.forEach((item, i) => {
    const v = expectObject(item, `${path}.Vulnerabilities[${i}]`);
    const id = optionalString(v.VulnerabilityID) ?? 'unknown';
    const name = optionalString(v.PkgName);
    const version = optionalString(v.InstalledVersion);
    const pkg = name && version ? `${name}@${version}` : name;
    scan.findings.push(
      withOptional(
        {
          id,
          title: shortTitle(v.Title, pkg ? `${id} in ${pkg}` : id),
          severity: normalizeSeverity(v.Severity),
        },
        resource ?? optionalString(v.PkgPath) ?? target,
        pkg,
      ),
    );
  });

  const misconfigurations = optionalArray(
    result.Misconfigurations,
    `${path}.Misconfigurations`,
  );
  if (misconfigurations.length > 0) scan.configScan = true;
  misconfigurations.forEach((item, i) => {
    const m = expectObject(item, `${path}.Misconfigurations[${i}]`);
    const status = optionalString(m.Status);
    // `--include-non-failures` adds PASS and EXCEPTION entries; only failures are findings.
    if (status !== undefined && status.toUpperCase() !== 'FAIL') return;
    const id = optionalString(m.ID) ?? optionalString(m.AVDID) ?? 'unknown';
    const cause = isObject(m.CauseMetadata) ? m.CauseMetadata : {};
    scan.findings.push(
      withOptional(
        {
          id,
          title: shortTitle(m.Title ?? m.Message, id),
          severity: normalizeSeverity(m.Severity),
        },
        at(resource ?? target, cause.StartLine),
        undefined,
      ),
    );
  });

  const secrets = optionalArray(result.Secrets, `${path}.Secrets`);
  if (secrets.length > 0) scan.secretScan = true;
  secrets.forEach((item, i) => {
    const s = expectObject(item, `${path}.Secrets[${i}]`);
    const id = optionalString(s.RuleID) ?? 'secret';
    // `Match` holds the (masked) secret line: deliberately not read.
    scan.findings.push(
      withOptional(
        {
          id,
          title: shortTitle(s.Title, id),
          severity: normalizeSeverity(s.Severity),
        },
        at(resource ?? target, s.StartLine),
        undefined,
      ),
    );
  });
}

function readResources(scan: Scan, value: unknown, path: string) {
  optionalArray(value, path).forEach((item, i) => {
    const resource = expectObject(item, `${path}[${i}]`);
    const name = [resource.Namespace, resource.Kind, resource.Name]
      .map(optionalString)
      .filter(Boolean)
      .join('/');
    optionalArray(resource.Results, `${path}[${i}].Results`).forEach((r, j) =>
      readResult(scan, r, `${path}[${i}].Results[${j}]`, name || undefined),
    );
  });
}

function isLegacyList(doc: unknown[]): boolean {
  const first = doc[0];
  return (
    isObject(first) &&
    typeof first.Target === 'string' &&
    ('Vulnerabilities' in first ||
      'Type' in first ||
      'Class' in first ||
      'Misconfigurations' in first ||
      'Secrets' in first)
  );
}

function isKubernetes(doc: Record<string, unknown>): boolean {
  return (
    typeof doc.ClusterName === 'string' &&
    ('Resources' in doc ||
      'Vulnerabilities' in doc ||
      'Misconfigurations' in doc)
  );
}

export const trivyParser: ReportParser = {
  format: 'trivy',
  syntax: 'json',

  detect(doc) {
    if (Array.isArray(doc)) return doc.length > 0 && isLegacyList(doc);
    if (!isObject(doc)) return false;
    if (isKubernetes(doc)) return true;
    return (
      typeof doc.SchemaVersion === 'number' &&
      ('Results' in doc || 'ArtifactName' in doc || 'ArtifactType' in doc)
    );
  },

  parse(doc) {
    const scan: Scan = {
      findings: [],
      targets: [],
      vulnerabilityScan: false,
      configScan: false,
      secretScan: false,
      imageTargets: false,
    };
    let artifactType: string | undefined;
    let version: string | undefined;
    let scannedAt: string | undefined;

    if (doc === null || Array.isArray(doc)) {
      // Legacy list of results; old Trivy wrote `null` when it had no results at all.
      // It only scanned for vulnerabilities, so it counts as a dependency scan.
      scan.vulnerabilityScan = true;
      (doc ?? []).forEach((r, i) => readResult(scan, r, `[${i}]`, undefined));
    } else if (isObject(doc)) {
      const kubernetes = isKubernetes(doc) || 'Resources' in doc;
      if (
        !kubernetes &&
        !('SchemaVersion' in doc) &&
        !('Results' in doc) &&
        !('ArtifactName' in doc)
      ) {
        throw new ReportParseError(
          'expected a Trivy report: an object with SchemaVersion and Results, a Kubernetes ' +
            'report with ClusterName, or a list of results',
        );
      }
      artifactType = optionalString(doc.ArtifactType);
      version = isObject(doc.Trivy)
        ? optionalString(doc.Trivy.Version)
        : undefined;
      scannedAt = isoTime(doc.CreatedAt);
      const artifact = optionalString(doc.ArtifactName);
      const cluster = optionalString(doc.ClusterName);
      if (artifact) scan.targets.push(artifact);
      if (cluster) scan.targets.push(cluster);
      optionalArray(doc.Results, 'Results').forEach((r, i) =>
        readResult(scan, r, `Results[${i}]`, undefined),
      );
      if (kubernetes) {
        // A cluster scan checks workload definitions, so it is a config scan even when clean.
        scan.configScan = true;
        readResources(scan, doc.Resources, 'Resources');
        readResources(scan, doc.Vulnerabilities, 'Vulnerabilities');
        readResources(scan, doc.Misconfigurations, 'Misconfigurations');
      }
    } else {
      throw new ReportParseError(
        `expected a Trivy report (an object or a list), got ${describe(doc)}`,
      );
    }

    const type = artifactType?.toLowerCase();
    const categories: ReportCategory[] = [];
    if (
      type === 'container_image' ||
      (type === undefined && scan.imageTargets)
    ) {
      categories.push('container');
    }
    // A file-system or repository scan is a dependency scan when it lists packages; one
    // whose results are only secrets or only configuration (`--scanners secret`, `trivy
    // config`) did not look at dependencies. With no results at all, nothing says otherwise.
    if (
      scan.vulnerabilityScan ||
      (type &&
        SOURCE_ARTIFACTS.has(type) &&
        !scan.configScan &&
        !scan.secretScan)
    ) {
      categories.push('sca');
    }
    if (
      scan.configScan ||
      (type && /kubernetes|k8s|cluster|config/.test(type))
    ) {
      categories.push('iac');
    }
    if (scan.secretScan) categories.push('secrets');

    return buildSummary({
      format: 'trivy',
      syntax: 'json',
      tool: { name: 'Trivy', version },
      categories,
      findings: scan.findings,
      scannedAt,
      targets: scan.targets,
    });
  },
};
