import {
  ReportCategory,
  ReportFinding,
  ReportSummary,
  SEVERITIES,
  Severity,
} from '@dsomm/plugin-dsomm-common';
import {
  describe,
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
import { MAX_LABEL, cutWithEllipsis } from '../limits';
import { XmlElement, asList, xmlElement, xmlText } from '../xml';
import { ReportParser } from './types';

/**
 * CycloneDX BOMs, spec 1.2 to 1.6, in JSON and in XML. Both syntaxes are first read into the
 * same small shape (`Bom`) and then summarised alike, so one BOM gives the same summary in
 * either syntax.
 *
 * - Tool: the first named entry of `metadata.tools`, either the 1.2-1.4 list of tools or the
 *   1.5+ `{ components, services }` object; "CycloneDX" when the BOM names none.
 * - componentCount: every component, nested ones (`components[].components`) included.
 * - Findings: one per entry of `vulnerabilities`, except entries whose VEX analysis says they
 *   need no fixing (`analysis.state` `resolved`, `resolved_with_pedigree`, `false_positive`
 *   or `not_affected`). Severity is the highest `ratings[].severity`; a BOM whose ratings only
 *   carry scores is rated from the highest score by CVSS bands. The package is the affected
 *   component's `name@version`, found through `affects[].ref` (the raw ref when no component
 *   of the BOM has that `bom-ref`).
 * - Categories: `sbom`, plus `sca` when the BOM lists vulnerabilities at all.
 */

/** VEX states that mean the vulnerability is not an open problem for this product. */
const CLOSED_STATES = new Set([
  'resolved',
  'resolved_with_pedigree',
  'false_positive',
  'not_affected',
]);

interface BomTool {
  name?: string;
  version?: string;
  /** `vendor` (spec 1.4 and before) or `group` (1.5 components). */
  vendor?: string;
  /** `application`, `library`, ... (1.5 components). */
  type?: string;
}

/** A library helps write the BOM (cyclonedx-library, cyclonedx-python-lib); it is not the tool. */
function isLibrary(tool: BomTool): boolean {
  return tool.type === 'library' || /[-_ ]lib(rary)?$/i.test(tool.name ?? '');
}

/**
 * The tool that made the BOM, as its users know it. CycloneDX's own generators list the
 * build tool they drove beside themselves (cyclonedx-npm lists npm first), so one of
 * CycloneDX's (by group, vendor or name) is preferred over the others; libraries only when
 * nothing else is named. npm's own `npm sbom` names itself `{ vendor: npm, name: cli }`:
 * a tool called just `cli` is known by its vendor's name.
 */
function generatorOf(tools: BomTool[]): { name: string; version?: string } {
  const named = tools.filter(t => t.name);
  const applications = named.filter(t => !isLibrary(t));
  const pool = applications.length > 0 ? applications : named;
  const chosen =
    pool.find(t => /cyclonedx/i.test(`${t.vendor ?? ''} ${t.name}`)) ?? pool[0];
  if (!chosen?.name) return { name: 'CycloneDX' };
  const name =
    chosen.name.toLowerCase() === 'cli' && chosen.vendor
      ? chosen.vendor
      : chosen.name;
  return chosen.version ? { name, version: chosen.version } : { name };
}

interface BomVulnerability {
  id?: string;
  title?: string;
  severities: unknown[];
  scores: unknown[];
  refs: string[];
  state?: string;
}

interface Bom {
  tools: BomTool[];
  timestamp?: unknown;
  subject?: string;
  componentCount: number;
  /** `bom-ref` of each component to its `name@version`. */
  labels: Map<string, string>;
  vulnerabilities: BomVulnerability[];
}

/** Keeps error paths short in absurdly deep documents. */
function child(path: string, suffix: string): string {
  const full = path + suffix;
  return full.length > 200 ? `…${full.slice(-200)}` : full;
}

function optionalObject(
  value: unknown,
  path: string,
): Record<string, unknown> | undefined {
  return value === undefined || value === null
    ? undefined
    : expectObject(value, path);
}

function label(name: string | undefined, version: string | undefined) {
  if (!name) return undefined;
  return version ? `${name}@${version}` : name;
}

const rank = (s: Severity) => SEVERITIES.indexOf(s);

function severityOf(v: BomVulnerability): Severity {
  let best: Severity | undefined;
  for (const value of v.severities) {
    const severity = normalizeSeverity(value);
    if (severity !== 'unknown' && (!best || rank(severity) < rank(best))) {
      best = severity;
    }
  }
  if (best) return best;
  let score: number | undefined;
  for (const value of v.scores) {
    let n = NaN;
    if (typeof value === 'number') n = value;
    else if (typeof value === 'string' && value.trim()) n = Number(value);
    if (Number.isFinite(n) && (score === undefined || n > score)) score = n;
  }
  if (score === undefined) return 'unknown';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

/**
 * The distinct affected packages as one line, cut once it is long enough to fill the kept
 * package field: a vulnerability may list every component of the BOM, and building the whole
 * line for each would cost vulnerabilities x components x label length.
 */
function affectedPackages(
  refs: string[],
  labels: Map<string, string>,
): string | undefined {
  // Room left for " (and N more)" within the kept length.
  const budget = MAX_LABEL - 24;
  const seen = new Set<string>();
  let line = '';
  let more = 0;
  for (const ref of refs) {
    const name = labels.get(ref) ?? ref;
    if (seen.has(name)) continue;
    seen.add(name);
    if (!line) line = name;
    else if (more === 0 && line.length + 2 + name.length <= budget) {
      line = `${line}, ${name}`;
    } else more += 1;
  }
  if (!line) return undefined;
  return more > 0
    ? `${cutWithEllipsis(line, budget)} (and ${more} more)`
    : line;
}

function summarize(bom: Bom, syntax: 'json' | 'xml'): ReportSummary {
  const tool = generatorOf(bom.tools);
  const findings: ReportFinding[] = [];
  for (const v of bom.vulnerabilities) {
    if (v.state && CLOSED_STATES.has(v.state)) continue;
    const id = v.id ?? 'unknown-vulnerability';
    const packages = affectedPackages(v.refs, bom.labels);
    findings.push({
      id,
      title: shortTitle(v.title, id),
      severity: severityOf(v),
      ...(packages ? { package: packages } : {}),
    });
  }
  const categories: ReportCategory[] =
    bom.vulnerabilities.length > 0 ? ['sbom', 'sca'] : ['sbom'];
  return buildSummary({
    format: 'cyclonedx',
    syntax,
    tool,
    categories,
    findings,
    scannedAt: isoTime(bom.timestamp),
    componentCount: bom.componentCount,
    targets: bom.subject ? [bom.subject] : undefined,
  });
}

// ---- JSON ----------------------------------------------------------------------------

function jsonTool(value: unknown, path: string): BomTool {
  const tool = expectObject(value, path);
  return {
    name: optionalString(tool.name),
    version: optionalString(tool.version),
    vendor: optionalString(tool.group) ?? optionalString(tool.vendor),
    type: optionalString(tool.type),
  };
}

function readJsonTools(value: unknown): BomTool[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) {
    // Dense, so a hole reads as `undefined` and fails with its path instead of passing through.
    return Array.from(value, (t, i) => jsonTool(t, `metadata.tools[${i}]`));
  }
  if (isObject(value)) {
    return [
      ...optionalArray(value.components, 'metadata.tools.components').map(
        (t, i) => jsonTool(t, `metadata.tools.components[${i}]`),
      ),
      ...optionalArray(value.services, 'metadata.tools.services').map((t, i) =>
        jsonTool(t, `metadata.tools.services[${i}]`),
      ),
    ];
  }
  throw new ReportParseError(
    `metadata.tools: expected a list or an object with components, got ${describe(
      value,
    )}`,
  );
}

function readJson(doc: unknown): Bom {
  const report = expectObject(doc, 'report');
  const metadata = optionalObject(report.metadata, 'metadata');
  const subject = optionalObject(metadata?.component, 'metadata.component');

  let componentCount = 0;
  const labels = new Map<string, string>();
  const stack = [
    {
      list: optionalArray(report.components, 'components'),
      path: 'components',
    },
  ];
  // Iterative, so that deeply nested components cannot overflow the call stack.
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { list, path } = next;
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      const itemPath = child(path, `[${i}]`);
      const component = expectObject(item, itemPath);
      componentCount += 1;
      const ref = optionalString(component['bom-ref']);
      const name = label(
        optionalString(component.name),
        optionalString(component.version),
      );
      if (ref && name && !labels.has(ref)) labels.set(ref, name);
      if (component.components !== undefined && component.components !== null) {
        const nestedPath = child(itemPath, '.components');
        stack.push({
          list: optionalArray(component.components, nestedPath),
          path: nestedPath,
        });
      }
    }
  }

  const vulnerabilities = optionalArray(
    report.vulnerabilities,
    'vulnerabilities',
  ).map((item, i): BomVulnerability => {
    const path = `vulnerabilities[${i}]`;
    const v = expectObject(item, path);
    const ratings = optionalArray(v.ratings, `${path}.ratings`).map((r, j) =>
      expectObject(r, `${path}.ratings[${j}]`),
    );
    const refs = optionalArray(v.affects, `${path}.affects`).flatMap((a, j) => {
      const ref = optionalString(expectObject(a, `${path}.affects[${j}]`).ref);
      return ref ? [ref] : [];
    });
    const analysis = optionalObject(v.analysis, `${path}.analysis`);
    return {
      id: optionalString(v.id),
      title: optionalString(v.description) ?? optionalString(v.detail),
      severities: ratings.map(r => r.severity),
      scores: ratings.map(r => r.score),
      refs,
      state: optionalString(analysis?.state),
    };
  });

  return {
    tools: readJsonTools(metadata?.tools),
    timestamp: metadata?.timestamp,
    subject: subject
      ? label(optionalString(subject.name), optionalString(subject.version))
      : undefined,
    componentCount,
    labels,
    vulnerabilities,
  };
}

