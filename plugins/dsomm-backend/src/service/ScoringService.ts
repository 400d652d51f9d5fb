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
import {
  normalizeRef,
  systemDomain,
  systemRefOf,
} from '../scoring/entityFacts';
import { scoreCatalogEntity } from '../scoring/scoreCatalogEntity';
import { updateAnnotationSightings } from '../evidence/annotationSightings';
import { catalogReadCredentials } from './catalogCredentials';

/** Kinds the plugin scores. */
export const SCORED_KINDS = ['Component'];

/** Entities scored and written per batch during a full recompute. */
const BATCH_SIZE = 500;

/** A catalog entity ready to be scored. */
export interface LoadedEntity {
  entity: Entity;
  domainOfSystem: ReadonlyMap<string, string>;
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
   * Writing scores and history (committing each batch's transaction included), and removing
   * what belongs to deleted entities.
   */
  writeMs: number;
}

export interface RecomputeResult {
  scored: number;
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
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now ? this.deps.now() : new Date();
  }

  private async domainsOfSystems(
    credentials: BackstageCredentials,
  ): Promise<Map<string, string>> {
    const domains = new Map<string, string>();
    for await (const page of this.deps.catalog.streamEntities(
      {
        filter: { kind: 'System' },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.domain'],
      },
      { credentials },
    )) {
      for (const system of page) {
        const domain = systemDomain(system);
        if (domain)
          domains.set(normalizeRef(stringifyEntityRef(system)), domain);
      }
    }
    return domains;
  }

  /**
   * Scores every component in the catalog, in batches, then removes what is stored for
   * components that are gone. If reading the catalog fails, the previous scores stay.
   */
  async recomputeAll(): Promise<RecomputeResult> {
    try {
      return await this.recomputeAllOnce();
    } catch (error) {
      // Nothing is removed after a failed run, so the previous scores stay; the next run
      // starts from scratch.
      this.deps.logger.error(
        `DSOMM recompute failed; previous scores stay until the next run: ${error}`,
      );
      throw error;
    }
  }

  private async recomputeAllOnce(): Promise<RecomputeResult> {
    const clock = performance.now();
    const timings: RecomputeTimings = {
      catalogMs: 0,
      loadMs: 0,
      scoreMs: 0,
      writeMs: 0,
    };
    const runStartedAt = this.now().toISOString();
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const domainOfSystem = await this.domainsOfSystems(credentials);
    const day = runStartedAt.slice(0, 10);
    let scored = 0;
    let batch: Entity[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const entities = batch;
      // One transaction per batch, in which scoreAndSave locks, reads and writes.
      const started = performance.now();
      let inside = 0;
      await this.deps.store.transaction(async tx => {
        const entered = performance.now();
        await this.scoreAndSave(entities, domainOfSystem, day, tx, timings);
        inside = performance.now() - entered;
      });
      // Beginning and committing the transaction: the commit is when the batch is written.
      timings.writeMs += performance.now() - started - inside;
      scored += entities.length;
      batch = [];
    };
    const pages = this.deps.catalog
      .streamEntities({ filter: { kind: SCORED_KINDS } }, { credentials })
      [Symbol.asyncIterator]();
    for (;;) {
      const waited = performance.now();
      const page = await pages.next();
      timings.catalogMs += performance.now() - waited;
      if (page.done) break;
      for (const entity of page.value) {
        batch.push(entity);
        if (batch.length >= BATCH_SIZE) await flush();
      }
    }
    await flush();
    const removing = performance.now();
    const removed = await this.deps.store.removeUnscored(runStartedAt);
    timings.writeMs += performance.now() - removing;
    const durationMs = Math.round(performance.now() - clock);
    this.deps.logger.info(
      `DSOMM recompute scored ${scored} entities and removed ${removed} gone from the catalog in ${durationMs} ms`,
    );
    return { scored, removed, durationMs, timings };
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
    domainOfSystem: ReadonlyMap<string, string>,
    day: string,
    tx: DsommStore,
    timings?: RecomputeTimings,
  ): Promise<StoredScore[]> {
    let mark = performance.now();
    const lap = (phase: keyof RecomputeTimings) => {
      const now = performance.now();
      if (timings) timings[phase] += now - mark;
      mark = now;
    };
    const refs = entities.map(e => normalizeRef(stringifyEntityRef(e)));
    await tx.lockEntities(refs);
    // One after another: inside a transaction they share one connection.
    const evidence = await tx.evidenceFor(refs);
    const waivers = await tx.waiversFor(refs);
    const reports = await tx.reportsFor(refs);
    const sightings = await tx.annotationSightingsFor(refs);
    lap('loadMs');
    const now = this.now();
    // Annotation evidence dates from when its value was first seen for the entity.
    const seen = entities.map((entity, i) =>
      updateAnnotationSightings(
        entity,
        this.deps.config.evidence.rules,
        sightings.get(refs[i]),
        now,
      ),
    );
    const scores = entities.map((entity, i) =>
      scoreCatalogEntity(
        entity,
        {
          evidence: evidence.get(refs[i]) ?? [],
          waivers: waivers.get(refs[i]) ?? [],
          reports: reports.get(refs[i]) ?? [],
          annotationsFirstSeen: seen[i].firstSeen,
        },
        {
          model: this.deps.model,
          config: this.deps.config,
          domainOfSystem,
          now,
        },
      ),
    );
    lap('scoreMs');
    await tx.saveScores(scores, day);
    await tx.saveAnnotationSightings(
      seen.map((s, i) => ({ entityRef: refs[i], ...s })),
    );
    lap('writeMs');
    return scores;
  }

  /**
   * Reads a scored entity and its system's domain from the catalog, with a user's own
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
    // Only this entity's system is needed to know its domain.
    const domainOfSystem = new Map<string, string>();
    const systemRef = systemRefOf(entity);
    if (systemRef) {
      const system = await this.deps.catalog.getEntityByRef(systemRef, {
        credentials: await this.deps.auth.getOwnServiceCredentials(),
      });
      const domain = system && systemDomain(system);
      if (domain) domainOfSystem.set(systemRef, domain);
    }
    return { entity, domainOfSystem };
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
        loaded.domainOfSystem,
        this.now().toISOString().slice(0, 10),
        tx,
      );
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
}
