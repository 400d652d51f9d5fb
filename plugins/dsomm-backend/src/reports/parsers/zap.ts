import {
  ReportFinding,
  ReportSummary,
  Severity,
} from '@dsomm/plugin-dsomm-common';
import {
  expectObject,
  isObject,
  optionalArray,
  optionalString,
} from '../guards';
import { ReportParseError } from '../ReportParseError';
import {
  buildSummary,
  isoTime,
  normalizeSeverity,
  shortTitle,
} from '../summary';
import { asList, xmlElement, xmlText } from '../xml';
import { ReportParser } from './types';

/**
 * OWASP ZAP's traditional reports: the XML report (`<OWASPZAPReport>`) and the JSON report
 * (`{ "@programName": "ZAP", "@version", "@generated", "site": [...] }`). Both are read into
 * one shape and summarised alike.
 *
 * - Findings: one per alert (`alertitem`) and site, NOT one per instance: an alert is one
 *   weakness found by one rule, its instances are the URLs showing it (the XML `count`). A
 *   header missing on 11 pages is one finding. Alerts with confidence 0 ("False Positive",
 *   set by a person in ZAP) are left out.
 * - Severity: `riskcode` 3 high, 2 medium, 1 low, 0 info (else the first word of `riskdesc`).
 * - Tool: "OWASP ZAP" and `@version`; targets: the sites' names.
 * - scannedAt: `@generated`. ZAP writes it without a time zone ("Mon, 26 Apr 2021 07:03:32",
 *   the scanning host's local time); it is read as UTC, so the result does not depend on the
 *   time zone of the backend.
 */

interface ZapAlert {
  id?: string;
  title?: string;
  riskcode?: string;
  riskdesc?: string;
  confidence?: string;
  uri?: string;
}

interface ZapReport {
  version?: string;
  generated?: string;
  sites: { name?: string; alerts: ZapAlert[] }[];
}

function severityOf(alert: ZapAlert): Severity {
  switch (alert.riskcode?.trim()) {
    case '3':
      return 'high';
    case '2':
      return 'medium';
    case '1':
      return 'low';
    case '0':
      return 'info';
    default:
      return normalizeSeverity(alert.riskdesc?.trim().split(/\s+/, 1)[0]);
  }
}

function zapTime(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const noZone =
    /^[A-Za-z]{3}, \d{1,2} [A-Za-z]{3} \d{4} \d{1,2}:\d{2}(:\d{2})?$/;
  return isoTime(noZone.test(value.trim()) ? `${value.trim()} GMT` : value);
}

function summarize(report: ZapReport, syntax: 'json' | 'xml'): ReportSummary {
  const findings: ReportFinding[] = [];
  const targets: string[] = [];
  for (const site of report.sites) {
    if (site.name) targets.push(site.name);
    for (const alert of site.alerts) {
      if (alert.confidence?.trim() === '0') continue;
      const id = alert.id ?? 'unknown-alert';
      const location = alert.uri ?? site.name;
      findings.push({
        id,
        title: shortTitle(alert.title, id),
        severity: severityOf(alert),
        ...(location ? { location } : {}),
      });
    }
  }
  return buildSummary({
    format: 'zap',
    syntax,
    tool: report.version
      ? { name: 'OWASP ZAP', version: report.version }
      : { name: 'OWASP ZAP' },
    categories: ['dast'],
    findings,
    scannedAt: zapTime(report.generated),
    targets,
  });
}

// ---- XML -----------------------------------------------------------------------------

function readXml(doc: unknown): ZapReport {
  const top = expectObject(doc, 'document');
  if (!('OWASPZAPReport' in top)) {
    throw new ReportParseError(
      'document: expected an <OWASPZAPReport> root element, found none',
    );
  }
  const root = xmlElement(top.OWASPZAPReport, 'OWASPZAPReport');
  const sites = asList(root.site).map((s, i) => {
    const sitePath = `OWASPZAPReport.site[${i}]`;
    const site = xmlElement(s, sitePath);
    const alerts: ZapAlert[] = [];
    for (const container of asList(site.alerts)) {
      const content = xmlElement(container, `${sitePath}.alerts`);
      asList(content.alertitem).forEach((a, j) => {
        const path = `${sitePath}.alerts.alertitem[${j}]`;
        const item = xmlElement(a, path);
        const instances = xmlElement(
          Array.isArray(item.instances) ? item.instances[0] : item.instances,
          `${path}.instances`,
        );
        const first = asList(instances.instance)[0];
        alerts.push({
          id: xmlText(item.alertRef) ?? xmlText(item.pluginid),
          title: xmlText(item.name) ?? xmlText(item.alert),
          riskcode: xmlText(item.riskcode),
          riskdesc: xmlText(item.riskdesc),
          confidence: xmlText(item.confidence),
          uri: isObject(first) ? xmlText(first.uri) : undefined,
        });
      });
    }
    return { name: optionalString(site['@_name']), alerts };
  });
  return {
    version: optionalString(root['@_version']),
    generated: optionalString(root['@_generated']),
    sites,
  };
}

// ---- JSON ----------------------------------------------------------------------------

function readJson(doc: unknown): ZapReport {
  const report = expectObject(doc, 'report');
  const siteList = isObject(report.site)
    ? [report.site]
    : optionalArray(report.site, 'site');
  const sites = siteList.map((s, i) => {
    const sitePath = `site[${i}]`;
    const site = expectObject(s, sitePath);
    const alerts = optionalArray(site.alerts, `${sitePath}.alerts`).map(
      (a, j): ZapAlert => {
        const path = `${sitePath}.alerts[${j}]`;
        const alert = expectObject(a, path);
        const first = optionalArray(alert.instances, `${path}.instances`)[0];
        return {
          id: optionalString(alert.alertRef) ?? optionalString(alert.pluginid),
          title: optionalString(alert.name) ?? optionalString(alert.alert),
          riskcode: optionalString(alert.riskcode),
          riskdesc: optionalString(alert.riskdesc),
          confidence: optionalString(alert.confidence),
          uri: isObject(first) ? optionalString(first.uri) : undefined,
        };
      },
    );
    return { name: optionalString(site['@name']), alerts };
  });
  return {
    version: optionalString(report['@version']),
    generated: optionalString(report['@generated']),
    sites,
  };
}

export const zapXmlParser: ReportParser = {
  format: 'zap',
  syntax: 'xml',
  detect(doc) {
    return (
      isObject(doc) &&
      (isObject(doc.OWASPZAPReport) || doc.OWASPZAPReport === '')
    );
  },
  parse(doc) {
    return summarize(readXml(doc), 'xml');
  },
};

export const zapJsonParser: ReportParser = {
  format: 'zap',
  syntax: 'json',
  detect(doc) {
    if (!isObject(doc)) return false;
    if (!Array.isArray(doc.site) && !isObject(doc.site)) return false;
    const program = doc['@programName'];
    if (typeof program === 'string') return /\bzap\b/i.test(program);
    // ZAP before 2.10 wrote no @programName.
    return doc['@version'] !== undefined && doc['@generated'] !== undefined;
  },
  parse(doc) {
    return summarize(readJson(doc), 'json');
  },
};