// ---- XML -----------------------------------------------------------------------------

/** The `<item>` children of `<container>` (which may be absent, empty or repeated). */
function xmlChildren(
  parent: XmlElement,
  container: string,
  item: string,
  path: string,
): { node: XmlElement; path: string }[] {
  const out: { node: XmlElement; path: string }[] = [];
  const containerPath = child(path, `.${container}`);
  for (const c of asList(parent[container])) {
    const content = xmlElement(c, containerPath);
    asList(content[item]).forEach((node, i) => {
      const nodePath = child(containerPath, `.${item}[${i}]`);
      out.push({ node: xmlElement(node, nodePath), path: nodePath });
    });
  }
  return out;
}

function xmlTool(node: XmlElement): BomTool {
  return {
    name: xmlText(node.name),
    version: xmlText(node.version),
    vendor: xmlText(node.group) ?? xmlText(node.vendor),
    type: optionalString(node['@_type']),
  };
}

function readXml(doc: unknown): Bom {
  const top = expectObject(doc, 'document');
  if (!('bom' in top)) {
    throw new ReportParseError(
      'document: expected a <bom> root element, found none',
    );
  }
  const bom = xmlElement(top.bom, 'bom');
  const metadata = xmlElement(bom.metadata, 'bom.metadata');
  const tools: BomTool[] = [];
  for (const t of asList(metadata.tools)) {
    const toolsElement = xmlElement(t, 'bom.metadata.tools');
    tools.push(
      ...asList(toolsElement.tool).map((node, i) =>
        xmlTool(xmlElement(node, `bom.metadata.tools.tool[${i}]`)),
      ),
      ...xmlChildren(
        toolsElement,
        'components',
        'component',
        'bom.metadata.tools',
      ).map(c => xmlTool(c.node)),
      ...xmlChildren(
        toolsElement,
        'services',
        'service',
        'bom.metadata.tools',
      ).map(c => xmlTool(c.node)),
    );
  }
  const subjectNode = Array.isArray(metadata.component)
    ? metadata.component[0]
    : metadata.component;
  const subject =
    subjectNode === undefined
      ? undefined
      : xmlElement(subjectNode, 'bom.metadata.component');

  let componentCount = 0;
  const labels = new Map<string, string>();
  const stack = xmlChildren(bom, 'components', 'component', 'bom');
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { node, path } = next;
    componentCount += 1;
    const ref = optionalString(node['@_bom-ref']);
    const name = label(xmlText(node.name), xmlText(node.version));
    if (ref && name && !labels.has(ref)) labels.set(ref, name);
    // One at a time: spreading a long list into push() overflows the call stack.
    for (const nested of xmlChildren(node, 'components', 'component', path)) {
      stack.push(nested);
    }
  }

  const vulnerabilities = xmlChildren(
    bom,
    'vulnerabilities',
    'vulnerability',
    'bom',
  ).map(({ node, path }): BomVulnerability => {
    const ratings = xmlChildren(node, 'ratings', 'rating', path).map(
      r => r.node,
    );
    const refs = xmlChildren(node, 'affects', 'target', path).flatMap(t => {
      const ref = xmlText(t.node.ref);
      return ref ? [ref] : [];
    });
    const analysis = asList(node.analysis).map(a =>
      xmlElement(a, `${path}.analysis`),
    )[0];
    return {
      id: xmlText(node.id),
      title: xmlText(node.description) ?? xmlText(node.detail),
      severities: ratings.map(r => xmlText(r.severity)),
      scores: ratings.map(r => xmlText(r.score)),
      refs,
      state: analysis ? xmlText(analysis.state) : undefined,
    };
  });

  return {
    tools,
    timestamp: xmlText(metadata.timestamp),
    subject: subject
      ? label(xmlText(subject.name), xmlText(subject.version))
      : undefined,
    componentCount,
    labels,
    vulnerabilities,
  };
}

export const cyclonedxJsonParser: ReportParser = {
  format: 'cyclonedx',
  syntax: 'json',
  detect(doc) {
    return isObject(doc) && doc.bomFormat === 'CycloneDX';
  },
  parse(doc) {
    return summarize(readJson(doc), 'json');
  },
};

/**
 * CycloneDX XML. `parseXml` drops namespace declarations, so the CycloneDX namespace cannot
 * be checked: any document whose root element is `<bom>` is taken for CycloneDX.
 */
export const cyclonedxXmlParser: ReportParser = {
  format: 'cyclonedx',
  syntax: 'xml',
  detect(doc) {
    return isObject(doc) && (isObject(doc.bom) || doc.bom === '');
  },
  parse(doc) {
    return summarize(readXml(doc), 'xml');
  },
};
