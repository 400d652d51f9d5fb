import { ReportCategory, ReportFinding } from '@dsomm/plugin-dsomm-common';
import {
  expectArray,
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
 * Grype JSON (`grype -o json`): `{ matches: [{ vulnerability: { id, severity, description },
 * artifact: { name, version, locations } }], source: { type, target }, descriptor: { name,
 * version, timestamp } }`. One finding per match.
 */

function optionalObject(value: unknown, path: string): Record<string, unknown> {
  return value === undefined || value === null ? {} : expectObject(value, path);
}

export const grypeParser: ReportParser = {
  format: 'grype',
  syntax: 'json',

  detect(doc) {
    return (
      isObject(doc) &&
      Array.isArray(doc.matches) &&
      (isObject(doc.descriptor) || isObject(doc.source))
    );
  },

  parse(doc) {
    const report = expectObject(doc, 'report');
    const matches = expectArray(report.matches, 'matches');
    const descriptor = optionalObject(report.descriptor, 'descriptor');
    const source = optionalObject(report.source, 'source');

    const findings: ReportFinding[] = matches.map((item, i) => {
      const match = expectObject(item, `matches[${i}]`);
      const vulnerability = expectObject(
        match.vulnerability,
        `matches[${i}].vulnerability`,
      );
      const artifact = optionalObject(match.artifact, `matches[${i}].artifact`);
      const id = optionalString(vulnerability.id) ?? 'unknown';
      const name = optionalString(artifact.name);
      const version = optionalString(artifact.version);
      const pkg = name && version ? `${name}@${version}` : name;
      const firstLocation = optionalArray(
        artifact.locations,
        `matches[${i}].artifact.locations`,
      )[0];
      const location = isObject(firstLocation)
        ? optionalString(firstLocation.path)
        : undefined;
      return {
        id,
        title: shortTitle(
          vulnerability.description,
          pkg ? `${id} in ${pkg}` : id,
        ),
        severity: normalizeSeverity(vulnerability.severity),
        ...(location ? { location } : {}),
        ...(pkg ? { package: pkg } : {}),
      };
    });

    const categories: ReportCategory[] = ['sca'];
    if (source.type === 'image') categories.push('container');
    // `source.target` is an object for images (`userInput` is what was asked for) and a
    // plain path for directory and file scans.
    const target = isObject(source.target)
      ? optionalString(source.target.userInput)
      : optionalString(source.target);

    return buildSummary({
      format: 'grype',
      syntax: 'json',
      tool: { name: 'Grype', version: optionalString(descriptor.version) },
      categories,
      findings,
      scannedAt: isoTime(descriptor.timestamp),
      targets: target ? [target] : undefined,
    });
  },
};
