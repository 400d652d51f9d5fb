import { Config } from '@backstage/config';
import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import {
  AchievedLevel,
  DsommModel,
  EvidenceSource,
  EVIDENCE_SOURCES,
  ExpiryDays,
  DEFAULT_FINDING_SLA_DAYS,
  DEFAULT_REPORT_MAPPING,
  REPORT_CATEGORIES,
  ReportCategory,
  SlaSeverity,
  Target,
  TargetsConfig,
  indexModel,
} from '@dsomm/plugin-dsomm-common';
import { AnnotationRule } from '../evidence/annotations';
import { DEFAULT_ANNOTATION_RULES } from '../evidence/defaultRules';

/** Where an entity's tier comes from when it has no `dsomm.owasp.org/tier` annotation. */
export interface TierSettings {
  /** A metadata label holding the tier. */
  label?: string;
  /** Tier per `spec.lifecycle` value. */
  lifecycle: Record<string, string>;
  /** Tier of everything else. */
  default?: string;
}

export interface DsommBackendConfig {
  targets: TargetsConfig;
  tiers: TierSettings;
  evidence: {
    /** Days after observation at which evidence turns stale, per source; undefined: never. */
    maxAgeDays: Record<EvidenceSource, number | undefined>;
    /** Default lifetime of a manual attestation, in days. */
    attestationExpiryDays: number;
    waiverExpiryDays: number;
    maxExpiryDays: number;
    rules: AnnotationRule[];
  };
  reports: {
    /** Largest report body accepted, in bytes. */
    maxBytes: number;
    findingSlaDays: Record<SlaSeverity, number>;
    /**
     * SLA days per tier (`dsomm.targets.tiers.<tier>.findingSlaDays`), each severity already
     * falling back to the global `findingSlaDays`; tiers without an entry use the global ones.
     */
    findingSlaDaysByTier: Record<string, Record<SlaSeverity, number>>;
    /** Report category -> activity keys. */
    mapping: Record<ReportCategory, string[]>;
    /** Days an upload is kept once a newer one of the same tool and kind of scan supersedes it. */
    retentionDays: number;
    /** The worker threads that parse reports off the event loop. */
    parse: ParseLimits;
    /** How far a report's stated scan time may lie from its upload time. */
    scanTimeWindow: { pastDays: number; futureMinutes: number };
  };
  schedule: SchedulerServiceTaskScheduleDefinition;
  history: { retentionDays: number };
  /** The audit trail of attestations and waivers. */
  audit: { retentionDays: number };
  /** Which new records wait for a second person's approval before they count. */
  approvals: ApprovalSettings;
  scopes: {
    /** Whether a group's evidence also reaches the components of its descendant groups. */
    descendantGroups: boolean;
  };
  organization: {
    /** Activity ids implemented organisation-wide, for every component. */
    implemented: string[];
    /** Activity ids that apply to no component of the organisation. */
    notApplicable: string[];
  };
  progress: ProgressSettings;
  notifications: NotificationSettings;
}

/** `dsomm.notifications`: messages to component owners through Backstage's notifications. */
export interface NotificationSettings {
  enabled: boolean;
  /** `weekly`: one digest per owner group and ISO week instead of one message per event. */
  digest: 'weekly' | 'none';
  /** Days before an expiry at which the owner is told. */
  expiryWarningDays: number;
  /** Days a sent event is kept (what keeps it from being sent twice; see pruneNotifications). */
  retentionDays: number;
}

/** `dsomm.approvals` and the tiers' `attestationsRequireApproval`. */
export interface ApprovalSettings {
  /** Whether waivers need approval (`dsomm.approvals.waivers`). */
  waivers: boolean;
  /** Tiers whose entities' attestations need approval. */
  attestationTiers: string[];
}

/** Whether a new attestation on an entity of `tier` waits for approval. */
export function attestationNeedsApproval(
  approvals: ApprovalSettings,
  tier: string | undefined,
): boolean {
  return tier !== undefined && approvals.attestationTiers.includes(tier);
}

/** Import and export of DSOMM app team progress (`dsomm.progress`). */
export interface ProgressSettings {
  /** DSOMM's progress state names, in order; only `doneState` counts as evidence. */
  states: string[];
  /** The state that means implemented: it becomes a group attestation. */
  doneState: string;
  /** Lifetime of an imported attestation from its state's date, in days. */
  expiryDays: number;
  /** Largest import body accepted, in bytes. */
  maxBytes: number;
}

/** Budgets of report parsing (`dsomm.reports.parse`). */
export interface ParseLimits {
  /** Reports parsed at once, one per worker thread. */
  workers: number;
  /** Heap (old generation) of each worker, in MB. */
  maxHeapMb: number;
  /** Longest parse, in seconds. */
  timeoutSeconds: number;
  /** Uploads waiting for a worker; more answer 503. */
  maxQueue: number;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 5 },
};

