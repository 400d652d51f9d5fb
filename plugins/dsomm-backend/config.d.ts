import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the DSOMM plugins. */
  dsomm?: {
    /** Which DSOMM model to score against. */
    model?: {
      /**
       * Path to DSOMM's own `model.yaml` (from DSOMM's data repository). When set, the
       * backend loads it at start and serves DSOMM's descriptive texts with each activity;
       * a file that does not load stops the backend with an error naming the file, the
       * activity and the field. When absent, the built-in DSOMM 4.3.1 model is used.
       */
      file?: string;
    };

    /** Target levels that components should reach, by tier. */
    targets?: {
      /** Target of components whose tier has no entry below, or that have no tier. */
      default?: DsommTargetConfig;
      /** Target per tier name, e.g. `critical: { level: 3 }`. */
      tiers?: { [tier: string]: DsommTierTargetConfig };
    };

    /**
     * Where a component's tier comes from when it has no `dsomm.owasp.org/tier` annotation,
     * tried in this order: a label, its `spec.lifecycle`, a default.
     */
    tiers?: {
      /** Name of a metadata label holding the tier, e.g. `tier`. */
      label?: string;
      /** Tier per `spec.lifecycle` value, e.g. `production: standard`. */
      lifecycle?: { [lifecycle: string]: string };
      /** Tier of every other component. */
      default?: string;
    };

    /** How evidence is collected and how long it counts. */
    evidence?: {
      /**
       * Days after which evidence turns stale and stops counting, per source. Unset means
       * evidence of that source does not age. `annotation` counts from when the entity's
       * annotation (its name and value) was first seen: a changed value restarts the clock, an
       * annotation removed and added back starts afresh. Report evidence counts from the
       * scan, attestations from when they were recorded.
       */
      maxAgeDays?: {
        /** Limit for every source without its own. */
        default?: number;
        annotation?: number;
        report?: number;
        attestation?: number;
      };
      /** Days a manual attestation counts when it is recorded without an expiry. Default 365. */
      attestationExpiryDays?: number;
      /**
       * Days a waiver counts when it is recorded without an expiry. Default 180: a risk
       * acceptance is reviewed, never open-ended.
       */
      waiverExpiryDays?: number;
      /**
       * Latest expiry an attestation or waiver may be given, in days from now. Default 1095
       * (three years); a later `expiresAt` answers 400.
       */
      maxExpiryDays?: number;
      /** Whether the built-in rules for well-known annotations apply. Default true. */
      useDefaultRules?: boolean;
      /** More rules: when an entity has `annotation` (non-empty), the `activities` count as implemented. */
      rules?: Array<{
        /** Annotation name, e.g. `sonarqube.org/project-key`. */
        annotation: string;
        /** Activity keys or uuids. */
        activities: string[];
      }>;
    };

    /** Uploaded scanner reports. */
    reports?: {
      /** Largest report body accepted, in bytes. Default 52428800 (50 MB). */
      maxBytes?: number;
      /** Days a finding may stay open before the defect-treatment activities stop counting. */
      findingSlaDays?: {
        /** Default 7. */
        critical?: number;
        /** Default 30. */
        high?: number;
        /** Default 90. */
        medium?: number;
      };
      /**
       * Activity keys (or uuids) that a report of a category is evidence for, replacing the
       * built-in row for that category. Categories: sast, sca, secrets, iac, container, dast, sbom.
       */
      mapping?: { [category: string]: string[] };
      /**
       * Days an uploaded report is kept once a newer report of the same tool and kind of
       * scan supersedes it (see README, "Supersession per tool and kind of scan"); the latest
       * of each is always kept. Older ones are deleted daily. Default 90.
       */
      retentionDays?: number;
      /**
       * Parsing runs in worker threads, off the event loop, within these budgets. A report
       * over a budget answers 422 naming it; the worker is replaced.
       */
      parse?: {
        /** Reports parsed at once, one worker thread each. Default 1. */
        workers?: number;
        /** Heap of each worker in MB; a report needing more answers 422. At least 16. Default 512. */
        maxHeapMb?: number;
        /** Longest parse in seconds (fractions allowed); a slower report answers 422. Default 30. */
        timeoutSeconds?: number;
        /**
         * Uploads that may wait for a worker; one more answers 503 with Retry-After. Waiting
         * bodies are held in memory (at most maxQueue x maxBytes). Default 16.
         */
        maxQueue?: number;
      };
      /**
       * A report's stated scan time must lie in this window around its upload time; one
       * outside it is replaced by the upload time, with a warning on the stored report, so that
       * a forged time cannot move finding ages.
       */
      scanTimeWindow?: {
        /** Oldest accepted scan time, in days before the upload. Default 365. */
        pastDays?: number;
        /** Latest accepted scan time, in minutes after the upload (clock skew). Default 10. */
        futureMinutes?: number;
      };
    };

    /** Schedule of the full recompute of every component. Default: every 30 minutes. */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;

    /** The audit trail of attestations and waivers (`GET /api/dsomm/audit`). */
    audit?: {
      /**
       * Days an audit entry is kept, also after its entity has left the catalog; older entries
       * are deleted daily. Default 730.
       */
      retentionDays?: number;
    };

    /** Approval by a second person before a record counts (`POST .../approve`, `.../deny`). */
    approvals?: {
      /**
       * Whether a new waiver waits as `pending` until someone else holding
       * `dsomm.waiver.approve` approves it. Default false: waivers count at once.
       */
      waivers?: boolean;
    };

    /** Daily score history. */
    history?: {
      /** Days of history kept; older snapshots are deleted daily. Default 365. */
      retentionDays?: number;
    };

    /** Import and export of team progress in the format of DSOMM's own app (`team-progress.yaml`). */
    progress?: {
      /**
       * DSOMM's progress state names, in order. Default `[Planned, Started, Implemented]`, as
       * DSOMM's app. States other than `doneState` are kept and shown but do not count.
       */
      states?: string[];
      /** The state that means implemented; it becomes a group attestation. Default the last state. */
      doneState?: string;
      /**
       * Days an imported attestation counts, from the date of its done state. Default
       * `dsomm.evidence.attestationExpiryDays`.
       */
      expiryDays?: number;
      /** Largest import body accepted, in bytes. Default 1048576 (1 MB). */
      maxBytes?: number;
    };

    /** Evidence recorded on Groups, Systems and Domains, inherited by their components. */
    scopes?: {
      /**
       * Whether a group's evidence also applies to the components owned by its descendant
       * groups (`spec.children`, `spec.parent`). Default true.
       */
      descendantGroups?: boolean;
    };

    /**
     * Messages to component owners through Backstage's notifications (README,
     * "Notifications"): level drops, falling below target, expiries, findings past their SLA
     * and campaigns. Needs `@backstage/plugin-notifications-backend` in the backend.
     */
    notifications?: {
      /** Whether DSOMM sends notifications. Default false. */
      enabled?: boolean;
      /**
       * `weekly`: one digest per owner group and ISO week, sent once the week is over, listing
       * its events; `none` (default): one message per event as it happens.
       */
      digest?: 'weekly' | 'none';
      /** Days before evidence, an attestation or a waiver expires that its owner is told. Default 14. */
      expiryWarningDays?: number;
      /**
       * Days a sent event is kept, after which the daily cleanup deletes it unless it could
       * come again (a finding past its SLA that is still open keeps its row). Default 90; must
       * be more than `expiryWarningDays`.
       */
      retentionDays?: number;
    };

    /** Organisation-wide evidence, inherited by every component. */
    organization?: {
      /** Activity keys or ids implemented for the whole organisation. */
      implemented?: string[];
      /** Activity keys or ids that apply to no component of the organisation. */
      notApplicable?: string[];
    };
  };
}

/** A target: one level for every dimension, optionally a different one per dimension. */
interface DsommTargetConfig {
  /** Level 0-5 every dimension should reach. Default 1. */
  level?: number;
  /** Level per dimension, keyed by the dimension's slug (e.g. `test-and-verification`) or name. */
  dimensions?: { [dimension: string]: number };
}

/** A tier's target, and how long its components' findings may stay open. */
interface DsommTierTargetConfig extends DsommTargetConfig {
  /**
   * Days a finding of a component of this tier may stay open, per severity, e.g.
   * `{ critical: 2, high: 7 }`. A severity left out uses `dsomm.reports.findingSlaDays`.
   * Decides the defect-treatment activities and the gate's `sla-breach` rule.
   */
  findingSlaDays?: {
    critical?: number;
    high?: number;
    medium?: number;
  };
  /**
   * Whether a new attestation on an entity of this tier waits as `pending` until someone else
   * holding `dsomm.waiver.approve` approves it. Default false: attestations count at once.
   */
  attestationsRequireApproval?: boolean;
}
