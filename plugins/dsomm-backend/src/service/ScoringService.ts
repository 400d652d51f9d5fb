import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DsommModel } from '@dsomm/plugin-dsomm-common';
import { DsommBackendConfig } from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { StoredScore } from '../database/rows';
import { normalizeRef } from '../scoring/entityFacts';
import { LoadedScopes, loadScopeIndex } from '../scopes/loadScopes';
import { ScopeIndex } from '../scopes/scopeFindings';
import { componentsBelowQuery, scopedComponentOf } from '../scopes/scopeTree';
import { cachedInheritedFindings } from '../scoring/cachedInheritedFindings';
import { scoreCatalogEntity } from '../scoring/scoreCatalogEntity';
import {
  AnnotationSightingUpdate,
  updateAnnotationSightings,
} from '../evidence/annotationSightings';
import { errorMessage, unscoredEntity } from '../scoring/unscoredEntity';
import { catalogReadCredentials } from './catalogCredentials';
import { SCORED_ENTITY_FIELDS } from './catalogFields';
import { ScoredBatch } from '../notifications/Notifier';
import {
  configDigestOf,
  entityInputDigest,
  runInputDigest,
} from '../scoring/inputDigest';
import {
  collectTimes,
  nextChangeAfter,
  scoringOffsetsMs,
} from '../scoring/timeThresholds';
import { ScoreInputs } from '../database/inputDigests';
import { DEFAULT_SCORECARD_KPI_WINDOW_DAYS } from './ScorecardService';
import { TasksInFlight } from './tasksInFlight';

/** Told, inside scoring's transaction, what each batch wrote and what was stored before. */
export interface ScoredBatchRecorder {
  readonly enabled: boolean;
  recordBatch(tx: DsommStore, batch: ScoredBatch): Promise<void>;
}

/** Kinds the plugin scores. */
export const SCORED_KINDS = ['Component'];

/** Entities scored and written per batch during a full recompute. */
const BATCH_SIZE = 500;

/**
 * Lets the event loop run timers and I/O (the portal's other requests, a read of a score
 * marked out of date) between two batches: with SQLite's synchronous driver and a catalog that
 * answers from memory, a whole recompute would otherwise be one unbroken chain of promises.
 */
const yieldToEventLoop = () =>
  new Promise<void>(resolve => setImmediate(resolve));

/** A catalog entity ready to be scored. */
export interface LoadedEntity {
  entity: Entity;
  /** The scopes above the entity and what they say. */
  scopes: ScopeIndex;
}

/** Where a full recompute spent its time, in milliseconds. */
export interface RecomputeTimings {
  /** Waiting for catalog pages. */
  catalogMs: number;
  /** Reading stored evidence, waivers and reports. */
  loadMs: number;
  /** Pure scoring. */
  scoreMs: number;
  /**
   * CPU time of the process while scoring. Scoring is synchronous, so this is its own work;
   * `scoreMs` also counts the time a loaded machine gives to other processes.
   */
  scoreCpuMs: number;
  /**
   * Writing scores and history (committing each batch's transaction included), and removing
   * what belongs to deleted entities.
   */
  writeMs: number;
}

/** Entities of a run that could not be scored or stored; the others are. */
interface BatchProblems {
  /** Refs stored with a score that carries the error instead of levels. */
  unscored: Set<string>;
  /** Entities stored nowhere: no valid entity ref, or even their unscored score was refused. */
  skipped: number;
  /**
   * Refs of every entity read from the catalog with a valid ref (skipped ones included), whose
   * data must stay: an unchanged score is not written again, so its time cannot tell.
   */
  keep: Set<string>;
  /** Entities whose inputs had not changed since their stored score: left as they are. */
  unchanged: number;
}

const newProblems = (): BatchProblems => ({
  unscored: new Set(),
  skipped: 0,
  keep: new Set(),
  unchanged: 0,
});

/** The times in what scopes pass down, by list: components in one place share one. */
const inheritedTimes = new WeakMap<object, string[]>();

function timesOfInherited(inherited: object): string[] {
  let times = inheritedTimes.get(inherited);
  if (!times) {
    const found = new Set<string>();
    collectTimes(inherited, found);
    times = [...found];
    inheritedTimes.set(inherited, times);
  }
  return times;
}