/** The expiry settings the attest and waive forms show, as the API answers them. */
export function expiryDaysOf(config: DsommBackendConfig): ExpiryDays {
  const { evidence } = config;
  return {
    attestation: evidence.attestationExpiryDays,
    waiver: evidence.waiverExpiryDays,
    max: evidence.maxExpiryDays,
  };
}

/** The finding SLA days that apply to a component of `tier`. */
export function findingSlaDaysFor(
  reports: DsommBackendConfig['reports'],
  tier: string | undefined,
): Record<SlaSeverity, number> {
  if (tier !== undefined && Object.hasOwn(reports.findingSlaDaysByTier, tier)) {
    return reports.findingSlaDaysByTier[tier];
  }
  return reports.findingSlaDays;
}

/**
 * Reads and checks the `dsomm` config. Throws an Error naming the key on any invalid value,
 * so a misconfigured backend fails at start rather than scoring wrongly.
 */
export function readDsommConfig(
  root: Config,
  model: DsommModel,
): DsommBackendConfig {
  const config = root.getOptionalConfig('dsomm');
  return {
    targets: readTargets(config?.getOptionalConfig('targets'), model),
    tiers: {
      label: config?.getOptionalString('tiers.label'),
      lifecycle: readStringMap(config, 'tiers.lifecycle'),
      default: config?.getOptionalString('tiers.default'),
    },
    evidence: {
      maxAgeDays: readMaxAge(config?.getOptionalConfig('evidence.maxAgeDays')),
      attestationExpiryDays: positiveInteger(
        config,
        'evidence.attestationExpiryDays',
        365,
      ),
      waiverExpiryDays: positiveInteger(
        config,
        'evidence.waiverExpiryDays',
        180,
      ),
      maxExpiryDays: positiveInteger(config, 'evidence.maxExpiryDays', 1095),
      rules: readRules(config, model),
    },
    reports: readReports(config, model),
    schedule: config?.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
    history: {
      retentionDays: positiveInteger(config, 'history.retentionDays', 365),
    },
    audit: {
      retentionDays: positiveInteger(config, 'audit.retentionDays', 730),
    },
    approvals: readApprovals(config),
    scopes: {
      descendantGroups:
        config?.getOptionalBoolean('scopes.descendantGroups') ?? true,
    },
    organization: {
      implemented: readActivityIds(config, 'organization.implemented', model),
      notApplicable: readActivityIds(
        config,
        'organization.notApplicable',
        model,
      ),
    },
    progress: readProgress(config),
    notifications: readNotifications(config),
  };
}

const DIGEST_MODES = ['weekly', 'none'] as const;

function readNotifications(c: Config | undefined): NotificationSettings {
  const digest = c?.getOptional('notifications.digest') ?? 'none';
  if (!DIGEST_MODES.includes(digest as (typeof DIGEST_MODES)[number])) {
    throw new Error(
      `dsomm.notifications.digest: must be one of ${DIGEST_MODES.join(
        ', ',
      )}, got ${JSON.stringify(digest)}`,
    );
  }
  const expiryWarningDays = positiveInteger(
    c,
    'notifications.expiryWarningDays',
    14,
  );
  const retentionDays = positiveInteger(c, 'notifications.retentionDays', 90);
  if (retentionDays <= expiryWarningDays) {
    // An expiry warning's row must outlive the expiry, or the warning is sent again.
    throw new Error(
      `dsomm.notifications.retentionDays: must be more than dsomm.notifications.expiryWarningDays (${expiryWarningDays}), got ${retentionDays}`,
    );
  }
  return {
    enabled: strictBoolean(c, 'notifications.enabled'),
    digest: digest as NotificationSettings['digest'],
    expiryWarningDays,
    retentionDays,
  };
}

/** DSOMM's app ships these progress states (its default team progress uses them). */
const DEFAULT_PROGRESS_STATES = ['Planned', 'Started', 'Implemented'];

function readProgress(c: Config | undefined): ProgressSettings {
  const states =
    c?.getOptionalStringArray('progress.states') ?? DEFAULT_PROGRESS_STATES;
  if (states.length === 0) {
    throw new Error('dsomm.progress.states: must name at least one state');
  }
  for (const state of states) {
    if (state.trim() === '' || state.length > 100) {
      throw new Error(
        `dsomm.progress.states: "${state}" must be 1-100 characters, not blank`,
      );
    }
  }
  if (new Set(states).size !== states.length) {
    throw new Error('dsomm.progress.states: names a state twice');
  }
  const doneState =
    c?.getOptionalString('progress.doneState') ?? states[states.length - 1];
  if (!states.includes(doneState)) {
    throw new Error(
      `dsomm.progress.doneState: "${doneState}" is not one of dsomm.progress.states (${states.join(
        ', ',
      )})`,
    );
  }
  return {
    states,
    doneState,
    expiryDays: positiveInteger(
      c,
      'progress.expiryDays',
      positiveInteger(c, 'evidence.attestationExpiryDays', 365),
    ),
    maxBytes: positiveInteger(c, 'progress.maxBytes', 1024 * 1024),
  };
}

