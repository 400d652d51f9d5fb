import { Knex } from 'knex';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  AchievedLevel,
  ActivityStatus,
  Attestation,
  AuditEntry,
  Campaign,
  EntityLevelSummary,
  EvidenceItem,
  ProgressStateEntry,
  ReportForEvidence,
  ScoreHistoryPoint,
  StoredReport,
  ScorecardFilterKey,
  Target,
  ScorecardGroupBy,
  ScorecardRow,
  ScorecardSortField,
  ScorecardTrendPoint,
  TrendKpis,
  Waiver,
} from '@dsomm/plugin-dsomm-common';
import {
  DIMENSION_COLUMNS,
  HistoryRow,
  OpenFinding,
  ReportRow,
  reportToRow,
  rowToAttestation,
  rowToReport,
  ScoreDetailRow,
  ScoreRow,
  StoredScore,
  columnText,
  rowToScorecardRow,
  scoreToHistoryRow,
  scoreToRow,
} from './rows';
import {
  AnnotationSighting,
  AnnotationSightingRow,
} from '../evidence/annotationSightings';
import { Visibility, applyVisibility, whereInList } from './visibilityFilter';
import {
  claimNotifications,
  finishNotifications,
  pruneNotifications,
  recordNotifications,
} from './notifications';
import { NotificationEvent } from '../notifications/events';
import { PendingNotification } from '../notifications/messages';
import { ComponentsBelowQuery } from '../scopes/scopeTree';
import {
  ScoreInputsBatch,
  StoredInputs,
  forgetInputs,
  forgetInputsWhere,
  storedInputs,
} from './inputDigests';
import { chunks, inChunks, storableRefs } from './refs';
import { nextChangeAfter, withSpansOfDays } from '../scoring/timeThresholds';
import { digestCheck, scoreDigest } from './scoreDigest';
import { upsertRows } from './upsertRows';
import { decodeDetail, detailWriter } from './detailCodec';
import { appendAudit, auditExpiries, pruneAudit, readAudit } from './audit';
import {
  Decision,
  DecisionOutcome,
  decideRecord,
  pendingRecords,
  recordTable,
} from './approvals';
import {
  CampaignHistoryRow,
  CampaignSnapshot,
  campaignSnapshots,
  insertCampaign,
  listCampaigns,
  readCampaign,
  replaceCampaign,
  upsertCampaignSnapshots,
  scopeHistory,
  scoreDetails,
} from './campaigns';
import { LifecycleChange } from '../lifecycle/findingLifecycle';
import {
  LifecycleRow,
  ToolLifecycleFinding,
  lifecycleToRow,
  lifecycleToolName,
  rowToLifecycle,
} from './lifecycleRows';
import {
  KpiMeasure,
  KpiShareRow,
  KpiSumsRow,
  kpiFindingSums,
  kpiShareCounts,
  storedKpiParts,
  storedKpiSelects,
  storedKpiSums,
} from './kpiQueries';
import {
  KpiFindingSums,
  KpiSlaDays,
  findingSums,
  slaDaysOfTier,
} from '../kpis/groupKpis';
import { kpiSnapshotColumns, kpiSumColumns } from './kpiColumns';

const migrationsDir = resolvePackagePath(
  '@dsomm/plugin-dsomm-backend',
  'migrations',
);

/** Rows per INSERT; keeps every statement under SQLite's bound-parameter limit. */
const BATCH = 100;

/**
 * Scores per INSERT: half a scoring batch (500) per statement and table. About 50 parameters a
 * score row (with its KPI and digest columns), well under the limits of SQLite (32,766 since
 * 3.32) and PostgreSQL (65,535).
 */
const SCORE_BATCH = 250;

/** One entity, or the components below a Group, System or Domain. */
export type RowsWithin = { entityRef: string } | ComponentsBelowQuery;

/** A component's stored target and activity statuses, as of its score's `computedAt`. */
export interface RollupStatusRow {
  entityRef: string;
  computedAt: string;
  target: Target;
  /**
   * Activities other than missing ones (see `StoredScore.activities`); `ownEvidence` when
   * some of its evidence is the component's own rather than inherited from a scope.
   */
  statuses: {
    activityId: string;
    status: ActivityStatus;
    ownEvidence: boolean;
  }[];
}

/** Sums and level distributions of one scorecard group, as the database computes them. */
export interface AggregateRow {
  /** The group's value, or null for rows without one (or for the single total group). */
  key: string | null;
  count: number;
  withTarget: number;
  meetingTarget: number;
  /** Components known not to be assessed yet (see `isAssessed`). */
  notAssessed: number;
  /**
   * Sum of the scores in thousandths, each rounded first: a whole number, so the sum is exact
   * and the same in any order of addition (a total summed from owner groups equals one summed
   * from tier groups).
   */
  scoreMilliSum: number;
  overall: { sum: number; distribution: number[] };
  dimensions: Record<string, { sum: number; distribution: number[] }>;
}

export interface ScorecardQuery {
  filters: Partial<Record<ScorecardFilterKey, string[]>>;
  /** What the caller may read in the catalog; every scorecard read applies it. */
  visibility: Visibility;
  sort: { field: ScorecardSortField; order: 'asc' | 'desc' };
  offset: number;
  limit: number;
}

const SORT_COLUMNS: Record<
  Exclude<ScorecardSortField, 'worstFirst'>,
  string
> = {
  entityRef: 'entity_ref',
  name: 'name',
  owner: 'owner',
  system: 'system',
  domain: 'domain',
  tier: 'tier',
  overallLevel: 'overall_level',
  score: 'score',
  meetsTarget: 'meets_target',
  computedAt: 'computed_at',
  missingForTarget: 'missing_for_target',
};

/** A component's tier and how many matching components of a scorecard group have it. */
export interface TierCountRow {
  key: string | null;
  tier: string | null;
  count: number;
}

/** One `groupBy` value and tier of the scorecard, with its aggregate and stored KPI sums. */
export interface ScorecardSummaryRow {
  key: string | null;
  tier: string | null;
  aggregate: AggregateRow;
  kpis?: { sums: KpiSumsRow[]; share: KpiShareRow };
  /** What `scorecardChecks` answers for the same rows: equal while none of them changed. */
  check: string;
}

/** A group's check from the columns of `checkSelects` (see DsommStore). */
function checkOf(row: Record<string, unknown>): string {
  // PostgreSQL answers counts and bigint sums as text, SQLite as numbers: compared as text.
  return `${row.check_n}:${row.check_checked}:${row.check_sum ?? ''}`;
}

/** An aggregate from a row of `aggregateSelects` (see DsommStore). */
function aggregateOf(
  row: Record<string, unknown>,
  key: string | null,
): AggregateRow {
  const num = (column: string) => Number(row[column] ?? 0);
  const stats = (i: number) => ({
    sum: num(`l${i}_sum`),
    distribution: [0, 1, 2, 3, 4, 5].map(level => num(`l${i}_${level}`)),
  });
  return {
    key,
    count: num('n'),
    withTarget: num('with_target'),
    meetingTarget: num('meeting'),
    notAssessed: num('not_assessed'),
    scoreMilliSum: num('score_milli_sum'),
    overall: stats(0),
    dimensions: Object.fromEntries(
      DIMENSION_COLUMNS.map((c, i) => [c.dimension, stats(i + 1)]),
    ),
  };
}

const ROW_COLUMNS: string[] = [
  'entity_ref',
  'kind',
  'namespace',
  'name',
  'title',
  'owner',
  'system',
  'domain',
  'tier',
  'lifecycle',
  'type',
  'overall_level',
  'score',
  'target_level',
  'meets_target',
  'missing_for_target',
  'assessed',
  'warning_count',
  'computed_at',
  'dimension_levels',
  ...DIMENSION_COLUMNS.map(c => c.column),
];

/** Advisory lock key of the plugin's migrations (entity locks use another first key). */
export const MIGRATION_LOCK_KEY = 0x64736f6d; // 'dsom'

/** Migrations of one knex instance in this process, one after another (SQLite has no lock). */
const migrating = new WeakMap<Knex, Promise<void>>();

/**
 * Runs the migrations, one replica at a time. Replicas starting together on one database
 * would race to create knex's migration tables, and knex gives up at once on a migration lock
 * held by another. On PostgreSQL a transaction-scoped advisory lock (held by the connection of
 * a transaction left open around the migration) makes the others wait as long as it takes;
 * the server drops it with the connection if the process dies. Holding it, the replica knows
 * no replica of this version is migrating, so knex's own lock row, if still set, was left by a
 * process killed while migrating (its migration rolled back with its transaction) and is
 * freed. SQLite serves one process per database, so an in-process queue is enough there.
 */
