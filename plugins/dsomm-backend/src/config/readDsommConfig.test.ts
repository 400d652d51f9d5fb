import { ConfigReader } from '@backstage/config';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import {
  attestationNeedsApproval,
  findingSlaDaysFor,
  readDsommConfig,
} from './readDsommConfig';

const model = getBuiltInModel();
const read = (dsomm: object) =>
  readDsommConfig(new ConfigReader({ dsomm }), model);

describe('readDsommConfig', () => {
  it('has sensible defaults', () => {
    const config = readDsommConfig(new ConfigReader({}), model);
    expect(config.targets).toEqual({
      default: { level: 1, dimensions: {} },
      tiers: {},
    });
    expect(config.tiers).toEqual({
      label: undefined,
      lifecycle: {},
      default: undefined,
    });
    expect(config.evidence.maxAgeDays).toEqual({
      annotation: undefined,
      report: undefined,
      attestation: undefined,
    });
    expect(config.evidence.attestationExpiryDays).toBe(365);
    expect(config.evidence.waiverExpiryDays).toBe(180);
    expect(config.evidence.maxExpiryDays).toBe(1095);
    expect(config.evidence.rules.length).toBeGreaterThan(5);
    expect(config.schedule.frequency).toEqual({ minutes: 30 });
    expect(config.history.retentionDays).toBe(365);
    expect(config.audit.retentionDays).toBe(730);
    expect(config.scopes).toEqual({ descendantGroups: true });
    expect(config.organization).toEqual({ implemented: [], notApplicable: [] });
  });

  it('reads scope settings and organisation activities by key or id, once each', () => {
    const versionControl = model.activities.find(
      a => a.key === 'version-control',
    )!;
    const config = read({
      scopes: { descendantGroups: false },
      organization: {
        implemented: ['version-control', versionControl.id],
        notApplicable: ['blue-green-deployment'],
      },
    });
    expect(config.scopes.descendantGroups).toBe(false);
    expect(config.organization.implemented).toEqual([versionControl.id]);
    expect(config.organization.notApplicable).toEqual([
      model.activities.find(a => a.key === 'blue-green-deployment')!.id,
    ]);
    expect(() =>
      read({ organization: { notApplicable: ['version-control', 'nope'] } }),
    ).toThrow('dsomm.organization.notApplicable: unknown activity "nope"');
    expect(() => read({ scopes: { descendantGroups: 'sometimes' } })).toThrow(
      /descendantGroups/,
    );
  });

  it('reads tier targets with per-dimension levels by slug or name', () => {
    const config = read({
      targets: {
        default: { level: 2 },
        tiers: {
          critical: {
            level: 3,
            dimensions: { 'test-and-verification': 4, Implementation: 2 },
          },
        },
      },
    });
    expect(config.targets.tiers.critical).toEqual({
      level: 3,
      dimensions: { 'Test and Verification': 4, Implementation: 2 },
    });
    expect(config.targets.default.level).toBe(2);
  });

  it('reads freshness per source with a default, and extra rules after the defaults', () => {
    const config = read({
      evidence: {
        maxAgeDays: { default: 90, annotation: 1 },
        useDefaultRules: false,
        rules: [
          { annotation: 'example.com/dast', activities: ['simple-scan'] },
        ],
      },
      schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
    });
    expect(config.evidence.maxAgeDays).toEqual({
      annotation: 1,
      report: 90,
      attestation: 90,
    });
    expect(config.evidence.rules).toEqual([
      { annotation: 'example.com/dast', activities: ['simple-scan'] },
    ]);
    expect(config.schedule.frequency).toEqual({ minutes: 5 });
  });

  it('fails with the key named on invalid values', () => {
    expect(() => read({ targets: { default: { level: 7 } } })).toThrow(
      'dsomm.targets.default.level: must be a level from 0 to 5, got 7',
    );
    expect(() =>
      read({
        targets: { tiers: { t1: { level: 2, dimensions: { nope: 1 } } } },
      }),
    ).toThrow('dsomm.targets.tiers.t1.dimensions.nope: unknown dimension');
    expect(() =>
      read({
        evidence: { rules: [{ annotation: 'a', activities: ['nope'] }] },
      }),
    ).toThrow('dsomm.evidence.rules[0].activities: unknown activity "nope"');
    expect(() => read({ evidence: { maxAgeDays: { report: -1 } } })).toThrow(
      'dsomm.evidence.maxAgeDays.report: must be a positive number of days',
    );
    expect(() => read({ history: { retentionDays: 1.5 } })).toThrow(
      'dsomm.history.retentionDays: must be a positive whole number',
    );
    expect(() => read({ audit: { retentionDays: 0 } })).toThrow(
      'dsomm.audit.retentionDays: must be a positive whole number',
    );
    expect(read({ audit: { retentionDays: 3650 } }).audit.retentionDays).toBe(
      3650,
    );
  });

  it('reads the upload budgets and scan time window, with defaults', () => {
    const defaults = read({}).reports;
    expect(defaults.parse).toEqual({
      workers: 1,
      maxHeapMb: 512,
      timeoutSeconds: 30,
      maxQueue: 16,
    });
    expect(defaults.scanTimeWindow).toEqual({
      pastDays: 365,
      futureMinutes: 10,
    });
    const config = read({
      reports: {
        parse: { workers: 2, maxHeapMb: 64, timeoutSeconds: 0.5, maxQueue: 0 },
        scanTimeWindow: { pastDays: 30, futureMinutes: 0 },
      },
    }).reports;
    expect(config.parse).toEqual({
      workers: 2,
      maxHeapMb: 64,
      timeoutSeconds: 0.5,
      maxQueue: 0,
    });
    expect(config.scanTimeWindow).toEqual({ pastDays: 30, futureMinutes: 0 });
  });

  it('refuses upload budgets that cannot work', () => {
    expect(() => read({ reports: { parse: { workers: 0 } } })).toThrow(
      'dsomm.reports.parse.workers: must be a positive whole number, got 0',
    );
    expect(() => read({ reports: { parse: { maxHeapMb: 8 } } })).toThrow(
      'dsomm.reports.parse.maxHeapMb: must be at least 16, got 8',
    );
    expect(() => read({ reports: { parse: { timeoutSeconds: 0 } } })).toThrow(
      'dsomm.reports.parse.timeoutSeconds: must be a positive number, got 0',
    );
    expect(() => read({ reports: { parse: { maxQueue: -1 } } })).toThrow(
      'dsomm.reports.parse.maxQueue: must be a whole number (0 or more), got -1',
    );
    expect(() =>
      read({ reports: { scanTimeWindow: { futureMinutes: 1.5 } } }),
    ).toThrow(
      'dsomm.reports.scanTimeWindow.futureMinutes: must be a whole number',
    );
    expect(() =>
      read({ reports: { scanTimeWindow: { pastDays: 0 } } }),
    ).toThrow(
      'dsomm.reports.scanTimeWindow.pastDays: must be a positive whole number',
    );
  });
});