/**
 * Where a re-score below scopes spent its time, in milliseconds. Batches in flight together
 * add their phases up, so the sum can pass the wall-clock time.
 */
export interface RescoreTimings extends RecomputeTimings {
  /** Reading the scope tree from the catalog and the scopes' evidence. */
  scopesMs: number;
  /** Finding the stored components below the scopes. */
  belowMs: number;
}

export interface RescoreResult {
  rescored: number;
  timings: RescoreTimings;
}

export interface RecomputeResult {
  /**
   * Entities stored with a score (the unscored ones included), scored in this run or left as
   * stored because their inputs had not changed.
   */
  scored: number;
  /** Of those, entities whose inputs had not changed: not scored again. */
  unchanged: number;
  /** Of those, entities whose score carries an error instead of levels. */
  unscored: number;
  /** Entities read from the catalog but stored nowhere (see the log). */
  skipped: number;
  removed: number;
  durationMs: number;
  timings: RecomputeTimings;
}

/** Scores entities: all of them on a schedule, one on demand. */
export class ScoringService {
  constructor(
    private readonly deps: {
      model: DsommModel;
      config: DsommBackendConfig;
      store: DsommStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** Records the notification events of each batch (see Notifier). */
      notifier?: ScoredBatchRecorder;
      now?: () => Date;
      /**
       * Runs after each full recompute with its UTC day (the day its history snapshots are
       * written for), e.g. the campaigns' daily counts. A failure is logged, not thrown: the
       * scores are saved by then.
       */
      onRecomputed?: (day: string) => Promise<unknown>;
    },
  ) {}

  private now() {
    return this.deps.now ? this.deps.now() : new Date();
  }

  private configDigestValue?: string;
  private offsetsValue?: number[];

  /** The config and model every input digest starts from; they do not change while running. */
  private configDigest(): string {
    this.configDigestValue ??= configDigestOf(
      this.deps.config,
      this.deps.model,
    );
    return this.configDigestValue;
  }

  /** The spans of days after which time alone changes a score (see `scoringOffsetsMs`). */
  private offsetsMs(): number[] {
    this.offsetsValue ??= scoringOffsetsMs(
      this.deps.config,
      DEFAULT_SCORECARD_KPI_WINDOW_DAYS,
    );
    return this.offsetsValue;
  }

  /** The scope tree and the scopes' findings: all of them, or those above `only`. */
  private loadScopes(
    credentials: BackstageCredentials,
    only?: Entity,
  ): Promise<LoadedScopes> {
    return loadScopeIndex(
      { ...this.deps, now: this.now() },
      credentials,
      only ? scopedComponentOf(only) : undefined,
    );
  }

  /**
   * Scores every component in the catalog, in batches, then removes what is stored for
   * components that are gone. If reading the catalog fails, the previous scores stay.
   */
  async recomputeAll(
    options: {
      /**
       * Scores every component, also those whose inputs did not change (by default they are
       * left as stored; each UTC day's first run, and a change of config or model, scores all).
       */
      full?: boolean;
    } = {},
  ): Promise<RecomputeResult> {
    try {
      return await this.recomputeAllOnce(options.full ?? false);
    } catch (error) {
      // Nothing is removed after a failed run, so the previous scores stay; the next run
      // starts from scratch.
      this.deps.logger.error(
        `DSOMM recompute failed; previous scores stay until the next run: ${error}`,
      );
      throw error;
    }
  }