async function migrateLatest(knex: Knex): Promise<void> {
  const run = async () => {
    const free = async () => {
      if (!(await knex.schema.hasTable('knex_migrations_lock'))) return;
      if (await knex('knex_migrations_lock').where('is_locked', 1).first()) {
        await knex.migrate.forceFreeMigrationsLock({
          directory: migrationsDir,
        });
      }
    };
    if (knex.client.dialect !== 'postgresql') {
      await free();
      await knex.migrate.latest({ directory: migrationsDir });
      return;
    }
    await knex.transaction(async lock => {
      await lock.raw('select pg_advisory_xact_lock(?, 0)', [
        MIGRATION_LOCK_KEY,
      ]);
      await free();
      await knex.migrate.latest({ directory: migrationsDir });
    });
  };
  const previous = migrating.get(knex) ?? Promise.resolve();
  const mine = previous.catch(() => undefined).then(run);
  migrating.set(knex, mine);
  await mine;
}

/** History columns whose values a snapshot holds; an unchanged snapshot is not written again. */
const HISTORY_VALUES = [
  'overall_level',
  'score',
  'meets_target',
  'tier',
  'owner',
  'dimension_levels',
  'implemented_count',
  'automated_count',
  'open_past_sla',
  'critical_misconfigurations',
  'closed_count',
  'closed_days',
];

/** How the daily snapshots measure KPIs: the SLA days and the window of the MTTR figures. */
export interface KpiSnapshotSettings {
  sla: KpiSlaDays;
  windowDays: number;
}

/**
 * Each score's finding KPI sums as of its `computedAt`, when `settings` say how to measure
 * them: one lifecycle query for the chunk (open findings and those closed in the window).
 */
async function scoreKpiSums(
  knex: Knex,
  scores: StoredScore[],
  settings: KpiSnapshotSettings | undefined,
  /** Collects each entity's finding times, from which time alone changes its KPI sums. */
  times?: Map<string, Set<string>>,
): Promise<Map<string, KpiFindingSums[]> | undefined> {
  if (!settings || scores.length === 0) return undefined;
  const windowMs = settings.windowDays * 24 * 60 * 60 * 1000;
  const earliest = Math.min(...scores.map(s => Date.parse(s.computedAt)));
  const found: LifecycleRow[] = await knex<LifecycleRow>(
    'dsomm_finding_lifecycle',
  )
    .whereIn(
      'entity_ref',
      scores.map(s => s.facts.entityRef),
    )
    // One condition rather than an OR, so SQLite looks the chunk up by entity (the primary
    // key) instead of reading every open finding through the closed_at index.
    .whereRaw(`coalesce(closed_at, '9999') >= ?`, [
      new Date(earliest - windowMs).toISOString(),
    ])
    .select('entity_ref', 'severity', 'category', 'first_seen_at', 'closed_at');
  const byEntity = new Map<string, LifecycleRow[]>();
  for (const row of found) {
    const list = byEntity.get(row.entity_ref);
    if (list) list.push(row);
    else byEntity.set(row.entity_ref, [row]);
    if (times) {
      let set = times.get(row.entity_ref);
      if (!set) times.set(row.entity_ref, (set = new Set()));
      set.add(row.first_seen_at);
      if (row.closed_at) set.add(row.closed_at);
    }
  }
  return new Map(
    scores.map(score => {
      const now = Date.parse(score.computedAt);
      const ref = score.facts.entityRef;
      return [
        ref,
        findingSums(
          (byEntity.get(ref) ?? []).map(rowToLifecycle),
          slaDaysOfTier(settings.sla, score.facts.tier),
          now - windowMs,
          now,
        ),
      ];
    }),
  );
}

/**
 * Writes scores, their details and today's snapshots (upserts), only where something changed:
 * a score whose digest (see `scoreDigest`) equals the stored one is not written again, and only
 * takes its new input digest and loses its out-of-date mark; its snapshot is written only if
 * today has none yet. Today's snapshot is rewritten only where a value changed: a re-score below
 * a scope leaves most levels as they were, and rewriting identical rows costs PostgreSQL a dead
 * row each.
 */
async function writeScores(
  knex: Knex,
  scores: StoredScore[],
  day: string,
  write: (score: StoredScore) => { detail: string; timeless: string },
  kpiSettings?: KpiSnapshotSettings,
  inputs?: ScoreInputsBatch,
): Promise<boolean> {
  const refs = scores.map(s => s.facts.entityRef);
  const storedRows: Array<{
    entity_ref: string;
    score_digest: string | null;
    stale_since: string | null;
    input_digest: string | null;
    next_change_at: string | null;
  }> = await knex('dsomm_scores')
    .whereIn('entity_ref', refs)
    .select(
      'entity_ref',
      'score_digest',
      'stale_since',
      'input_digest',
      'next_change_at',
    );
  const stored = new Map(storedRows.map(r => [r.entity_ref, r]));
  const findingTimes = inputs ? new Map<string, Set<string>>() : undefined;
  const kpiSums = await scoreKpiSums(knex, scores, kpiSettings, findingTimes);
  // The KPI sums age by the store's own SLA days and window.
  const kpiOffsets =
    inputs && kpiSettings
      ? withSpansOfDays(inputs.offsetsMs, [
          kpiSettings.windowDays,
          ...Object.values(kpiSettings.sla.default),
          ...Object.values(kpiSettings.sla.byTier).flatMap(Object.values),
        ])
      : [];
  const prepared = scores.map(score => {
    const ref = score.facts.entityRef;
    const input = inputs?.byRef.get(ref);
    let next = input?.nextChangeAt;
    const times = findingTimes?.get(ref);
    if (input && times) {
      // Time alone changes the KPI sums too (a finding passing its SLA, leaving the window).
      const kpiNext = nextChangeAfter(
        times,
        kpiOffsets,
        Date.parse(score.computedAt),
      );
      if (kpiNext !== undefined && (next === undefined || kpiNext < next)) {
        next = kpiNext;
      }
    }
    const row: ScoreRow = {
      ...scoreToRow(score),
      ...kpiSumColumns(kpiSums?.get(ref), kpiSettings?.windowDays),
      input_digest: input?.digest ?? null,
      next_change_at: next === undefined ? null : new Date(next).toISOString(),
    };
    const { detail, timeless } = write(score);
    row.score_digest = scoreDigest(row, timeless);
    row.digest_check = digestCheck(row.score_digest);
    return { score, row, detail };
  });
  const changed: typeof prepared = [];
  const unchanged: typeof prepared = [];
  for (const p of prepared) {
    const digest = stored.get(p.row.entity_ref)?.score_digest;
    (digest && digest === p.row.score_digest ? unchanged : changed).push(p);
  }
  // Scored again from what is stored now: no longer out of date, and known to come from
  // these inputs.
  const refreshed = unchanged.filter(p => {
    const before = stored.get(p.row.entity_ref)!;
    return (
      before.stale_since !== null ||
      before.input_digest !== p.row.input_digest ||
      before.next_change_at !== p.row.next_change_at
    );
  });
  if (refreshed.length > 0) {
    await upsertRows(
      knex,
      'dsomm_scores',
      refreshed.map(p => p.row as unknown as Record<string, unknown>),
      {
        conflict: ['entity_ref'],
        merge: ['stale_since', 'input_digest', 'next_change_at'],
      },
    );
  }
  if (changed.length > 0) {
    await upsertRows(
      knex,
      'dsomm_scores',
      changed.map(p => p.row as unknown as Record<string, unknown>),
      { conflict: ['entity_ref'] },
    );
    await upsertRows(
      knex,
      'dsomm_score_details',
      changed.map(p => ({ entity_ref: p.row.entity_ref, detail: p.detail })),
      { conflict: ['entity_ref'] },
    );
  }
  // An unchanged score already has today's snapshot unless this is its first write today.
  const snapshotted = new Set<string>(
    unchanged.length === 0
      ? []
      : await knex<HistoryRow>('dsomm_score_history')
          .where('day', day)
          .whereIn(
            'entity_ref',
            unchanged.map(p => p.row.entity_ref),
          )
          .pluck('entity_ref'),
  );
  const snapshots = changed.concat(
    unchanged.filter(p => !snapshotted.has(p.row.entity_ref)),
  );
  if (snapshots.length === 0) return changed.length > 0;
  const distinct =
    knex.client.dialect === 'postgresql' ? 'is distinct from' : 'is not';
  await upsertRows(
    knex,
    'dsomm_score_history',
    snapshots.map(({ score, row }) => ({
      ...scoreToHistoryRow(score, day, row),
      ...kpiSnapshotColumns(kpiSums?.get(score.facts.entityRef)),
    })),
    {
      conflict: ['entity_ref', 'day'],
      mergeWhere: HISTORY_VALUES.map(
        c => `dsomm_score_history.${c} ${distinct} excluded.${c}`,
      ).join(' or '),
    },
  );
  return changed.length > 0;
}