describe('readDsommConfig dsomm.progress', () => {
  it("defaults to DSOMM's app states, done at Implemented, 1 MB, attestation expiry", () => {
    expect(read({}).progress).toEqual({
      states: ['Planned', 'Started', 'Implemented'],
      doneState: 'Implemented',
      expiryDays: 365,
      maxBytes: 1024 * 1024,
    });
    expect(
      read({ evidence: { attestationExpiryDays: 90 } }).progress.expiryDays,
    ).toBe(90);
  });

  it('reads custom states, done state, expiry and size', () => {
    expect(
      read({
        progress: {
          states: ['Idea', 'Done', 'Audited'],
          doneState: 'Done',
          expiryDays: 30,
          maxBytes: 2048,
        },
      }).progress,
    ).toEqual({
      states: ['Idea', 'Done', 'Audited'],
      doneState: 'Done',
      expiryDays: 30,
      maxBytes: 2048,
    });
    // Without doneState the last state means done.
    expect(
      read({ progress: { states: ['Todo', 'Finished'] } }).progress.doneState,
    ).toBe('Finished');
  });

  it('names the key of a bad value', () => {
    expect(() =>
      read({ progress: { states: ['A', 'B'], doneState: 'C' } }),
    ).toThrow('dsomm.progress.doneState: "C" is not one of');
    expect(() => read({ progress: { states: [] } })).toThrow(
      'dsomm.progress.states: must name at least one state',
    );
    expect(() => read({ progress: { states: ['A', 'A'] } })).toThrow(
      'dsomm.progress.states: names a state twice',
    );
    expect(() => read({ progress: { states: ['A', ' '] } })).toThrow(
      'dsomm.progress.states: " " must be 1-100 characters',
    );
    expect(() => read({ progress: { expiryDays: 0 } })).toThrow(
      'dsomm.progress.expiryDays: must be a positive whole number',
    );
    expect(() => read({ progress: { maxBytes: -5 } })).toThrow(
      'dsomm.progress.maxBytes: must be a positive whole number',
    );
  });

  it('reads finding SLA days per tier, each severity falling back to the global one', () => {
    const config = read({
      reports: { findingSlaDays: { critical: 5, high: 20 } },
      targets: {
        tiers: {
          critical: { level: 2, findingSlaDays: { critical: 2, high: 7 } },
          internal: { findingSlaDays: { medium: 180 } },
          experimental: { level: 1 },
        },
      },
    });
    expect(config.reports.findingSlaDays).toEqual({
      critical: 5,
      high: 20,
      medium: 90,
    });
    expect(config.reports.findingSlaDaysByTier).toEqual({
      critical: { critical: 2, high: 7, medium: 90 },
      internal: { critical: 5, high: 20, medium: 180 },
    });
    const sla = (tier?: string) => findingSlaDaysFor(config.reports, tier);
    expect(sla('critical')).toEqual({ critical: 2, high: 7, medium: 90 });
    expect(sla('internal').medium).toBe(180);
    // A tier without SLA days, an unknown tier and no tier use the global days.
    for (const tier of ['experimental', 'nope', 'toString', undefined]) {
      expect(sla(tier)).toEqual(config.reports.findingSlaDays);
    }
    // The tier's target is read as before.
    expect(config.targets.tiers.critical).toEqual({ level: 2, dimensions: {} });
  });

  it("reads which waivers and which tiers' attestations need approval, none by default", () => {
    expect(read({}).approvals).toEqual({
      waivers: false,
      attestationTiers: [],
    });
    const config = read({
      approvals: { waivers: true },
      targets: {
        tiers: {
          critical: { level: 3, attestationsRequireApproval: true },
          standard: { level: 2, attestationsRequireApproval: false },
          internal: { level: 1 },
        },
      },
    });
    expect(config.approvals).toEqual({
      waivers: true,
      attestationTiers: ['critical'],
    });
    const needs = (tier?: string) =>
      attestationNeedsApproval(config.approvals, tier);
    expect([needs('critical'), needs('standard'), needs('internal')]).toEqual([
      true,
      false,
      false,
    ]);
    expect([needs('nope'), needs(undefined)]).toEqual([false, false]);
    // The tier's target is read as before.
    expect(config.targets.tiers.critical).toEqual({ level: 3, dimensions: {} });
  });

  it('refuses approval settings that are not booleans, naming the key', () => {
    expect(() => read({ approvals: { waivers: 'yes' } })).toThrow(
      'dsomm.approvals.waivers: must be true or false, got "yes"',
    );
    expect(() =>
      read({
        targets: { tiers: { gold: { attestationsRequireApproval: 1 } } },
      }),
    ).toThrow(
      'dsomm.targets.tiers.gold.attestationsRequireApproval: must be true or false, got 1',
    );
  });

  it('refuses invalid tier SLA days, naming the key', () => {
    const tierSla = (findingSlaDays: unknown) => () =>
      read({ targets: { tiers: { gold: { findingSlaDays } } } });
    expect(tierSla({ high: 0 })).toThrow(
      'dsomm.targets.tiers.gold.findingSlaDays.high: must be a positive whole number, got 0',
    );
    expect(tierSla({ critical: 1.5 })).toThrow(
      'dsomm.targets.tiers.gold.findingSlaDays.critical: must be a positive whole number, got 1.5',
    );
    expect(tierSla({ low: 10 })).toThrow(
      'dsomm.targets.tiers.gold.findingSlaDays.low: unknown severity; expected one of critical, high, medium',
    );
    expect(tierSla({ high: 'soon' })).toThrow(
      /dsomm\.targets\.tiers\.gold\.findingSlaDays\.high/,
    );
    expect(tierSla(14)).toThrow(
      'dsomm.targets.tiers.gold.findingSlaDays: must be days per severity (critical, high, medium)',
    );
    expect(() => read({ reports: { findingSlaDays: { high: -3 } } })).toThrow(
      'dsomm.reports.findingSlaDays.high: must be a positive whole number, got -3',
    );
  });
});

