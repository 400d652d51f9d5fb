import {
  ReportCategory,
  ReportFinding,
  Severity,
} from '@dsomm/plugin-dsomm-common';
import {
  describe,
  expectArray,
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
import { MAX_TITLE } from '../limits';
import { ReportParser } from './types';

/**
 * SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), as written by CodeQL,
 * Semgrep, gitleaks, Checkov, tfsec, KICS, njsscan, Trivy and many more.
 *
 * - Tool: the first run's `tool.driver` (`version`, else `semanticVersion`); the categories
 *   come from every run's tool name (see `categoriesOf`).
 * - Findings: every result of every run, except results that are suppressed (a non-empty
 *   `suppressions` list none of whose entries is `rejected` or `underReview`), results whose
 *   `kind` says they are not a problem (`pass`, `notApplicable`, `informational`) and results
 *   whose `baselineState` is `absent` (gone since the baseline run).
 * - Severity: a numeric `security-severity` property (on the result, else on its rule) wins,
 *   as it is the finer security rating (>= 9 critical, >= 7 high, >= 4 medium, > 0 low);
 *   otherwise the result's `level`, else the rule's `defaultConfiguration.level`, else
 *   `warning` (the SARIF default): `error` high, `warning` medium, `note` low, `none` info.
 * - Id: `ruleId` (or the rule the result points to by index); a result naming no rule at
 *   all (gitleaks 7) is identified by its message. Location: the first physical location as
 *   `uri:startLine`.
 * - Categories: secrets for gitleaks/TruffleHog/detect-secrets/secretlint, Trivy by what its
 *   rules are about (container when the run names an image, else sca; iac, secrets), secrets
 *   for any other run all of whose rules say they find secrets (tag, id or name), iac for
 *   Checkov/tfsec/KICS/Terrascan/kube-linter, sca for Grype/OSV-Scanner/Dependency-Check,
 *   otherwise sast. A log without runs shows no scan: no category, tool "SARIF".
 * - scannedAt: the first `invocations[].startTimeUtc`, else the first `endTimeUtc`.
 */

/** Secret scanners, known by name for a run that lists no rules (one that found nothing). */
const SECRET_TOOLS = ['gitleaks', 'trufflehog', 'detect-secrets', 'secretlint'];
const IAC_TOOLS = ['checkov', 'tfsec', 'kics', 'terrascan', 'kube-linter'];
/** Dependency scanners that also write SARIF; their results are about packages. */
const SCA_TOOLS = ['grype', 'osv-scanner', 'dependency-check'];

type Rule = Record<string, unknown>;

interface RuleTable {
  list: Rule[];
  byId: Map<string, Rule>;
}

function expectName(value: unknown, path: string): string {
  if (typeof value !== 'string' || !value.trim()) {
    throw new ReportParseError(
      value === undefined
        ? `${path}: missing, expected the tool's name`
        : `${path}: expected the tool's name, got ${describe(value)}`,
    );
  }
  return value.trim();
}

function readRules(
  component: Record<string, unknown>,
  path: string,
): RuleTable {
  const list = optionalArray(component.rules, `${path}.rules`).map((rule, i) =>
    expectObject(rule, `${path}.rules[${i}]`),
  );
  const byId = new Map<string, Rule>();
  for (const rule of list) {
    if (typeof rule.id === 'string' && !byId.has(rule.id))
      byId.set(rule.id, rule);
  }
  return { list, byId };
}

function integer(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
    ? value
    : undefined;
}

/**
 * Each rule id of a run's extensions to the rule of the first extension that has it, built
 * once per run: looking through every extension for every result cost extensions x results.
 */
function extensionRulesById(extensions: RuleTable[]): Map<string, Rule> {
  const byId = new Map<string, Rule>();
  for (const extension of extensions) {
    for (const [id, rule] of extension.byId) {
      if (!byId.has(id)) byId.set(id, rule);
    }
  }
  return byId;
}

/** The rule a result refers to, by index (in the driver or an extension) or by id. */
function ruleOf(
  result: Record<string, unknown>,
  driver: RuleTable,
  extensions: RuleTable[],
  extensionRules: Map<string, Rule>,
): Rule | undefined {
  const ref = isObject(result.rule) ? result.rule : undefined;
  const componentIndex =
    ref && isObject(ref.toolComponent)
      ? integer(ref.toolComponent.index)
      : undefined;
  const table =
    componentIndex !== undefined ? extensions[componentIndex] : driver;
  const index = integer(result.ruleIndex) ?? integer(ref?.index);
  if (table && index !== undefined && table.list[index])
    return table.list[index];
  const id =
    typeof result.ruleId === 'string' ? result.ruleId : optionalString(ref?.id);
  if (id === undefined) return undefined;
  return table?.byId.get(id) ?? driver.byId.get(id) ?? extensionRules.get(id);
}

function securitySeverity(value: unknown): number | undefined {
  let score = NaN;
  if (typeof value === 'number') score = value;
  else if (typeof value === 'string' && value.trim()) score = Number(value);
  return Number.isFinite(score) && score > 0 ? score : undefined;
}

function severityOf(
  result: Record<string, unknown>,
  rule: Rule | undefined,
): Severity {
  const score =
    securitySeverity(
      isObject(result.properties)
        ? result.properties['security-severity']
        : undefined,
    ) ??
    securitySeverity(
      rule && isObject(rule.properties)
        ? rule.properties['security-severity']
        : undefined,
    );
  if (score !== undefined) {
    if (score >= 9) return 'critical';
    if (score >= 7) return 'high';
    if (score >= 4) return 'medium';
    return 'low';
  }
  const level =
    result.level ??
    (rule && isObject(rule.defaultConfiguration)
      ? rule.defaultConfiguration.level
      : undefined) ??
    'warning';
  return normalizeSeverity(level);
}

function textOfMessage(message: unknown): string | undefined {
  if (!isObject(message)) return undefined;
  if (typeof message.text === 'string') return message.text;
  if (typeof message.markdown === 'string') return message.markdown;
  return undefined;
}

/**
 * A message template with its `{n}` placeholders filled, stopping once the text is longer
 * than a title keeps: a rule's template of many placeholders, each filled with a long
 * argument, would otherwise build a large string for every result that uses it.
 */
function fillTemplate(template: string, args: unknown[]): string {
  const placeholder = /\{(\d+)\}/g;
  let text = '';
  let from = 0;
  for (
    let match = placeholder.exec(template);
    match;
    match = placeholder.exec(template)
  ) {
    const arg = args[Number(match[1])];
    text += template.slice(from, match.index);
    text += typeof arg === 'string' ? arg : match[0];
    from = match.index + match[0].length;
    if (text.length > MAX_TITLE) return text;
  }
  return text + template.slice(from);
}

/** The result's message, filling a rule's message template (`{0}`) when the text is absent. */
function titleOf(result: Record<string, unknown>, rule: Rule | undefined) {
  const direct = textOfMessage(result.message);
  if (direct) return direct;
  const message = isObject(result.message) ? result.message : undefined;
  if (
    message &&
    typeof message.id === 'string' &&
    rule &&
    isObject(rule.messageStrings)
  ) {
    const template = textOfMessage(rule.messageStrings[message.id]);
    if (template) {
      return fillTemplate(
        template,
        Array.isArray(message.arguments) ? message.arguments : [],
      );
    }
  }
  if (rule) {
    return (
      textOfMessage(rule.shortDescription) ??
      textOfMessage(rule.fullDescription) ??
      optionalString(rule.name)
    );
  }
  return undefined;
}

function locationOf(result: Record<string, unknown>): string | undefined {
  if (!Array.isArray(result.locations)) return undefined;
  const first: unknown = result.locations[0];
  if (!isObject(first)) return undefined;
  const physical = first.physicalLocation;
  if (isObject(physical) && isObject(physical.artifactLocation)) {
    const uri = optionalString(physical.artifactLocation.uri);
    if (uri) {
      const line = isObject(physical.region)
        ? integer(physical.region.startLine)
        : undefined;
      return line !== undefined ? `${uri}:${line}` : uri;
    }
  }
  if (Array.isArray(first.logicalLocations)) {
    const logical: unknown = first.logicalLocations[0];
    if (isObject(logical)) {
      return (
        optionalString(logical.fullyQualifiedName) ??
        optionalString(logical.name)
      );
    }
  }
  return undefined;
}

function isSuppressed(result: Record<string, unknown>, path: string): boolean {
  const suppressions = optionalArray(
    result.suppressions,
    `${path}.suppressions`,
  ).map((s, i) => expectObject(s, `${path}.suppressions[${i}]`));
  return (
    suppressions.length > 0 &&
    suppressions.every(
      s => s.status !== 'rejected' && s.status !== 'underReview',
    )
  );
}

function isProblem(result: Record<string, unknown>): boolean {
  const kind = result.kind;
  if (kind === 'pass' || kind === 'notApplicable' || kind === 'informational') {
    return false;
  }
  return result.baselineState !== 'absent';
}

/** Trivy writes SARIF for images, file systems and IaC; its rules' tags say which. */
function trivyCategories(
  run: Record<string, unknown>,
  rules: Rule[],
): ReportCategory[] {
  const props = isObject(run.properties) ? run.properties : {};
  const image = ['imageName', 'imageID', 'repoDigests', 'repoTags'].some(
    key => props[key] !== undefined,
  );
  const categories = new Set<ReportCategory>();
  for (const rule of rules) {
    const tags =
      isObject(rule.properties) && Array.isArray(rule.properties.tags)
        ? rule.properties.tags
        : [];
    for (const tag of tags) {
      if (tag === 'vulnerability') categories.add(image ? 'container' : 'sca');
      if (tag === 'misconfiguration') categories.add('iac');
      if (tag === 'secret') categories.add('secrets');
    }
  }
  if (categories.size === 0) categories.add(image ? 'container' : 'sca');
  return [...categories];
}

/** Words by which a rule says it finds secrets: in its tags, id or name. */
const SECRET_WORDS = /secret|private[-_ ]?key|credential|api[-_ ]?key/i;

function ruleSaysSecret(rule: Rule): boolean {
  const tags =
    isObject(rule.properties) && Array.isArray(rule.properties.tags)
      ? rule.properties.tags
      : [];
  if (tags.some(tag => tag === 'secret' || tag === 'secrets')) return true;
  return [rule.id, rule.name].some(
    text => typeof text === 'string' && SECRET_WORDS.test(text),
  );
}

/**
 * A secrets scan whatever the tool's name (secretlint, or Semgrep with a secrets rule set):
 * every rule of the run says it finds secrets. Every rule, not some: a SAST tool also has a
 * few rules about hard-coded credentials, which does not make it a secrets scanner.
 */
function onlySecretRules(rules: Rule[]): boolean {
  return rules.length > 0 && rules.every(ruleSaysSecret);
}

function categoriesOf(
  name: string,
  run: Record<string, unknown>,
  rules: Rule[],
): ReportCategory[] {
  const lower = name.toLowerCase();
  const has = (names: string[]) => names.some(n => lower.includes(n));
  if (has(SECRET_TOOLS)) return ['secrets'];
  if (lower.includes('trivy')) return trivyCategories(run, rules);
  if (onlySecretRules(rules)) return ['secrets'];
  if (has(IAC_TOOLS)) return ['iac'];
  if (has(SCA_TOOLS)) return ['sca'];
  return ['sast'];
}

export const sarifParser: ReportParser = {
  format: 'sarif',
  syntax: 'json',

  detect(doc) {
    if (!isObject(doc)) return false;
    if (typeof doc.$schema === 'string' && /sarif/i.test(doc.$schema)) {
      return true;
    }
    return doc.version === '2.1.0' && Array.isArray(doc.runs);
  },

  parse(doc) {
    const report = expectObject(doc, 'report');
    if (report.version !== undefined && report.version !== '2.1.0') {
      throw new ReportParseError(
        `version: expected "2.1.0", got ${describe(report.version)}`,
      );
    }
    const runs = Array.from(expectArray(report.runs, 'runs'));

    let tool: { name: string; version?: string } | undefined;
    const categories: ReportCategory[] = [];
    const findings: ReportFinding[] = [];
    let startTime: string | undefined;
    let endTime: string | undefined;

    runs.forEach((item, i) => {
      const runPath = `runs[${i}]`;
      const run = expectObject(item, runPath);
      const toolObject = expectObject(run.tool, `${runPath}.tool`);
      const driver = expectObject(toolObject.driver, `${runPath}.tool.driver`);
      const name = expectName(driver.name, `${runPath}.tool.driver.name`);
      if (!tool) {
        const version =
          optionalString(driver.version) ??
          optionalString(driver.semanticVersion);
        tool = version ? { name, version } : { name };
      }

      const driverRules = readRules(driver, `${runPath}.tool.driver`);
      const extensions = optionalArray(
        toolObject.extensions,
        `${runPath}.tool.extensions`,
      ).map((ext, j) => {
        const path = `${runPath}.tool.extensions[${j}]`;
        return readRules(expectObject(ext, path), path);
      });
      const extensionRules = extensionRulesById(extensions);
      categories.push(
        ...categoriesOf(name, run, [
          ...driverRules.list,
          ...extensions.flatMap(e => e.list),
        ]),
      );

      optionalArray(run.invocations, `${runPath}.invocations`).forEach(
        (inv, j) => {
          const invocation = expectObject(inv, `${runPath}.invocations[${j}]`);
          startTime ??= isoTime(invocation.startTimeUtc);
          endTime ??= isoTime(invocation.endTimeUtc);
        },
      );

      optionalArray(run.results, `${runPath}.results`).forEach((res, j) => {
        const path = `${runPath}.results[${j}]`;
        const result = expectObject(res, path);
        if (isSuppressed(result, path) || !isProblem(result)) return;
        const rule = ruleOf(result, driverRules, extensions, extensionRules);
        const title = titleOf(result, rule);
        const id =
          optionalString(result.ruleId) ??
          (isObject(result.rule)
            ? optionalString(result.rule.id)
            : undefined) ??
          (rule ? optionalString(rule.id) : undefined) ??
          // Some tools (gitleaks 7) name no rule; the message is then the best identity.
          (title?.trim()
            ? shortTitle(title, '').slice(0, 100)
            : 'unknown-rule');
        const location = locationOf(result);
        findings.push({
          id,
          title: shortTitle(title, id),
          severity: severityOf(result, rule),
          ...(location ? { location } : {}),
        });
      });
    });

    return buildSummary({
      format: 'sarif',
      syntax: 'json',
      // A SARIF log without runs names no tool.
      tool: tool ?? { name: 'SARIF' },
      categories,
      findings,
      scannedAt: startTime ?? endTime,
    });
  },
};