/** Raises the score generation (see `DsommStore.scoreGeneration`) in `knex`'s transaction. */
async function raiseScoreGeneration(knex: Knex): Promise<void> {
  await knex('dsomm_score_generation')
    .where({ id: 1 })
    .increment('generation', 1);
}

/** A trend day's KPIs from the sums of its snapshots' KPI columns. */
function trendKpisOf(r: Record<string, string | number | null>): TrendKpis {
  const measured = Number(r.kpi_measured ?? 0) > 0;
  const num = (key: string) => Number(r[key] ?? 0);
  const closed = num('closed_count');
  const implemented = num('implemented');
  return {
    openPastSla: measured ? num('open_past_sla') : null,
    criticalMisconfigurations: measured
      ? num('critical_misconfigurations')
      : null,
    automatedShare:
      implemented === 0
        ? null
        : Math.round((num('automated') / implemented) * 1000) / 1000,
    mttrDays:
      closed === 0
        ? null
        : Math.round((num('closed_days') / closed) * 100) / 100,
  };
}

/** The row of an attestation (attestations are evidence rows of source `attestation`). */
async function insertAttestationRow(knex: Knex, a: Attestation): Promise<void> {
  await forgetInputs(knex, a.entityRef);
  await knex('dsomm_evidence').insert({
    id: a.id,
    entity_ref: a.entityRef,
    activity_id: a.activityId,
    source: 'attestation',
    observed_at: a.attestedAt,
    expires_at: a.expiresAt ?? null,
    details: JSON.stringify({
      summary: a.comment,
      url: a.link,
      actor: a.attestedBy,
    }),
    created_by: a.attestedBy,
    status: a.status ?? 'approved',
  });
}

/**
 * Marks a live attestation or waiver revoked and appends its `revoke` audit entry, in one
 * transaction; false when there is no such live record.
 */
async function revokeRecord(
  knex: Knex,
  recordType: AuditEntry['recordType'],
  r: { id: string; entityRef: string; by: string; at: string; reason?: string },
): Promise<boolean> {
  const [table, match] = recordTable(recordType);
  return knex.transaction(async tx => {
    // A pending request can be withdrawn; a denied one is no longer live.
    const live = () =>
      tx(table)
        .where({ id: r.id, entity_ref: r.entityRef, ...match })
        .whereIn('status', ['approved', 'pending'])
        .whereNull('revoked_at');
    const row = await live().first('activity_id');
    if (!row) return false;
    // Still live when updated: of two revokes at once, one changes the row, the other none
    // (PostgreSQL re-checks the condition once the first commits), so one entry is appended.
    const changed = await live().update({ revoked_at: r.at, revoked_by: r.by });
    if (changed === 0) return false;
    await forgetInputs(tx, r.entityRef);
    await appendAudit(tx, [
      {
        at: r.at,
        action: 'revoke',
        recordType,
        recordId: r.id,
        entityRef: r.entityRef,
        activityId: row.activity_id,
        actor: r.by,
        reason: r.reason,
      },
    ]);
    return true;
  });
}

