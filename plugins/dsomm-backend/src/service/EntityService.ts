import { randomUUID } from 'crypto';
import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Attestation,
  ORGANIZATION_SCOPE_REF,
  PendingApproval,
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
  attestationNeedsApproval,
  expiryDaysOf,
  findingSlaDaysFor,
} from '../config/readDsommConfig';
import { ApprovalRecordType } from '../database/approvals';
import { resolveTier } from '../scoring/entityFacts';
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
  ): Promise<Entity | undefined> {
    if (entityRef === ORGANIZATION_SCOPE_REF) return undefined;
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials: await catalogReadCredentials(this.deps.auth, credentials),
    });
    if (!entity) {
      throw new NotFoundError(`Entity ${entityRef} is not in the catalog`);
    }
    return entity;
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

  /** Live attestations and waivers recorded on the organisation scope, and its pending ones. */
  async organization(): Promise<{
    attestations: Attestation[];
    waivers: Waiver[];
    pending: PendingApproval[];
  }> {
    const ref = ORGANIZATION_SCOPE_REF;
    const [attestations, waivers, pending] = await Promise.all([
      this.deps.store.listAttestations(ref),
      this.deps.store.waiversFor([ref]).then(m => m.get(ref) ?? []),
      this.deps.store.pendingApprovals([ref]),
    ]);
    return { attestations, waivers, pending };
  }

  async attest(
    entityRef: string,
    input: AttestationInput,
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<Attestation> {
    const activity = this.resolveActivity(input.activity);
    this.checkExpiry(input.expiresAt);
    const entity = await this.assertInCatalog(entityRef, credentials);
    const now = this.now();
    // The organisation scope has no tier; any entity is asked by its own tier.
    const pending =
      entity !== undefined &&
      attestationNeedsApproval(
        this.deps.config.approvals,
        resolveTier(entity, this.deps.config.tiers),
      );
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
      ...(pending ? { status: 'pending' as const } : {}),
    };
    await this.deps.store.insertAttestation(attestation);
    // A pending request changes no score until it is approved.
    if (!pending) await this.rescoreAfterWrite(entityRef, credentials);
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
    const pending = this.deps.config.approvals.waivers;
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
      ...(pending ? { status: 'pending' as const } : {}),
    };
    await this.deps.store.insertWaiver(waiver);
    if (!pending) await this.rescoreAfterWrite(entityRef, credentials);
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

  /**
   * Approves or denies a pending waiver or attestation. The requester may not decide their
   * own request (403), only a pending one can be decided (409), and an approval re-scores
   * what the record reaches, as a create does.
   */
  async decide(
    recordType: ApprovalRecordType,
    entityRef: string,
    id: string,
    decision: { approve: boolean; reason?: string },
    actor: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    await this.assertInCatalog(entityRef, credentials);
    const result = await this.deps.store.decide({
      recordType,
      id,
      entityRef,
      approve: decision.approve,
      by: actor,
      at: this.now().toISOString(),
      reason: decision.reason,
    });
    switch (result.outcome) {
      case 'missing':
        throw new NotFoundError(`No ${recordType} ${id} for ${entityRef}`);
      case 'own-request':
        throw new NotAllowedError(
          `${actor} requested this ${recordType}; someone else must approve or deny it`,
        );
      case 'not-pending':
        throw new ConflictError(
          `The ${recordType} ${id} is not pending approval (it is ${result.status})`,
        );
      case 'expired':
        throw new ConflictError(
          `The ${recordType} ${id} expired at ${result.expiresAt} before it was approved`,
        );
      default:
    }
    if (decision.approve) await this.rescoreAfterWrite(entityRef, credentials);
  }

  private async toResponse(
    stored: StoredScore,
    kpiWindowDays = DEFAULT_KPI_WINDOW_DAYS,
  ): Promise<EntityScoreResponse> {
    const ref = stored.facts.entityRef;
    const [attestations, waivers, findings, reports, pending] =
      await Promise.all([
        this.deps.store.listAttestations(ref),
        this.deps.store.waiversFor([ref]).then(m => m.get(ref) ?? []),
        this.deps.store.findingLifecycle(ref),
        this.deps.store.reportsFor([ref]).then(m => m.get(ref) ?? []),
        this.deps.store.pendingApprovals([ref]),
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
      pending,
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