  private async recomputeAllOnce(full: boolean): Promise<RecomputeResult> {
    const clock = performance.now();
    const timings: RecomputeTimings = {
      catalogMs: 0,
      loadMs: 0,
      scoreMs: 0,
      scoreCpuMs: 0,
      writeMs: 0,
    };
    const runStartedAt = this.now().toISOString();
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    // The scopes and all their evidence are read once; each component takes what applies.
    const loadingScopes = performance.now();
    const scopes = await this.loadScopes(credentials);
    timings.loadMs += performance.now() - loadingScopes;
    const day = runStartedAt.slice(0, 10);
    let read = 0;
    const problems = newProblems();
    let batch: Entity[] = [];
    // Batches hold disjoint entity locks, so several can be in flight where the database
    // takes concurrent transactions (PostgreSQL).
    const batches = new TasksInFlight(this.deps.store.concurrentTransactions());
    const scoreBatch = async (entities: Entity[]) => {
      await yieldToEventLoop();
      // One transaction per batch, in which scoreAndSave locks, reads and writes.
      const started = performance.now();
      let inside = 0;
      await this.deps.store.transaction(async tx => {
        const entered = performance.now();
        await this.scoreAndSave(entities, scopes, day, tx, problems, timings, {
          skipUnchanged: !full,
        });
        inside = performance.now() - entered;
      });
      // Beginning and committing the transaction: the commit is when the batch is written.
      timings.writeMs += performance.now() - started - inside;
      read += entities.length;
    };
    const flush = async () => {
      if (batch.length === 0) return;
      const entities = batch;
      batch = [];
      await batches.add(() => scoreBatch(entities));
    };
    const pages = this.deps.catalog
      .streamEntities(
        { filter: { kind: SCORED_KINDS }, fields: SCORED_ENTITY_FIELDS },
        { credentials },
      )
      [Symbol.asyncIterator]();
    try {
      for (;;) {
        const waited = performance.now();
        const page = await pages.next();
        timings.catalogMs += performance.now() - waited;
        if (page.done || batches.failed) break;
        for (const entity of page.value) {
          batch.push(entity);
          if (batch.length >= BATCH_SIZE) await flush();
        }
      }
      await flush();
    } finally {
      // Also when the catalog fails midway: the run ends after the batches it began.
      await batches.settle();
    }
    // The first failed batch fails the run, once the batches in flight have ended.
    await batches.finish();
    const removing = performance.now();
    await this.deps.store.saveAnnotationSightings(scopes.sightings);
    const removed = await this.deps.store.removeUnscored(
      runStartedAt,
      problems.keep,
    );
    timings.writeMs += performance.now() - removing;
    if (this.deps.onRecomputed) {
      try {
        await this.deps.onRecomputed(day);
      } catch (error) {
        this.deps.logger.error(
          `DSOMM recompute saved the scores but its follow-up failed: ${error}`,
        );
      }
    }
    const durationMs = Math.round(performance.now() - clock);
    const scored = read - problems.skipped;
    const unscored = problems.unscored.size;
    this.deps.logger.info(
      `DSOMM recompute scored ${scored} entities (${problems.unchanged} of them unchanged since their stored score, ${unscored} with an error instead of levels, ${problems.skipped} skipped) and removed ${removed} gone from the catalog in ${durationMs} ms`,
    );
    return {
      scored,
      unchanged: problems.unchanged,
      unscored,
      skipped: problems.skipped,
      removed,
      durationMs,
      timings,
    };
  }