/** Owns the plugin's tables; every SQL statement of the plugin lives here. */
export class DsommStore {
  /** `kpiSnapshots`: how the daily history measures each component's KPIs (none: not measured). */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    kpiSnapshots?: KpiSnapshotSettings;
  }): Promise<DsommStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await migrateLatest(knex);
    }
    return new DsommStore(knex, options.kpiSnapshots);
  }

  constructor(
    private readonly knex: Knex,
    private readonly kpiSnapshots?: KpiSnapshotSettings,
    /** Inside `transaction`: a change to stored scores raises the generation once, at its end. */
    private readonly pendingGeneration?: { raise: boolean },
  ) {}

  /**
   * How many transactions are worth running at once: PostgreSQL serves each on its own
   * connection and process; SQLite writes one at a time, so a second would only wait.
   */
  concurrentTransactions(): number {
    return this.knex.client.dialect === 'postgresql' ? 2 : 1;
  }

  /** Runs `fn` with a store bound to one transaction: all of its writes land, or none. */
  async transaction<T>(fn: (store: DsommStore) => Promise<T>): Promise<T> {
    return this.knex.transaction(async tx => {
      const pending = { raise: false };
      const result = await fn(new DsommStore(tx, this.kpiSnapshots, pending));
      if (pending.raise) await raiseScoreGeneration(tx);
      return result;
    });
  }

  /**
   * The score generation: raised by every transaction that changes stored scores (levels,
   * targets, KPI sums) or removes one, and seen by other transactions when it commits, so an
   * unchanged number means unchanged score rows. Undefined if its row is missing.
   */
  async scoreGeneration(): Promise<number | undefined> {
    const row = await this.knex('dsomm_score_generation')
      .where({ id: 1 })
      .first('generation');
    return row ? Number(row.generation) : undefined;
  }

  /** After a change to stored scores made through `knex` (this store's, or a transaction of it). */
  private async scoresChanged(knex: Knex): Promise<void> {
    // Once per transaction, last: the row is locked from the update to the commit.
    if (this.pendingGeneration) this.pendingGeneration.raise = true;
    else await raiseScoreGeneration(knex);
  }

  /**
   * Inside a transaction: waits until no other transaction holds the lock of any of
   * `entityRefs`, then holds them until this one ends, so that scoring an entity (read its
   * evidence, write its score) is not interleaved with another scoring of the same entity,
   * e.g. an upload's and a full recompute's. On PostgreSQL transaction-scoped advisory locks,
   * taken in one statement and in a fixed order; SQLite runs one transaction at a time anyway.
   */
  async lockEntities(refs: string[]): Promise<void> {
    const entityRefs = storableRefs(refs);
    if (this.knex.client.dialect !== 'postgresql' || entityRefs.length === 0) {
      return;
    }
    await this.knex.raw(
      `select pg_advisory_xact_lock(hashtext('dsomm'), hashtext(ref))
       from unnest(?::text[]) as ref order by ref`,
      [[...new Set(entityRefs)].sort()],
    );
  }

  // ---- scores ----

  /**
   * Writes the latest scores and today's history snapshots in one transaction. Each chunk is
   * written under a savepoint, and a chunk that fails is written again score by score: on
   * PostgreSQL a failed statement aborts the transaction, so one score that cannot be written
   * would otherwise lose the whole batch. Returns the scores that could not be written.
   */
  async saveScores(
    scores: StoredScore[],
    day: string,
    inputs?: ScoreInputsBatch,
  ): Promise<Array<{ score: StoredScore; error: Error }>> {
    const failed: Array<{ score: StoredScore; error: Error }> = [];
    if (scores.length === 0) return failed;
    // Scores of one batch share many evidence items (annotations, scopes): each is written once.
    const write = detailWriter();
    await this.knex.transaction(async tx => {
      let changed = false;
      for (let i = 0; i < scores.length; i += SCORE_BATCH) {
        const chunk = scores.slice(i, i + SCORE_BATCH);
        try {
          changed =
            (await tx.transaction(sp =>
              writeScores(sp, chunk, day, write, this.kpiSnapshots, inputs),
            )) || changed;
        } catch {
          for (const score of chunk) {
            try {
              changed =
                (await tx.transaction(sp =>
                  writeScores(
                    sp,
                    [score],
                    day,
                    write,
                    this.kpiSnapshots,
                    inputs,
                  ),
                )) || changed;
            } catch (error) {
              failed.push({ score, error });
            }
          }
        }
      }
      if (changed) await this.scoresChanged(tx);
    });
    return failed;
  }

  /** What is stored of the inputs of `refs`' scores (see `storedInputs`). */
  async storedInputs(refs: string[]): Promise<Map<string, StoredInputs>> {
    return storedInputs(this.knex, refs);
  }

  async getScore(entityRef: string): Promise<StoredScore | undefined> {
    const row = await this.knex<ScoreDetailRow>('dsomm_score_details')
      .where({ entity_ref: entityRef })
      .first();
    return row ? decodeDetail(row.detail) : undefined;
  }

  /**
   * Removes everything stored for entities that a full recompute started at `runStartedAt`
   * did not read from the catalog: they are gone from it. `keep`: the entities the run read (an
   * unchanged score is not written again, so its time does not tell); a score written since
   * the run started (e.g. of an entity scored on demand) is kept too.
   */
  async removeUnscored(
    runStartedAt: string,
    keep: ReadonlySet<string> = new Set(),
  ): Promise<number> {
    return this.knex.transaction(async tx => {
      const gone = tx('dsomm_scores')
        .where('computed_at', '<', runStartedAt)
        .select('entity_ref');
      const refs = (await gone)
        .map(r => r.entity_ref as string)
        .filter(ref => !keep.has(ref));
      for (let i = 0; i < refs.length; i += BATCH) {
        const chunk = refs.slice(i, i + BATCH);
        await tx('dsomm_evidence').whereIn('entity_ref', chunk).delete();
        await tx('dsomm_reports').whereIn('entity_ref', chunk).delete();
        await tx('dsomm_waivers').whereIn('entity_ref', chunk).delete();
        await tx('dsomm_annotation_seen').whereIn('entity_ref', chunk).delete();
        await tx('dsomm_score_history').whereIn('entity_ref', chunk).delete();
        await tx('dsomm_score_details').whereIn('entity_ref', chunk).delete();
        await tx('dsomm_scores').whereIn('entity_ref', chunk).delete();
      }
      if (refs.length > 0) await this.scoresChanged(tx);
      return refs.length;
    });
  }

  /** Removes one entity's data (it is no longer in the catalog). */
  async removeEntity(entityRef: string): Promise<void> {
    await this.knex.transaction(async tx => {
      for (const table of [
        'dsomm_evidence',
        'dsomm_reports',
        'dsomm_finding_lifecycle',
        'dsomm_waivers',
        'dsomm_annotation_seen',
        'dsomm_score_history',
        'dsomm_score_details',
        'dsomm_scores',
      ]) {
        await tx(table).where({ entity_ref: entityRef }).delete();
      }
      await this.scoresChanged(tx);
    });
  }

  async history(
    entityRef: string,
    since: string,
  ): Promise<ScoreHistoryPoint[]> {
    const rows = await this.knex<HistoryRow>('dsomm_score_history')
      .where({ entity_ref: entityRef })
      .andWhere('day', '>=', since)
      .orderBy('day', 'asc');
    return rows.map(r => ({
      day: r.day,
      overallLevel: r.overall_level as AchievedLevel,
      score: Number(r.score),
      meetsTarget: r.meets_target === null ? null : Boolean(r.meets_target),
      dimensionLevels: JSON.parse(r.dimension_levels),
    }));
  }

  /**
   * Per day since `since`, how many of the components matching the filters (by their current
   * facts) had a snapshot, and how many of those met their target.
   */
  async trend(
    filters: ScorecardQuery['filters'],
    visibility: Visibility,
    since: string,
  ): Promise<ScorecardTrendPoint[]> {
    let query = applyVisibility(
      this.knex,
      this.knex('dsomm_score_history as h')
        .join('dsomm_scores as s', 's.entity_ref', 'h.entity_ref')
        .where('h.day', '>=', since),
      visibility,
      's.',
    );
    for (const [key, values] of Object.entries(filters)) {
      if (values && values.length > 0)
        query = query.whereIn(`s.${key}`, values);
    }
    const rows: Record<string, string | number | null>[] = await query
      .groupBy('h.day')
      .orderBy('h.day', 'asc')
      .select(
        'h.day as day',
        this.knex.raw('count(*) as count'),
        this.knex.raw('count(h.meets_target) as with_target'),
        this.knex.raw(
          'sum(case when h.meets_target = ? then 1 else 0 end) as meeting',
          [true],
        ),
        // The day's KPIs from the snapshots that measured them (sums skip nulls).
        this.knex.raw('count(h.open_past_sla) as kpi_measured'),
        this.knex.raw('sum(h.open_past_sla) as open_past_sla'),
        this.knex.raw(
          'sum(h.critical_misconfigurations) as critical_misconfigurations',
        ),
        this.knex.raw('sum(h.closed_count) as closed_count'),
        this.knex.raw('sum(h.closed_days) as closed_days'),
        this.knex.raw('sum(h.implemented_count) as implemented'),
        this.knex.raw('sum(h.automated_count) as automated'),
      );
    return rows.map(r => {
      const withTarget = Number(r.with_target);
      const meeting = Number(r.meeting ?? 0);
      return {
        day: String(r.day),
        count: Number(r.count),
        meetingTarget: meeting,
        shareMeetingTarget: withTarget === 0 ? null : meeting / withTarget,
        kpis: trendKpisOf(r),
      };
    });
  }

  // ---- campaigns (SQL in ./campaigns) ----

  async insertCampaign(campaign: Campaign): Promise<void> {
    await insertCampaign(this.knex, campaign);
  }

  async getCampaign(id: string): Promise<Campaign | undefined> {
    return readCampaign(this.knex, id);
  }

  async listCampaigns(includeArchived: boolean): Promise<Campaign[]> {
    return listCampaigns(this.knex, includeArchived);
  }

  async replaceCampaign(campaign: Campaign): Promise<boolean> {
    return replaceCampaign(this.knex, campaign);
  }

  async scoreDetails(refs: string[]): Promise<Map<string, StoredScore>> {
    return scoreDetails(this.knex, refs);
  }

  async scopeHistory(
    filters: ScorecardQuery['filters'],
    visibility: Visibility,
    since: string,
  ): Promise<CampaignHistoryRow[]> {
    return scopeHistory(this.knex, filters, visibility, since);
  }

  async upsertCampaignSnapshots(
    snapshots: CampaignSnapshot[],
    recordedAt: string,
  ): Promise<void> {
    await upsertCampaignSnapshots(this.knex, snapshots, recordedAt);
  }

  async campaignSnapshots(campaignId: string): Promise<CampaignSnapshot[]> {
    return campaignSnapshots(this.knex, campaignId);
  }

  /** Deletes history older than `before` (a YYYY-MM-DD day); returns the rows removed. */
  async pruneHistory(before: string): Promise<number> {
    return this.knex('dsomm_score_history').where('day', '<', before).delete();
  }

  /**
   * `rank`: 1 for the latest upload of each tool and kind of scan per entity (ties: the larger
   * id), then 2, ... One pipeline's scans of different kinds with one tool are each rank 1.
   */
  private toolRank() {
    return this.knex.raw(
      'row_number() over (partition by entity_ref, tool_name, scan_kind order by uploaded_at desc, id desc) as rank',
    );
  }

  /**
   * Deletes reports uploaded before `before` (ISO time) that a newer report of the same tool
   * and kind supersedes; the latest of each tool and kind stays, as scoring uses it. Returns
   * the rows removed.
   */
  async pruneReports(before: string): Promise<number> {
    return this.knex.transaction(async (tx): Promise<number> => {
      const latest = tx
        .from(tx('dsomm_reports').select('id', this.toolRank()).as('ranked'))
        .where('rank', 1)
        .select('id');
      const pruned = () =>
        tx('dsomm_reports')
          .where('uploaded_at', '<', before)
          .whereNotIn('id', latest);
      await forgetInputsWhere(tx, pruned());
      const removed: number = await pruned().delete();
      return removed;
    });
  }

  private scorecardBase(
    filters: ScorecardQuery['filters'],
    visibility: Visibility,
  ) {
    let query = applyVisibility(
      this.knex,
      this.knex<ScoreRow>('dsomm_scores'),
      visibility,
    );
    for (const [key, values] of Object.entries(filters)) {
      if (values && values.length > 0) query = query.whereIn(key, values);
    }
    return query;
  }

  /**
   * Group aggregates computed by the database over the rows of `base`: counts, target share,
   * sums and level distributions per group (`groupBy` column, or one group of everything when
   * absent). Only for models whose dimensions all have level columns (see DIMENSION_COLUMNS).
   */
  private async aggregatesOf(
    base: Knex.QueryBuilder,
    groupBy: ScorecardGroupBy | undefined,
  ): Promise<AggregateRow[]> {
    let query = base.select(this.aggregateSelects());
    if (groupBy) query = query.select({ group_key: groupBy }).groupBy(groupBy);
    const rows = (await query) as unknown as Record<string, unknown>[];
    return rows.map(row =>
      aggregateOf(
        row,
        groupBy ? (row.group_key as string | null) ?? null : null,
      ),
    );
  }

  /** The sums and counts of an aggregate, for a grouped query over the scores. */
  private aggregateSelects(): Knex.Raw[] {
    const levelColumns = [
      'overall_level',
      ...DIMENSION_COLUMNS.map(c => c.column),
    ];
    // `count(*) filter (where ...)` (SQLite and PostgreSQL): about half the cost of
    // `sum(case ...)` over 44 columns, which dominates the scorecard's latency.
    const selects: Knex.Raw[] = [
      this.knex.raw('count(*) as n'),
      this.knex.raw('count(meets_target) as with_target'),
      this.knex.raw('count(*) filter (where meets_target = ?) as meeting', [
        true,
      ]),
      this.knex.raw('count(*) filter (where assessed = ?) as not_assessed', [
        false,
      ]),
      this.knex.raw('sum(round(score * 1000)) as score_milli_sum'),
    ];
    levelColumns.forEach((column, i) => {
      selects.push(this.knex.raw(`sum(??) as l${i}_sum`, [column]));
      for (let level = 0; level <= 5; level++) {
        selects.push(
          this.knex.raw(
            `count(*) filter (where ?? = ${level}) as l${i}_${level}`,
            [column],
          ),
        );
      }
    });
    return selects;
  }

  /**
   * Everything the scorecard's groups need, in one scan of the matching scores the caller may
   * read: the aggregate of each pair of `groupBy` value and tier (a group's targets follow
   * from its tiers), and, given the window the stored KPI sums were measured over, those sums.
   * Counts and sums add up, so the caller adds a group's tiers together.
   */
  async scorecardSummary(
    filters: ScorecardQuery['filters'],
    visibility: Visibility,
    groupBy: ScorecardGroupBy,
    storedKpiWindowDays?: number,
    /** Only these `groupBy` values (null: the rows without one); all when undefined. */
    keys?: ReadonlyArray<string | null>,
  ): Promise<ScorecardSummaryRow[]> {
    const selects = this.aggregateSelects();
    if (storedKpiWindowDays !== undefined) {
      selects.push(...storedKpiSelects(this.knex, storedKpiWindowDays));
    }
    const rows = await this.groupedScan(
      filters,
      visibility,
      groupBy,
      [...selects, ...this.checkSelects()],
      keys,
    );
    return rows.map(row => {
      const key = (row.group_key as string | null) ?? null;
      return {
        key,
        tier: (row.tier_key as string | null) ?? null,
        aggregate: aggregateOf(row, key),
        ...(storedKpiWindowDays !== undefined
          ? { kpis: storedKpiParts(row, key) }
          : {}),
        check: checkOf(row),
      };
    });
  }

  /**
   * `selects` of the matching scores the caller may read, per `groupBy` value and tier (as
   * `group_key` and `tier_key`); of the `keys` groups only, when given (null: the rows
   * without a value).
   */
  private async groupedScan(
    filters: ScorecardQuery['filters'],
    visibility: Visibility,
    groupBy: ScorecardGroupBy,
    selects: Knex.Raw[],
    keys?: ReadonlyArray<string | null>,
  ): Promise<Record<string, unknown>[]> {
    let query = this.scorecardBase(filters, visibility);
    if (keys) {
      const named = keys.filter((k): k is string => k !== null);
      const withNull = named.length < keys.length;
      query = query.where(q => {
        if (named.length > 0) q.whereIn(groupBy, named);
        if (withNull) q.orWhereNull(groupBy);
        if (named.length === 0 && !withNull) q.whereRaw('1 = 0');
      });
    }
    return query
      .select({ group_key: groupBy, tier_key: 'tier' }, ...selects)
      .groupBy(groupBy === 'tier' ? ['tier'] : [groupBy, 'tier']);
  }

  private checkSelects(): Knex.Raw[] {
    return [
      this.knex.raw('count(*) as check_n'),
      this.knex.raw('count(digest_check) as check_checked'),
      this.knex.raw('sum(digest_check) as check_sum'),
    ];
  }

  /**
   * Per `groupBy` value and tier of the matching scores the caller may read: how many, and the
   * sum of their `digest_check`. A write that changes a score changes its group's sum (but
   * for one chance in about 2^30), so a caller keeping aggregates learns which groups to
   * aggregate again from this cheap scan.
   */
  async scorecardChecks(
    filters: ScorecardQuery['filters'],
    visibility: Visibility,
    groupBy: ScorecardGroupBy,
  ): Promise<
    Array<{ key: string | null; tier: string | null; check: string }>
  > {
    const rows = await this.groupedScan(
      filters,
      visibility,
      groupBy,
      this.checkSelects(),
    );
    return rows.map(row => ({
      key: (row.group_key as string | null) ?? null,
      tier: (row.tier_key as string | null) ?? null,
      check: checkOf(row),
    }));
  }

  /**
   * KPI sums of the tracked findings of the matching components the caller may read (of
   * `refs` only, if given), per value of `groupBy` (a scores column; `entity_ref` for one row
   * per component) and severity.
   */
  async scorecardKpiSums(
    filters: ScorecardQuery['filters'],
    visibility: Visibility,
    groupBy: ScorecardGroupBy | 'entity_ref',
    measure: KpiMeasure,
    refs?: string[],
  ): Promise<KpiSumsRow[]> {
    return kpiFindingSums(
      this.knex,
      { filters, visibility, refs },
      groupBy,
      measure,
    );
  }

  /**
   * The KPI sums and activity counts kept with the matching scores the caller may read (of
   * `refs` only, if given), per `groupBy` value: sums measured over `windowDays` when each
   * score was written. No lifecycle row is read.
   */
  async scorecardStoredKpis(
    filters: ScorecardQuery['filters'],
    visibility: Visibility,
    groupBy: ScorecardGroupBy | 'entity_ref',
    windowDays: number,
    refs?: string[],
  ): Promise<{ sums: KpiSumsRow[]; shares: KpiShareRow[] }> {
    return storedKpiSums(
      this.knex,
      { filters, visibility, refs },
      groupBy,
      windowDays,
    );
  }

  /** Implemented and automated activity counts of the same components, per `groupBy` value. */
  async scorecardShareCounts(
    filters: ScorecardQuery['filters'],
    visibility: Visibility,
    groupBy: ScorecardGroupBy | 'entity_ref',
    refs?: string[],
  ): Promise<KpiShareRow[]> {
    return kpiShareCounts(this.knex, { filters, visibility, refs }, groupBy);
  }

  /** The page of rows asked for (the total aggregate says how many match in all). */
  async scorecardPage(q: ScorecardQuery): Promise<ScorecardRow[]> {
    let query = this.scorecardBase(q.filters, q.visibility).select<ScoreRow[]>(
      ROW_COLUMNS,
    );
    const order = q.sort.order === 'desc' ? 'desc' : 'asc';
    if (q.sort.field === 'worstFirst') {
      // How far below (negative) or above its target a component is; one without a target
      // counts as target 0. Then the lower score first.
      query = query
        .orderByRaw(`overall_level - coalesce(target_level, 0) ${order}`)
        .orderBy('score', order);
    } else {
      query = query.orderBy(SORT_COLUMNS[q.sort.field], order);
    }
    const rows: ScoreRow[] = await query
      .orderBy('entity_ref', 'asc')
      .offset(q.offset)
      .limit(q.limit);
    return rows.map(rowToScorecardRow);
  }

  /** Every matching row, in pages, for aggregation and export without one huge result. */
  async *scorecardRows(
    filters: ScorecardQuery['filters'],
    visibility: Visibility,
    pageSize = 2000,
  ): AsyncGenerator<ScorecardRow[]> {
    let after = '';
    for (;;) {
      const rows: ScoreRow[] = await this.scorecardBase(filters, visibility)
        .select<ScoreRow[]>(ROW_COLUMNS)
        .where('entity_ref', '>', after)
        .orderBy('entity_ref', 'asc')
        .limit(pageSize);
      if (rows.length === 0) return;
      yield rows.map(rowToScorecardRow);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].entity_ref;
    }
  }

  /**
   * Like `scorecardRows`, restricted to one entity (`entityRef`) or to the components below a
   * scope: the rows of a campaign's scope that concern an entity's page.
   */
  async *scorecardRowsWithin(
    filters: ScorecardQuery['filters'],
    visibility: Visibility,
    within: RowsWithin,
    pageSize = 2000,
  ): AsyncGenerator<ScorecardRow[]> {
    let after = '';
    for (;;) {
      const query = this.scorecardBase(filters, visibility);
      if ('entityRef' in within) {
        query.where('entity_ref', within.entityRef);
      } else if (!within.all) {
        const { owners, systems } = within;
        if (owners.length === 0 && systems.length === 0) return;
        query.where(qb => {
          if (owners.length > 0) {
            qb.orWhere(inner => whereInList(this.knex, inner, 'owner', owners));
          }
          if (systems.length > 0) {
            qb.orWhere(inner =>
              whereInList(this.knex, inner, 'system', systems),
            );
          }
        });
      }
      const rows: ScoreRow[] = await query
        .select<ScoreRow[]>(ROW_COLUMNS)
        .where('entity_ref', '>', after)
        .orderBy('entity_ref', 'asc')
        .limit(pageSize);
      if (rows.length === 0) return;
      yield rows.map(rowToScorecardRow);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].entity_ref;
    }
  }

  /** Level, target and score of the given entities that `visibility` lets the caller read. */
  async levelSummaries(
    refs: string[],
    visibility: Visibility,
  ): Promise<EntityLevelSummary[]> {
    const entityRefs = storableRefs(refs);
    if (entityRefs.length === 0) return [];
    const query = applyVisibility(
      this.knex,
      this.knex<ScoreRow>('dsomm_scores'),
      visibility,
    ).select<ScoreRow[]>(
      'entity_ref',
      'overall_level',
      'target_level',
      'meets_target',
      'score',
      'computed_at',
    );
    whereInList(this.knex, query, 'entity_ref', entityRefs);
    const rows: ScoreRow[] = await query.orderBy('entity_ref', 'asc');
    return rows.map(row => ({
      entityRef: row.entity_ref,
      overallLevel: row.overall_level as AchievedLevel,
      targetLevel:
        row.target_level === null ? null : (row.target_level as AchievedLevel),
      meetsTarget: row.meets_target === null ? null : Boolean(row.meets_target),
      score: Number(row.score),
      computedAt: row.computed_at,
    }));
  }

  /** Refs of the entities `visibility` lets the caller read that miss their target, in order. */
  async belowTargetRefs(visibility: Visibility): Promise<string[]> {
    const rows = await applyVisibility(
      this.knex,
      this.knex('dsomm_scores'),
      visibility,
    )
      .where('meets_target', false)
      .select<{ entity_ref: string }[]>('entity_ref')
      .orderBy('entity_ref', 'asc');
    return rows.map(row => row.entity_ref);
  }

  /**
   * Refs of the scored entities a scope's components-below query matches (by the owner and
   * system stored with their scores), in ref order.
   */
  /**
   * Marks the stored scores of the components below a scope as out of date since `at`, in one
   * statement per chunk of owners or systems; writing a score clears the mark.
   */
  async markStale(query: ComponentsBelowQuery, at: string): Promise<void> {
    if (!query.all && query.owners.length + query.systems.length === 0) {
      return;
    }
    const update = () => this.knex('dsomm_scores').update({ stale_since: at });
    if (query.all) {
      await update();
      return;
    }
    for (const [column, values] of [
      ['owner', query.owners],
      ['system', query.systems],
    ] as const) {
      for (let i = 0; i < values.length; i += BATCH * 5) {
        await update().whereIn(column, values.slice(i, i + BATCH * 5));
      }
    }
  }

  /** Whether a change at a scope above made the entity's stored score out of date. */
  async isStale(entityRef: string): Promise<boolean> {
    const row = await this.knex<ScoreRow>('dsomm_scores')
      .where({ entity_ref: entityRef })
      .whereNotNull('stale_since')
      .first('entity_ref');
    return row !== undefined;
  }

  async entityRefsBelow(query: ComponentsBelowQuery): Promise<string[]> {
    if (!query.all && query.owners.length + query.systems.length === 0) {
      return [];
    }
    const refs = new Set<string>();
    const select = () =>
      this.knex('dsomm_scores').select<{ entity_ref: string }[]>('entity_ref');
    if (query.all) {
      for (const row of await select()) refs.add(row.entity_ref);
    } else {
      for (const [column, values] of [
        ['owner', query.owners],
        ['system', query.systems],
      ] as const) {
        for (let i = 0; i < values.length; i += BATCH * 5) {
          const rows = await select().whereIn(
            column,
            values.slice(i, i + BATCH * 5),
          );
          for (const row of rows) refs.add(row.entity_ref);
        }
      }
    }
    return [...refs].sort();
  }

  // ---- evidence and attestations ----

  /** Stored evidence (not revoked) for the given entities. */
  async evidenceFor(refs: string[]): Promise<Map<string, EvidenceItem[]>> {
    const entityRefs = storableRefs(refs);
    const result = new Map<string, EvidenceItem[]>();
    for (let i = 0; i < entityRefs.length; i += BATCH * 5) {
      const rows = await this.knex('dsomm_evidence')
        .whereIn('entity_ref', entityRefs.slice(i, i + BATCH * 5))
        .where({ status: 'approved' })
        .whereNull('revoked_at');
      for (const row of rows) {
        const item: EvidenceItem = {
          activityId: row.activity_id,
          source: row.source,
          observedAt: row.observed_at,
          ...(row.expires_at ? { expiresAt: row.expires_at } : {}),
          details: { ...JSON.parse(row.details), evidenceId: row.id },
        };
        const list = result.get(row.entity_ref);
        if (list) list.push(item);
        else result.set(row.entity_ref, [item]);
      }
    }
    return result;
  }

  /**
   * Stores an attestation and its audit entry (`create`, or `request` when it is pending
   * approval), together.
   */
  async insertAttestation(a: Attestation): Promise<void> {
    await this.knex.transaction(async tx => {
      await insertAttestationRow(tx, a);
      await appendAudit(tx, [
        {
          at: a.attestedAt,
          action: a.status === 'pending' ? 'request' : 'create',
          recordType: 'attestation',
          recordId: a.id,
          entityRef: a.entityRef,
          activityId: a.activityId,
          actor: a.attestedBy,
          text: a.comment,
          expiresAt: a.expiresAt,
        },
      ]);
    });
  }

  /** Live attestations that count (approved, or made where no approval was asked). */
  async listAttestations(entityRef: string): Promise<Attestation[]> {
    const rows = await this.knex('dsomm_evidence')
      .where({
        entity_ref: entityRef,
        source: 'attestation',
        status: 'approved',
      })
      .whereNull('revoked_at')
      .orderBy('observed_at', 'desc');
    return rows.map(rowToAttestation);
  }

  /**
   * Marks an attestation revoked, with a `revoke` entry in the audit trail; false when there
   * is no such live attestation.
   */
  async revokeAttestation(
    entityRef: string,
    id: string,
    by: string,
    at: string,
    reason?: string,
  ): Promise<boolean> {
    return revokeRecord(this.knex, 'attestation', {
      id,
      entityRef,
      by,
      at,
      reason,
    });
  }

  // ---- approvals ----

  /** Pending waivers and attestations, oldest first; of the given entities, or of all. */
  async pendingApprovals(entityRefs?: string[]) {
    return pendingRecords(
      this.knex,
      entityRefs ? storableRefs(entityRefs) : undefined,
    );
  }

  /** Approves or denies a pending record, with its audit entry; see decideRecord. */
  async decide(decision: Decision): Promise<DecisionOutcome> {
    return decideRecord(this.knex, decision);
  }

  // ---- audit trail ----

  /** Audit entries, newest first. */
  async auditEntries(query: {
    entityRef?: string;
    since?: string;
    limit: number;
  }): Promise<AuditEntry[]> {
    return readAudit(this.knex, query);
  }

  /** Appends `expire` entries for attestations and waivers whose expiry has passed. */
  async auditExpiries(now: Date): Promise<number> {
    return auditExpiries(this.knex, now);
  }

  /** Deletes audit entries older than `before` (the retention). */
  async pruneAudit(before: string): Promise<number> {
    return pruneAudit(this.knex, before);
  }

  // ---- reports ----

  async findReport(
    entityRef: string,
    sha256: string,
  ): Promise<StoredReport | undefined> {
    const row = await this.knex<ReportRow>('dsomm_reports')
      .where({ entity_ref: entityRef, sha256 })
      .first();
    return row ? rowToReport(row) : undefined;
  }

  async insertReport(
    report: StoredReport,
    openFindings: OpenFinding[],
  ): Promise<void> {
    await forgetInputs(this.knex, report.entityRef);
    await this.knex<ReportRow>('dsomm_reports').insert(
      reportToRow(report, openFindings),
    );
  }

  /** The reports of an entity, newest upload first. */
  async listReports(entityRef: string): Promise<StoredReport[]> {
    const rows = await this.knex<ReportRow>('dsomm_reports')
      .where({ entity_ref: entityRef })
      .orderBy('uploaded_at', 'desc');
    return rows.map(rowToReport);
  }

  /**
   * Open findings of the earlier reports by the same tool whose kind of scan shares a category
   * with `scanKind` (the reports the new one supersedes), to carry their age forward. A key
   * takes its first-seen time from the newest of them that has it: `trivy fs` that found a
   * secret and then only dependencies keeps the dependencies' ages.
   */
  async latestOpenFindings(
    entityRef: string,
    toolName: string,
    scanKind: string,
  ): Promise<OpenFinding[]> {
    const ranked = this.knex<ReportRow>('dsomm_reports')
      // stored names are cut to the column's length (see reportToRow)
      .where({ entity_ref: entityRef, tool_name: columnText(toolName) ?? '' })
      .select(
        'scan_kind',
        'uploaded_at',
        'id',
        'open_findings',
        this.toolRank(),
      );
    const rows: Pick<ReportRow, 'scan_kind' | 'open_findings'>[] =
      await this.knex
        .from(ranked.as('ranked'))
        .where('rank', 1)
        .orderBy([
          { column: 'uploaded_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .select('scan_kind', 'open_findings');
    const wanted = new Set(scanKind.split(','));
    const byKey = new Map<string, OpenFinding>();
    for (const row of rows) {
      if (!row.scan_kind.split(',').some(c => wanted.has(c))) continue;
      for (const finding of JSON.parse(row.open_findings) as OpenFinding[]) {
        if (!byKey.has(finding.key)) byKey.set(finding.key, finding);
      }
    }
    return [...byKey.values()];
  }

  /**
   * What scoring needs of the reports of many entities: the latest upload of each tool and
   * kind of scan, as an earlier one of the same tool and kind is superseded (and an entity
   * may have hundreds). `reportEvidence` then drops those a later scan of another kind by
   * the same tool covers in part.
   */
  async reportsFor(refs: string[]): Promise<Map<string, ReportForEvidence[]>> {
    const entityRefs = storableRefs(refs);
    const result = new Map<string, ReportForEvidence[]>();
    for (let i = 0; i < entityRefs.length; i += BATCH * 5) {
      // Ranked by id alone, then joined: the reports a newer one supersedes are never read.
      const ranked = this.knex<ReportRow>('dsomm_reports')
        .whereIn('entity_ref', entityRefs.slice(i, i + BATCH * 5))
        .select('id', this.toolRank());
      const rows = await this.knex<ReportRow>('dsomm_reports as r')
        .join(ranked.as('ranked'), 'ranked.id', 'r.id')
        .where('ranked.rank', 1)
        .select(
          'r.id as id',
          'r.entity_ref as entity_ref',
          'r.uploaded_at as uploaded_at',
          // What scoring reads of the summary, not its top findings and targets (most of it).
          // Rows written by an older version of the plugin (e.g. a replica not yet updated)
          // have neither this nor the finding ages, and read the same from the whole summary
          // and the findings one by one.
          this.knex.raw('coalesce(r.evidence_summary, r.summary) as summary'),
          this.knex.raw(
            'coalesce(r.finding_ages, r.open_findings) as findings',
          ),
        );
      for (const row of rows) {
        const item: ReportForEvidence = {
          id: row.id,
          uploadedAt: row.uploaded_at,
          summary: JSON.parse(row.summary),
          openFindings: JSON.parse(row.findings),
        };
        const list = result.get(row.entity_ref);
        if (list) list.push(item);
        else result.set(row.entity_ref, [item]);
      }
    }
    return result;
  }

  // ---- finding lifecycle ----

  /** The tracked findings of an entity, of one tool or of all. */
  async findingLifecycle(
    entityRef: string,
    toolName?: string,
  ): Promise<ToolLifecycleFinding[]> {
    let query = this.knex<LifecycleRow>('dsomm_finding_lifecycle').where({
      entity_ref: entityRef,
    });
    if (toolName !== undefined) {
      query = query.where({ tool_name: lifecycleToolName(toolName) });
    }
    return (await query.orderBy('fingerprint')).map(rowToLifecycle);
  }

  /** Writes what one report changed in the lifecycle of an entity's findings of a tool. */
  async saveFindingLifecycle(
    entityRef: string,
    toolName: string,
    change: LifecycleChange,
  ): Promise<void> {
    const tool = lifecycleToolName(toolName);
    if (change.deletes.length + change.upserts.length > 0) {
      await forgetInputs(this.knex, entityRef);
    }
    for (const slice of chunks(change.deletes, BATCH * 5)) {
      await this.knex('dsomm_finding_lifecycle')
        .where({ entity_ref: entityRef, tool_name: tool })
        .whereIn('fingerprint', slice)
        .delete();
    }
    const rows = change.upserts.map(f => lifecycleToRow(entityRef, tool, f));
    for (const slice of chunks(rows, BATCH)) {
      await this.knex<LifecycleRow>('dsomm_finding_lifecycle')
        .insert(slice)
        .onConflict(['entity_ref', 'tool_name', 'fingerprint'])
        .merge();
    }
  }

  /** Forgets findings closed before `before` (ISO time); returns the rows removed. */
  async pruneFindingLifecycle(before: string): Promise<number> {
    return this.knex.transaction(async (tx): Promise<number> => {
      const pruned = () =>
        tx('dsomm_finding_lifecycle')
          .whereNotNull('closed_at')
          .where('closed_at', '<', before);
      await forgetInputsWhere(tx, pruned());
      const removed: number = await pruned().delete();
      return removed;
    });
  }

  /** The open tracked findings of `refs`, of every tool, per entity. */
  async openFindingsFor(
    refs: string[],
  ): Promise<Map<string, ToolLifecycleFinding[]>> {
    const result = new Map<string, ToolLifecycleFinding[]>();
    const entityRefs = storableRefs(refs);
    if (entityRefs.length === 0) return result;
    const query = this.knex<LifecycleRow>('dsomm_finding_lifecycle').whereNull(
      'closed_at',
    );
    whereInList(this.knex, query, 'entity_ref', entityRefs);
    for (const row of (await query.orderBy([
      'entity_ref',
      'tool_name',
      'fingerprint',
    ])) as LifecycleRow[]) {
      const list = result.get(row.entity_ref) ?? [];
      list.push(rowToLifecycle(row));
      result.set(row.entity_ref, list);
    }
    return result;
  }

  // ---- notifications ----

  /** Records notification events not recorded before (insert-if-absent); returns the new ones' count. */
  async recordNotifications(
    events: readonly NotificationEvent[],
    at: string,
  ): Promise<number> {
    return recordNotifications(this.knex, events, at);
  }

  /** Takes unsent notification events recorded before `before` for one sender. */
  async claimNotifications(options: {
    claimId: string;
    at: string;
    before: string;
    staleBefore: string;
  }): Promise<PendingNotification[]> {
    return claimNotifications(this.knex, options);
  }

  /** Marks claimed events sent (`sentAt`), or gives them back (`null`). */
  async finishNotifications(
    claimId: string,
    keys: readonly string[],
    sentAt: string | null,
  ): Promise<void> {
    return finishNotifications(this.knex, claimId, keys, sentAt);
  }

  /** Sent events past their retention that cannot come again (see `pruneNotifications`). */
  async pruneNotifications(before: string): Promise<number> {
    return pruneNotifications(this.knex, before);
  }

  // ---- waivers ----

  /** As insertAttestation, for a waiver. */
  async insertWaiver(w: Waiver): Promise<void> {
    await this.knex.transaction(async tx => {
      await forgetInputs(tx, w.entityRef);
      await tx('dsomm_waivers').insert({
        id: w.id,
        entity_ref: w.entityRef,
        activity_id: w.activityId,
        justification: w.justification,
        granted_by: w.grantedBy,
        granted_at: w.grantedAt,
        expires_at: w.expiresAt ?? null,
        status: w.status ?? 'approved',
      });
      await appendAudit(tx, [
        {
          at: w.grantedAt,
          action: w.status === 'pending' ? 'request' : 'create',
          recordType: 'waiver',
          recordId: w.id,
          entityRef: w.entityRef,
          activityId: w.activityId,
          actor: w.grantedBy,
          text: w.justification,
          expiresAt: w.expiresAt,
        },
      ]);
    });
  }

  /**
   * Live waivers that count: approved (or made where no approval was asked) and not revoked;
   * expired ones included, callers decide what counts.
   */
  async waiversFor(refs: string[]): Promise<Map<string, Waiver[]>> {
    const entityRefs = storableRefs(refs);
    const result = new Map<string, Waiver[]>();
    for (let i = 0; i < entityRefs.length; i += BATCH * 5) {
      const rows = await this.knex('dsomm_waivers')
        .whereIn('entity_ref', entityRefs.slice(i, i + BATCH * 5))
        .where({ status: 'approved' })
        .whereNull('revoked_at');
      for (const row of rows) {
        const waiver: Waiver = {
          id: row.id,
          entityRef: row.entity_ref,
          activityId: row.activity_id,
          justification: row.justification,
          grantedBy: row.granted_by,
          grantedAt: row.granted_at,
          ...(row.expires_at ? { expiresAt: row.expires_at } : {}),
          ...(row.decided_by
            ? { approvedBy: row.decided_by, approvedAt: row.decided_at }
            : {}),
        };
        const list = result.get(row.entity_ref);
        if (list) list.push(waiver);
        else result.set(row.entity_ref, [waiver]);
      }
    }
    return result;
  }

  /** As revokeAttestation, for a waiver. */
  async revokeWaiver(
    entityRef: string,
    id: string,
    by: string,
    at: string,
    reason?: string,
  ): Promise<boolean> {
    return revokeRecord(this.knex, 'waiver', {
      id,
      entityRef,
      by,
      at,
      reason,
    });
  }

  // ---- annotation first-seen times ----

  /** The stored annotation sightings of many entities, by entity and annotation name. */
  async annotationSightingsFor(
    refs: string[],
  ): Promise<Map<string, Map<string, AnnotationSighting>>> {
    const entityRefs = storableRefs(refs);
    const result = new Map<string, Map<string, AnnotationSighting>>();
    for (let i = 0; i < entityRefs.length; i += BATCH * 5) {
      const rows: {
        entity_ref: string;
        annotation: string;
        value_hash: string;
        first_seen_at: string;
      }[] = await this.knex('dsomm_annotation_seen')
        .whereIn('entity_ref', entityRefs.slice(i, i + BATCH * 5))
        .select('entity_ref', 'annotation', 'value_hash', 'first_seen_at');
      for (const row of rows) {
        let byName = result.get(row.entity_ref);
        if (!byName) {
          byName = new Map();
          result.set(row.entity_ref, byName);
        }
        byName.set(row.annotation, {
          valueHash: row.value_hash,
          firstSeenAt: row.first_seen_at,
        });
      }
    }
    return result;
  }

  /**
   * Writes new and changed annotation sightings and forgets removed annotations, for many
   * entities. Unchanged sightings are not in `changes`, so a steady catalog writes nothing.
   */
  async saveAnnotationSightings(
    changes: {
      entityRef: string;
      upserts: AnnotationSightingRow[];
      removed: string[];
    }[],
  ): Promise<void> {
    const rows = changes.flatMap(c =>
      c.upserts.map(u => ({
        entity_ref: c.entityRef,
        annotation: u.annotation,
        value_hash: u.valueHash,
        first_seen_at: u.firstSeenAt,
      })),
    );
    for (let i = 0; i < rows.length; i += BATCH) {
      await this.knex('dsomm_annotation_seen')
        .insert(rows.slice(i, i + BATCH))
        .onConflict(['entity_ref', 'annotation'])
        .merge(['value_hash', 'first_seen_at']);
    }
    // SQLite has no list of row values on the right of IN: one OR group per entity instead.
    const removals = changes.filter(c => c.removed.length > 0);
    for (let i = 0; i < removals.length; i += BATCH) {
      const chunk = removals.slice(i, i + BATCH);
      await this.knex('dsomm_annotation_seen')
        .where(q => {
          for (const c of chunk) {
            q.orWhere(w =>
              w
                .where('entity_ref', c.entityRef)
                .whereIn('annotation', c.removed),
            );
          }
        })
        .delete();
    }
  }

  // ---- scope roll-ups (read only) ----

  /** The stored scores of the components below a scope that `visibility` lets the caller read. */
  private belowBase(below: ComponentsBelowQuery, visibility: Visibility) {
    const query = applyVisibility(
      this.knex,
      this.knex<ScoreRow>('dsomm_scores as s'),
      visibility,
      's.',
    );
    if (below.all) return query;
    const { owners, systems } = below;
    if (owners.length === 0 && systems.length === 0) {
      return query.whereRaw('1 = 0');
    }
    return query.where(qb => {
      if (owners.length > 0) {
        qb.orWhere(inner => whereInList(this.knex, inner, 's.owner', owners));
      }
      if (systems.length > 0) {
        qb.orWhere(inner => whereInList(this.knex, inner, 's.system', systems));
      }
    });
  }

  /** The scorecard aggregate of the components below a scope, as one row. */
  async rollupAggregate(
    below: ComponentsBelowQuery,
    visibility: Visibility,
  ): Promise<AggregateRow> {
    const [row] = await this.aggregatesOf(
      this.belowBase(below, visibility),
      undefined,
    );
    return row;
  }

  /**
   * Components below a scope that have a target and miss it, worst first: lowest overall
   * level, then lowest score (ties by ref, so pages are stable).
   */
  async rollupBelowTarget(
    below: ComponentsBelowQuery,
    visibility: Visibility,
    limit: number,
  ): Promise<ScorecardRow[]> {
    const rows: ScoreRow[] = await this.belowBase(below, visibility)
      .where('s.meets_target', false)
      .select<ScoreRow[]>(ROW_COLUMNS.map(c => `s.${c}`))
      .orderBy([
        { column: 's.overall_level', order: 'asc' },
        { column: 's.score', order: 'asc' },
        { column: 's.entity_ref', order: 'asc' },
      ])
      .limit(limit);
    return rows.map(rowToScorecardRow);
  }

  /** The scorecard rows of the components below a scope, in pages (by ref). */
  async *rollupRows(
    below: ComponentsBelowQuery,
    visibility: Visibility,
    pageSize = 2000,
  ): AsyncGenerator<ScorecardRow[]> {
    let after = '';
    for (;;) {
      const rows: ScoreRow[] = await this.belowBase(below, visibility)
        .where('s.entity_ref', '>', after)
        .select<ScoreRow[]>(ROW_COLUMNS.map(c => `s.${c}`))
        .orderBy('s.entity_ref', 'asc')
        .limit(pageSize);
      if (rows.length === 0) return;
      yield rows.map(rowToScorecardRow);
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1].entity_ref;
    }
  }

  /**
   * The stored target and activity statuses (those not listed are missing) of the given
   * entities, read from their score details.
   */
  async storedStatuses(refs: string[]): Promise<RollupStatusRow[]> {
    const entityRefs = storableRefs(refs);
    const result: RollupStatusRow[] = [];
    for (let i = 0; i < entityRefs.length; i += BATCH * 5) {
      const rows: ScoreDetailRow[] = await this.knex<ScoreDetailRow>(
        'dsomm_score_details',
      )
        .whereIn('entity_ref', entityRefs.slice(i, i + BATCH * 5))
        .select('entity_ref', 'detail');
      for (const row of rows) {
        const detail = decodeDetail(row.detail);
        result.push({
          entityRef: row.entity_ref,
          computedAt: detail.computedAt,
          target: detail.target,
          statuses: detail.activities.map(a => ({
            activityId: a.activityId,
            status: a.status,
            ownEvidence: (a.evidence ?? []).some(e => e.scope === undefined),
          })),
        });
      }
    }
    return result;
  }

  // ---- DSOMM app team progress ----

  /** Progress states short of done, of the given groups (all groups without refs). */
  async progressStates(groupRefs?: string[]): Promise<ProgressStateEntry[]> {
    const read = (refs?: string[]) => {
      const q = this.knex('dsomm_progress_states').select(
        'group_ref',
        'activity_id',
        'state',
        'state_date',
      );
      return refs ? q.whereIn('group_ref', refs) : q;
    };
    const rows = groupRefs ? await inChunks(groupRefs, read) : await read();
    return rows.map(row => ({
      groupRef: row.group_ref,
      activityId: row.activity_id,
      state: row.state,
      date: row.state_date,
    }));
  }

  /** Writes progress states, replacing the date of a state recorded before. */
  async saveProgressStates(
    states: ProgressStateEntry[],
    recordedBy: string,
    recordedAt: string,
  ): Promise<void> {
    const rows = states.map(s => ({
      group_ref: s.groupRef,
      activity_id: s.activityId,
      state: s.state,
      state_date: s.date,
      recorded_by: recordedBy,
      recorded_at: recordedAt,
    }));
    for (const chunk of chunks(rows, BATCH)) {
      await this.knex('dsomm_progress_states')
        .insert(chunk)
        .onConflict(['group_ref', 'activity_id', 'state'])
        .merge(['state_date', 'recorded_by', 'recorded_at']);
    }
  }

  /** Unrevoked attestations of the given groups, or of every group without refs. */
  async groupAttestations(groupRefs?: string[]): Promise<Attestation[]> {
    const read = (refs?: string[]) => {
      const q = this.knex('dsomm_evidence')
        .where({ source: 'attestation', status: 'approved' })
        .whereNull('revoked_at');
      return refs
        ? q.whereIn('entity_ref', refs)
        : q.where('entity_ref', 'like', 'group:%');
    };
    const rows = groupRefs ? await inChunks(groupRefs, read) : await read();
    return rows.map(rowToAttestation);
  }
}