/** A list of activity keys or ids, resolved to ids; an unknown one fails startup. */
function readActivityIds(
  c: Config | undefined,
  key: string,
  model: DsommModel,
): string[] {
  const index = indexModel(model);
  const ids = new Set<string>();
  for (const item of c?.getOptionalStringArray(key) ?? []) {
    const activity = index.resolve(item);
    if (!activity) {
      throw new Error(`dsomm.${key}: unknown activity "${item}"`);
    }
    ids.add(activity.id);
  }
  return [...ids];
}

function readTargets(
  config: Config | undefined,
  model: DsommModel,
): TargetsConfig {
  const dimensionNames = new Map(
    model.dimensions.flatMap(d => [
      [d.name, d.name],
      [d.key, d.name],
    ]),
  );
  const readTarget = (c: Config | undefined, path: string): Target => {
    const level = c ? readLevel(c, 'level', `${path}.level`) : 1;
    const dimensions: Record<string, AchievedLevel> = {};
    const perDimension = c?.getOptionalConfig('dimensions');
    for (const key of perDimension?.keys() ?? []) {
      const name = dimensionNames.get(key);
      if (!name) {
        throw new Error(
          `dsomm.${path}.dimensions.${key}: unknown dimension; expected one of ${model.dimensions
            .map(d => d.key)
            .join(', ')}`,
        );
      }
      dimensions[name] = readLevel(
        perDimension!,
        key,
        `${path}.dimensions.${key}`,
      );
    }
    return { level, dimensions };
  };

  const tiers: Record<string, Target> = {};
  const tiersConfig = config?.getOptionalConfig('tiers');
  for (const tier of tiersConfig?.keys() ?? []) {
    tiers[tier] = readTarget(
      tiersConfig!.getConfig(tier),
      `targets.tiers.${tier}`,
    );
  }
  return {
    default: readTarget(
      config?.getOptionalConfig('default'),
      'targets.default',
    ),
    tiers,
  };
}

/** A true/false setting, false when unset; anything else (even "yes") is refused. */
function strictBoolean(c: Config | undefined, key: string): boolean {
  const value = c?.getOptional(key);
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    throw new Error(
      `dsomm.${key}: must be true or false, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function readApprovals(c: Config | undefined): ApprovalSettings {
  const tiers = c?.getOptionalConfig('targets.tiers');
  return {
    waivers: strictBoolean(c, 'approvals.waivers'),
    attestationTiers: (tiers?.keys() ?? []).filter(tier =>
      strictBoolean(c, `targets.tiers.${tier}.attestationsRequireApproval`),
    ),
  };
}

function readLevel(c: Config, key: string, path: string): AchievedLevel {
  const value = c.getOptional(key);
  if (value === undefined) return 1;
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 0 ||
    value > 5
  ) {
    throw new Error(
      `dsomm.${path}: must be a level from 0 to 5, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return value as AchievedLevel;
}

function readMaxAge(
  c: Config | undefined,
): Record<EvidenceSource, number | undefined> {
  const read = (key: string) => {
    const value = c?.getOptionalNumber(key);
    if (value !== undefined && !(value > 0)) {
      throw new Error(
        `dsomm.evidence.maxAgeDays.${key}: must be a positive number of days`,
      );
    }
    return value;
  };
  const fallback = read('default');
  return Object.fromEntries(
    EVIDENCE_SOURCES.map(source => [source, read(source) ?? fallback]),
  ) as Record<EvidenceSource, number | undefined>;
}

function readRules(c: Config | undefined, model: DsommModel): AnnotationRule[] {
  const index = indexModel(model);
  const useDefaults = c?.getOptionalBoolean('evidence.useDefaultRules') ?? true;
  const configured = (c?.getOptionalConfigArray('evidence.rules') ?? []).map(
    (rule, i) => {
      const annotation = rule.getString('annotation');
      const activities = rule.getStringArray('activities');
      for (const key of activities) {
        if (!index.resolve(key)) {
          throw new Error(
            `dsomm.evidence.rules[${i}].activities: unknown activity "${key}"`,
          );
        }
      }
      return { annotation, activities };
    },
  );
  // Default rules naming activities missing from a custom model are dropped, not fatal.
  const defaults = useDefaults
    ? DEFAULT_ANNOTATION_RULES.map(rule => ({
        ...rule,
        activities: rule.activities.filter(key => index.resolve(key)),
      })).filter(rule => rule.activities.length > 0)
    : [];
  return [...defaults, ...configured];
}

function readStringMap(
  c: Config | undefined,
  key: string,
): Record<string, string> {
  const map = c?.getOptionalConfig(key);
  const result: Record<string, string> = {};
  for (const k of map?.keys() ?? []) result[k] = map!.getString(k);
  return result;
}

function positiveInteger(
  c: Config | undefined,
  key: string,
  fallback: number,
): number {
  const value = c?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(
      `dsomm.${key}: must be a positive whole number, got ${value}`,
    );
  }
  return value;
}