  /**
   * Scores entities from their stored evidence and saves the scores, within the transaction
   * of `tx`. The entities are locked first, so reading and writing is not interleaved with
   * another scoring of the same entities: otherwise two concurrent scorings (two uploads, or
   * an upload and a full recompute) each read without the other's report, and the later
   * write keeps a score that misses one of them. The lock wait counts as loading.
   */
  private async scoreAndSave(
    entities: Entity[],
    scopes: ScopeIndex,
    day: string,
    tx: DsommStore,
    problems: BatchProblems = newProblems(),
    timings?: RecomputeTimings,
    options: {
      /** Leaves entities whose inputs did not change as stored (a scheduled recompute). */
      skipUnchanged?: boolean;
    } = {},
  ): Promise<StoredScore[]> {
    let mark = performance.now();
    const lap = (phase: keyof RecomputeTimings) => {
      const now = performance.now();
      if (timings) timings[phase] += now - mark;
      mark = now;
    };
    // An entity without a valid ref cannot be stored under any key: it is left out.
    const kept: Array<{ entity: Entity; ref: string }> = [];
    for (const entity of entities) {
      try {
        kept.push({ entity, ref: normalizeRef(stringifyEntityRef(entity)) });
      } catch (error) {
        problems.skipped += 1;
        this.deps.logger.warn(
          `DSOMM skipped a catalog entity without a valid entity ref: ${error}`,
        );
      }
    }
    for (const { ref } of kept) problems.keep.add(ref);
    await tx.lockEntities(kept.map(k => k.ref));
    const now = this.now();
    const runDigest = runInputDigest({
      configDigest: this.configDigest(),
      day,
      domainOfSystem: scopes.tree.domainOf,
    });
    const withInputs = kept.map(k => {
      const inherited = cachedInheritedFindings(
        scopes,
        scopedComponentOf(k.entity),
      );
      return {
        ...k,
        inherited,
        digest: entityInputDigest({ runDigest, entity: k.entity, inherited }),
      };
    });
    let todo = withInputs;
    if (options.skipUnchanged) {
      // Same inputs, nothing written to them since, and no time at which time alone would
      // change the score has come: scoring again would give the stored score.
      const stored = await tx.storedInputs(kept.map(k => k.ref));
      const nowIso = now.toISOString();
      todo = withInputs.filter(k => {
        const before = stored.get(k.ref);
        return !(
          before &&
          !before.stale &&
          before.inputDigest === k.digest &&
          (before.nextChangeAt === null || before.nextChangeAt > nowIso)
        );
      });
      problems.unchanged += withInputs.length - todo.length;
      if (todo.length === 0) {
        lap('loadMs');
        return [];
      }
    }
    const refs = todo.map(k => k.ref);
    // One after another: inside a transaction they share one connection.
    const evidence = await tx.evidenceFor(refs);
    const waivers = await tx.waiversFor(refs);
    const reports = await tx.reportsFor(refs);
    const sightings = await tx.annotationSightingsFor(refs);
    // What was stored before this write, for the notifications' drops and edges.
    const notifier = this.deps.notifier?.enabled
      ? this.deps.notifier
      : undefined;
    const previous = notifier ? await tx.scoreDetails(refs) : undefined;
    lap('loadMs');
    const ctx = {
      model: this.deps.model,
      config: this.deps.config,
      domainOfSystem: scopes.tree.domainOf,
      now,
    };
    const seen: Array<{ entityRef: string } & AnnotationSightingUpdate> = [];
    const inputs = new Map<string, ScoreInputs>();
    const offsetsMs = this.offsetsMs();
    const cpuAtStart = process.cpuUsage();
    const scores = todo.map(({ entity, ref, inherited, digest }) => {
      try {
        // Annotation evidence dates from when its value was first seen for the entity.
        const sighting = updateAnnotationSightings(
          entity,
          this.deps.config.evidence.rules,
          sightings.get(ref),
          now,
        );
        const stored = {
          evidence: evidence.get(ref) ?? [],
          waivers: waivers.get(ref) ?? [],
          reports: reports.get(ref) ?? [],
          annotationsFirstSeen: sighting.firstSeen,
          annotationHashes: sighting.valueHashes,
          inherited,
        };
        const score = scoreCatalogEntity(entity, stored, ctx);
        seen.push({ entityRef: ref, ...sighting });
        // Every time scoring compares now with, shifted by every span of days it uses.
        const times = new Set(timesOfInherited(inherited));
        collectTimes(stored.evidence, times);
        collectTimes(stored.waivers, times);
        collectTimes(stored.reports, times);
        collectTimes(entity.metadata.annotations, times);
        for (const seenAt of sighting.firstSeen.values()) times.add(seenAt);
        inputs.set(ref, {
          digest,
          nextChangeAt: nextChangeAfter(times, offsetsMs, now.getTime()),
        });
        return score;
      } catch (error) {
        // One entity the scoring cannot handle gets a score saying so; the others go on.
        problems.unscored.add(ref);
        this.deps.logger.warn(`DSOMM could not score ${ref}: ${error}`);
        return unscoredEntity(
          ref,
          entity,
          `DSOMM could not score this entity: ${errorMessage(error)}`,
          ctx,
        );
      }
    });
    lap('scoreMs');
    if (timings) {
      const cpu = process.cpuUsage(cpuAtStart);
      timings.scoreCpuMs += (cpu.user + cpu.system) / 1000;
    }
    const unwritten = await tx.saveScores(scores, day, {
      byRef: inputs,
      offsetsMs,
    });
    await tx.saveAnnotationSightings(seen);
    if (unwritten.length > 0) {
      // What was scored but cannot be written (e.g. a value the database refuses) is stored
      // as unscored with the reason, which keeps only the ref and the title.
      const byRef = new Map(todo.map(k => [k.ref, k.entity]));
      const fallbacks = unwritten.map(({ score, error }) => {
        const ref = score.facts.entityRef;
        this.deps.logger.warn(
          `DSOMM could not save the score of ${ref}: ${error}`,
        );
        problems.unscored.add(ref);
        return unscoredEntity(
          ref,
          byRef.get(ref),
          `DSOMM could not save the score of this entity: ${errorMessage(
            error,
          )}`,
          ctx,
        );
      });
      const lost = await tx.saveScores(fallbacks, day);
      for (const { score, error } of lost) {
        const ref = score.facts.entityRef;
        problems.unscored.delete(ref);
        problems.skipped += 1;
        problems.keep.add(ref);
        this.deps.logger.error(
          `DSOMM could not store anything for ${ref}: ${error}`,
        );
      }
      const lostRefs = new Set(lost.map(l => l.score.facts.entityRef));
      const saved = new Map(
        fallbacks
          .filter(f => !lostRefs.has(f.facts.entityRef))
          .map(f => [f.facts.entityRef, f]),
      );
      const stored = scores
        .filter(sc => !lostRefs.has(sc.facts.entityRef))
        .map(sc => saved.get(sc.facts.entityRef) ?? sc);
      await notifier?.recordBatch(tx, {
        previous: previous!,
        scores: stored,
        waivers,
        now,
      });
      lap('writeMs');
      return stored;
    }
    await notifier?.recordBatch(tx, {
      previous: previous!,
      scores,
      waivers,
      now,
    });
    lap('writeMs');
    return scores;
  }

