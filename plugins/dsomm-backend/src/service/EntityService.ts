import { randomUUID } from 'crypto';
import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Attestation,
  ORGANIZATION_SCOPE_REF,
  DsommModel,
  EntityScoreResponse,
  ScoreHistoryResponse,
  Waiver,
  computeGap,
  indexModel,
  nextSteps,
  scoreFromActivities,
} from '@dsomm/plugin-dsomm-common';
import {
  DsommBackendConfig,
  expiryDaysOf,
  findingSlaDaysFor,
} from '../config/readDsommConfig';
import { DsommStore } from '../database/DsommStore';
import { StoredScore } from '../database/rows';
import { ScoringService } from './ScoringService';
import { catalogReadCredentials } from './catalogCredentials';
import { isScopeRef } from '../scopes/scopeTree';
import { isAssessed } from '../scoring/assessed';
import { entityKpis } from '../kpis/entityKpis';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Days back the entity's mean time to remediate looks, unless the request says. */
export const DEFAULT_KPI_WINDOW_DAYS = 90;

export interface AttestationInput {
  activity: string;
  comment: string;
  link?: string;
  expiresAt?: string;
}

export interface WaiverInput {
  activity: string;
  justification: string;
  expiresAt?: string;
}

/** One entity's DSOMM data: its score, history, attestations and waivers. */
export class EntityService {
  constructor(
    private readonly deps: {
      model: DsommModel;
      config: DsommBackendConfig;
      store: DsommStore;
      catalog: CatalogService;
      auth: AuthService;
      scoring: ScoringService;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now ? this.deps.now() : new Date();
  }

  /**
   * Throws NotFoundError unless the caller can see the entity in the catalog. The organisation
   * scope is no catalog entity: the router lets only those allowed to manage it through.
   */
  private async assertInCatalog(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    if (entityRef === ORGANIZATION_SCOPE_REF) return;
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials: await catalogReadCredentials(this.deps.auth, credentials),
    });
    if (!entity) {
      throw new NotFoundError(`Entity ${entityRef} is not in the catalog`);
    }
  }

  /**
   * The stored score, computed first if the entity has none yet, or if a change at a scope
   * above it (group, system, domain, organisation) has made it out of date: such a change
   * shows on the component's page at once, not only when the re-score of every component
   * below the scope reaches it (or, if that fails, at the next full recompute).
   */
  async getScore(
    entityRef: string,
    credentials: BackstageCredentials,
    options: { kpiWindowDays?: number } = {},
  ): Promise<EntityScoreResponse> {
    await this.assertInCatalog(entityRef, credentials);
    const stored = await this.deps.store.getScore(entityRef);
    const fresh =
      stored && !(await this.deps.store.isStale(entityRef))
        ? stored
        : await this.deps.scoring.recomputeEntity(entityRef, credentials);
    return this.toResponse(fresh, options.kpiWindowDays);
  }

  async refresh(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityScoreResponse> {
    return this.toResponse(
      await this.deps.scoring.recomputeEntity(entityRef, credentials),
    );
  }

  async history(
    entityRef: string,
    days: number,
    credentials: BackstageCredentials,
  ): Promise<ScoreHistoryResponse> {
    await this.assertInCatalog(entityRef, credentials);
    const since = new Date(this.now().getTime() - days * DAY_MS)
      .toISOString()
      .slice(0, 10);
    return {
      entityRef,
      history: await this.deps.store.history(entityRef, since),
    };
  }

  private resolveActivity(key: string) {
    const activity = indexModel(this.deps.model).resolve(key);
    if (!activity) {
      throw new InputError(`activity: unknown activity "${key}"`);
    }
    return activity;
  }

  /** An expiry must lie ahead, and not so far ahead that it never comes up for review. */
  private checkExpiry(expiresAt: string | undefined): void {
    if (expiresAt === undefined) return;
    const at = Date.parse(expiresAt);
    const now = this.now().getTime();
    if (at <= now) {
      throw new InputError('expiresAt: must be in the future');
    }
    const maxDays = this.deps.config.evidence.maxExpiryDays;
    if (at > now + maxDays * DAY_MS) {
      throw new InputError(
        `expiresAt: must be within ${maxDays} days (dsomm.evidence.maxExpiryDays)`,
      );
    }
  }

  /** `days` after `from`, the moment the record is dated with. */
  private static defaultExpiry(from: Date, days: number): string {
    return new Date(from.getTime() + days * DAY_MS).toISOString();
  }

  /**
   * Re-scores what a write at `entityRef` changes, once it is committed: the components below
   * a Group, System, Domain or the organisation (a failure there is logged, the write stays),
   * else the entity itself.
   */
  private async rescoreAfterWrite(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    if (isScopeRef(entityRef)) {
      await this.deps.scoring.rescoreScopeAfterWrite(entityRef);
    } else {
      await this.deps.scoring.recomputeEntity(entityRef, credentials);
    }
  }

  /** Live attestations and waivers recorded on the organisation scope. */
  async organization(): Promise<{
    attestations: Attestation[];
    waivers: Waiver[];
  }> {
    const ref = ORGANIZATION_SCOPE_REF;
    const [attestations, waivers] = await Promise.all([
      this.deps.store.listAttestations(ref),
      this.deps.store.waiversFor([ref]).then(m => m.get(ref) ?? []),
    ]);
    return { attestations, waivers };
  }

  async attest(
    entityRef: string,
    input: AttestationInput,
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<Attestation> {
    const activity = this.resolveActivity(input.activity);
    this.checkExpiry(input.expiresAt);
    await this.assertInCatalog(entityRef, credentials);
    const now = this.now();
    const attestation: Attestation = {
      id: randomUUID(),
      entityRef,
      activityId: activity.id,
      comment: input.comment,
      ...(input.link ? { link: input.link } : {}),
      attestedBy: actor,
      attestedAt: now.toISOString(),
      expiresAt:
        input.expiresAt ??
        EntityService.defaultExpiry(
          now,
          this.deps.config.evidence.attestationExpiryDays,
        ),
    };
    await this.deps.store.insertAttestation(attestation);
    await this.rescoreAfterWrite(entityRef, credentials);
    return attestation;
  }

  async revokeAttestation(
    entityRef: string,
    id: string,
    actor: string,
    credentials: BackstageCredentials,
    reason?: string,
  ): Promise<void> {
    await this.assertInCatalog(entityRef, credentials);
    const revoked = await this.deps.store.revokeAttestation(
      entityRef,
      id,
      actor,
      this.now().toISOString(),
      reason,
    );
    if (!revoked) {
      throw new NotFoundError(`No attestation ${id} for ${entityRef}`);
    }
    await this.rescoreAfterWrite(entityRef, credentials);
  }

  async waive(
    entityRef: string,
    input: WaiverInput,
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<Waiver> {
    const activity = this.resolveActivity(input.activity);
    this.checkExpiry(input.expiresAt);
    await this.assertInCatalog(entityRef, credentials);
    const now = this.now();
    const waiver: Waiver = {
      id: randomUUID(),
      entityRef,
      activityId: activity.id,
      justification: input.justification,
      grantedBy: actor,
      grantedAt: now.toISOString(),
      expiresAt:
        input.expiresAt ??
        EntityService.defaultExpiry(
          now,
          this.deps.config.evidence.waiverExpiryDays,
        ),
    };
    await this.deps.store.insertWaiver(waiver);
    await this.rescoreAfterWrite(entityRef, credentials);
    return waiver;
  }

  async revokeWaiver(
    entityRef: string,
    id: string,
    actor: string,
    credentials: BackstageCredentials,
    reason?: string,
  ): Promise<void> {
    await this.assertInCatalog(entityRef, credentials);
    const revoked = await this.deps.store.revokeWaiver(
      entityRef,
      id,
      actor,
      this.now().toISOString(),
      reason,
    );
    if (!revoked) throw new NotFoundError(`No waiver ${id} for ${entityRef}`);
    await this.rescoreAfterWrite(entityRef, credentials);
  }

  private async toResponse(
    stored: StoredScore,
    kpiWindowDays = DEFAULT_KPI_WINDOW_DAYS,
  ): Promise<EntityScoreResponse> {
    const ref = stored.facts.entityRef;
    const [attestations, waivers, findings, reports] = await Promise.all([
      this.deps.store.listAttestations(ref),
      this.deps.store.waiversFor([ref]).then(m => m.get(ref) ?? []),
      this.deps.store.findingLifecycle(ref),
      this.deps.store.reportsFor([ref]).then(m => m.get(ref) ?? []),
    ]);
    // Stored scores keep the decided statuses; the rest follows from them and the model.
    const { model } = this.deps;
    const score = scoreFromActivities(model, stored.activities);
    const gap = computeGap(model, score, stored.target);
    const steps = nextSteps(model, score, { target: stored.target });
    const {
      facts,
      dimensionLevels: _levels,
      activities: _stored,
      ...rest
    } = stored;
    return {
      ...facts,
      ...rest,
      dimensions: score.dimensions,
      activities: score.activities,
      gap,
      nextSteps: steps,
      attestations,
      waivers,
      assessed: isAssessed(stored),
      expiryDays: expiryDaysOf(this.deps.config),
      // Measured when read, so a full recompute costs nothing more.
      kpis: entityKpis({
        findings,
        activities: score.activities,
        scans: reports.map(r => ({
          categories: r.summary.categories,
          at: r.summary.scannedAt ?? r.uploadedAt,
        })),
        // The component's tier's SLA days (dsomm.targets.tiers.<tier>.findingSlaDays).
        slaDays: findingSlaDaysFor(this.deps.config.reports, facts.tier),
        windowDays: kpiWindowDays,
        now: this.now(),
      }),
    };
  }
}