function readReports(
  c: Config | undefined,
  model: DsommModel,
): DsommBackendConfig['reports'] {
  const index = indexModel(model);
  const sla = readSlaDays(
    c,
    'reports.findingSlaDays',
    DEFAULT_FINDING_SLA_DAYS,
  );
  const byTier: Record<string, Record<SlaSeverity, number>> = {};
  const tiers = c?.getOptionalConfig('targets.tiers');
  for (const tier of tiers?.keys() ?? []) {
    if (tiers!.getOptional(`${tier}.findingSlaDays`) === undefined) continue;
    byTier[tier] = readSlaDays(c, `targets.tiers.${tier}.findingSlaDays`, sla);
  }
  const mapping = { ...DEFAULT_REPORT_MAPPING };
  const configured = c?.getOptionalConfig('reports.mapping');
  for (const category of configured?.keys() ?? []) {
    if (!REPORT_CATEGORIES.includes(category as ReportCategory)) {
      throw new Error(
        `dsomm.reports.mapping.${category}: unknown category; expected one of ${REPORT_CATEGORIES.join(
          ', ',
        )}`,
      );
    }
    const keys = configured!.getStringArray(category);
    for (const key of keys) {
      if (!index.resolve(key)) {
        throw new Error(
          `dsomm.reports.mapping.${category}: unknown activity "${key}"`,
        );
      }
    }
    mapping[category as ReportCategory] = keys;
  }
  return {
    maxBytes: positiveInteger(c, 'reports.maxBytes', 50 * 1024 * 1024),
    findingSlaDays: sla,
    findingSlaDaysByTier: byTier,
    mapping,
    retentionDays: positiveInteger(c, 'reports.retentionDays', 90),
    parse: {
      // One worker leaves the other core of a small machine to the event loop.
      workers: positiveInteger(c, 'reports.parse.workers', 1),
      maxHeapMb: atLeast(c, 'reports.parse.maxHeapMb', 16, 512),
      timeoutSeconds: positiveNumber(c, 'reports.parse.timeoutSeconds', 30),
      // Waiting bodies are held in memory: at most maxQueue x maxBytes.
      maxQueue: wholeNumber(c, 'reports.parse.maxQueue', 16),
    },
    scanTimeWindow: {
      pastDays: positiveInteger(c, 'reports.scanTimeWindow.pastDays', 365),
      futureMinutes: wholeNumber(c, 'reports.scanTimeWindow.futureMinutes', 10),
    },
  };
}

/** Days per severity under `key`, each falling back to `fallback`'s. */
function readSlaDays(
  c: Config | undefined,
  key: string,
  fallback: Record<SlaSeverity, number>,
): Record<SlaSeverity, number> {
  const value = c?.getOptional(key);
  if (
    value !== undefined &&
    (typeof value !== 'object' || Array.isArray(value))
  ) {
    throw new Error(
      `dsomm.${key}: must be days per severity (critical, high, medium)`,
    );
  }
  const severities = Object.keys(DEFAULT_FINDING_SLA_DAYS) as SlaSeverity[];
  for (const severity of Object.keys(value ?? {})) {
    if (!severities.includes(severity as SlaSeverity)) {
      throw new Error(
        `dsomm.${key}.${severity}: unknown severity; expected one of ${severities.join(
          ', ',
        )}`,
      );
    }
  }
  const days = { ...fallback };
  for (const severity of severities) {
    days[severity] = positiveInteger(
      c,
      `${key}.${severity}`,
      fallback[severity],
    );
  }
  return days;
}

function positiveNumber(
  c: Config | undefined,
  key: string,
  fallback: number,
): number {
  const value = c?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`dsomm.${key}: must be a positive number, got ${value}`);
  }
  return value;
}

function wholeNumber(
  c: Config | undefined,
  key: string,
  fallback: number,
): number {
  const value = c?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(
      `dsomm.${key}: must be a whole number (0 or more), got ${value}`,
    );
  }
  return value;
}

/** A whole number no smaller than `min`: a worker heap below it cannot even load the parsers. */
function atLeast(
  c: Config | undefined,
  key: string,
  min: number,
  fallback: number,
): number {
  const value = positiveInteger(c, key, fallback);
  if (value < min) {
    throw new Error(`dsomm.${key}: must be at least ${min}, got ${value}`);
  }
  return value;
}