  /**
   * Reads a scored entity and the scopes above it from the catalog, with a user's own
   * credentials, so an entity the user cannot see is reported as not found (services read
   * as the plugin, see catalogReadCredentials).
   */
  async loadEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<LoadedEntity> {
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials: await catalogReadCredentials(this.deps.auth, credentials),
    });
    if (!entity) {
      throw new NotFoundError(`Entity ${entityRef} is not in the catalog`);
    }
    if (!SCORED_KINDS.includes(entity.kind)) {
      throw new NotFoundError(
        `Entity ${entityRef} is a ${
          entity.kind
        }; DSOMM scores ${SCORED_KINDS.join(', ')} entities`,
      );
    }
    const scopes = await this.loadScopes(
      await this.deps.auth.getOwnServiceCredentials(),
      entity,
    );
    return { entity, scopes };
  }

  /**
   * Scores a loaded entity and saves it through `store` (a transaction's store, e.g. an
   * upload's), else in a transaction of its own.
   */
  async scoreLoaded(
    loaded: LoadedEntity,
    store?: DsommStore,
  ): Promise<StoredScore> {
    const score = async (tx: DsommStore) => {
      const [result] = await this.scoreAndSave(
        [loaded.entity],
        loaded.scopes,
        this.now().toISOString().slice(0, 10),
        tx,
      );
      if (!result) {
        throw new Error(
          `DSOMM could not store a score for ${stringifyEntityRef(
            loaded.entity,
          )}; see the log`,
        );
      }
      return result;
    };
    return store ? score(store) : this.deps.store.transaction(score);
  }

  /**
   * Scores one entity now. An entity gone from the catalog loses what is stored for it.
   */
  async recomputeEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<StoredScore> {
    let loaded: LoadedEntity;
    try {
      loaded = await this.loadEntity(entityRef, credentials);
    } catch (error) {
      // The caller may merely not be allowed to see it: delete only what the catalog lost.
      if (
        error.name === 'NotFoundError' &&
        !(await this.deps.catalog.getEntityByRef(entityRef, {
          credentials: await this.deps.auth.getOwnServiceCredentials(),
        }))
      ) {
        await this.deps.store.removeEntity(entityRef);
      }
      throw error;
    }
    return this.scoreLoaded(loaded);
  }

  /**
   * Re-scores the components below a scope (a Group, System, Domain or the organisation)
   * after a change there: exactly those the components-below query finds among the stored
   * scores, in batches, each in its own transaction with the entities locked. Components not
   * scored yet are left to the next full recompute. Before the batches, the stored scores below
   * are marked out of date, and each batch's write clears the mark of those it scored.
   */
  async rescoreScope(scopeRef: string): Promise<RescoreResult> {
    return this.rescoreScopes([scopeRef]);
  }

  /**
   * `rescoreScope` for several scopes at once (e.g. the groups of one progress import): the
   * scopes are read once, and a component below more than one of them is scored once.
   */
  async rescoreScopes(scopeRefs: string[]): Promise<RescoreResult> {
    const timings: RescoreTimings = {
      scopesMs: 0,
      belowMs: 0,
      catalogMs: 0,
      loadMs: 0,
      scoreMs: 0,
      scoreCpuMs: 0,
      writeMs: 0,
    };
    if (scopeRefs.length === 0) return { rescored: 0, timings };
    let mark = performance.now();
    const lap = (phase: keyof RescoreTimings) => {
      const now = performance.now();
      timings[phase] += now - mark;
      mark = now;
    };
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const scopes = await this.loadScopes(credentials);
    lap('scopesMs');
    const queries = scopeRefs.map(ref =>
      componentsBelowQuery(scopes.tree, ref),
    );
    // First marked out of date, so a read of any of them scores it afresh (see
    // EntityService.getScore) while the batches below run, or if they fail.
    const markedAt = this.now().toISOString();
    for (const query of queries)
      await this.deps.store.markStale(query, markedAt);
    const below = new Set<string>();
    for (const query of queries) {
      for (const ref of await this.deps.store.entityRefsBelow(query)) {
        below.add(ref);
      }
    }
    const refs = [...below];
    const day = this.now().toISOString().slice(0, 10);
    lap('belowMs');
    const batches: string[][] = [];
    for (let i = 0; i < refs.length; i += BATCH_SIZE) {
      batches.push(refs.slice(i, i + BATCH_SIZE));
    }
    let rescored = 0;
    const rescoreBatch = async (batch: string[]) => {
      let started = performance.now();
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        { entityRefs: batch, fields: SCORED_ENTITY_FIELDS },
        { credentials },
      );
      // Entities gone from the catalog are removed by the next full recompute.
      const entities = items.filter((e): e is Entity => e !== undefined);
      timings.catalogMs += performance.now() - started;
      started = performance.now();
      let inside = 0;
      const saved = await this.deps.store.transaction(async tx => {
        const entered = performance.now();
        const result = await this.scoreAndSave(
          entities,
          scopes,
          day,
          tx,
          undefined,
          timings,
        );
        inside = performance.now() - entered;
        return result;
      });
      // scoreAndSave timed its own phases; beginning and committing count as writing.
      timings.writeMs += performance.now() - started - inside;
      rescored += saved.length;
    };
    // As in a full recompute: several batches in flight where the database takes concurrent
    // transactions, and a failure fails the re-score once those in flight have ended.
    const tasks = new TasksInFlight(this.deps.store.concurrentTransactions());
    for (const batch of batches) {
      await tasks.add(async () => {
        await yieldToEventLoop();
        await rescoreBatch(batch);
      });
      if (tasks.failed) break;
    }
    await tasks.finish();
    return { rescored, timings };
  }

  /**
   * `rescoreScopes` after a write at the scopes, which has already been committed: a failure
   * here is logged and leaves the write in place, for the next full recompute to score.
   */
  async rescoreScopeAfterWrite(...scopeRefs: string[]): Promise<void> {
    try {
      await this.rescoreScopes(scopeRefs);
    } catch (error) {
      this.deps.logger.error(
        `DSOMM could not re-score the components below ${scopeRefs.join(
          ', ',
        )}; the change is saved and the next recompute applies it: ${error}`,
      );
    }
  }
}