describe('readDsommConfig dsomm.notifications', () => {
  it('is off by default, one message per event, warning 14 days ahead, kept 90 days', () => {
    expect(read({}).notifications).toEqual({
      enabled: false,
      digest: 'none',
      expiryWarningDays: 14,
      retentionDays: 90,
    });
  });

  it('reads every setting', () => {
    expect(
      read({
        notifications: {
          enabled: true,
          digest: 'weekly',
          expiryWarningDays: 30,
          retentionDays: 31,
        },
      }).notifications,
    ).toEqual({
      enabled: true,
      digest: 'weekly',
      expiryWarningDays: 30,
      retentionDays: 31,
    });
  });

  it('refuses invalid values, naming the key', () => {
    expect(() => read({ notifications: { digest: 'daily' } })).toThrow(
      'dsomm.notifications.digest: must be one of weekly, none, got "daily"',
    );
    expect(() => read({ notifications: { enabled: 'yes' } })).toThrow(
      'dsomm.notifications.enabled: must be true or false, got "yes"',
    );
    expect(() => read({ notifications: { expiryWarningDays: 0 } })).toThrow(
      'dsomm.notifications.expiryWarningDays: must be a positive whole number, got 0',
    );
    expect(() => read({ notifications: { retentionDays: 1.5 } })).toThrow(
      'dsomm.notifications.retentionDays: must be a positive whole number, got 1.5',
    );
    // A warning's row must outlive its expiry, or the warning would be sent again.
    expect(() =>
      read({ notifications: { expiryWarningDays: 30, retentionDays: 30 } }),
    ).toThrow(
      'dsomm.notifications.retentionDays: must be more than dsomm.notifications.expiryWarningDays (30), got 30',
    );
  });
});
