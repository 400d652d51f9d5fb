import { createApiRef } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  ApprovalsResponse,
  Attestation,
  BelowTargetResponse,
  Campaign,
  CampaignInput,
  CampaignPatch,
  CampaignProgress,
  CampaignSummary,
  EntityCampaign,
  ModelResponse,
  LevelSummariesResponse,
  PendingApproval,
  EntityReportsResponse,
  EntityScoreResponse,
  ScopePreviewRequest,
  ScopePreviewResponse,
  ScopeRollupResponse,
  ScoreHistoryResponse,
  ScorecardFilterKey,
  ScorecardGroupBy,
  ScorecardGroupSortField,
  ScorecardResponse,
  ScorecardSortField,
  ScorecardTrendResponse,
  TargetsResponse,
  Waiver,
} from '@dsomm/plugin-dsomm-common';
import type {
  CreateAttestationBody,
  CreateWaiverBody,
} from './openapi.generated';

/** What the scorecard is asked for: grouping, filters, sorting and one page. */
export interface ScorecardRequest {
  groupBy?: ScorecardGroupBy;
  filters?: Partial<Record<ScorecardFilterKey, string[]>>;
  sort?: ScorecardSortField;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
  /** What the groups are ordered by before paging (the backend's default: `key`). */
  groupsSort?: ScorecardGroupSortField;
  groupsOrder?: 'asc' | 'desc';
  groupsOffset?: number;
  /** Groups in the answer (1-1000; the backend's default: 100). */
  groupsLimit?: number;
}

/**
 * Client for the DSOMM backend plugin.
 *
 * @public
 */
export interface DsommApi {
  /** The DSOMM model the backend is configured with. */
  /** The model, with the evidence rules in force. */
  getModel(): Promise<ModelResponse>;
  /** Target levels per tier. */
  getTargets(): Promise<TargetsResponse>;
  /** An entity's full evaluation. */
  getEntityScore(entity: CompoundEntityRef): Promise<EntityScoreResponse>;
  /**
   * A Group's, System's or Domain's own evidence and the roll-up of the components below it
   * that the user may see.
   */
  getRollup(entity: CompoundEntityRef): Promise<ScopeRollupResponse>;
  /**
   * What marking activities at a Group, System or Domain would change for the components below
   * it that the user may see; records nothing.
   */
  previewScope(
    entity: CompoundEntityRef,
    preview: ScopePreviewRequest,
  ): Promise<ScopePreviewResponse>;
  /** Daily snapshots of an entity's score. */
  getEntityHistory(
    entity: CompoundEntityRef,
    days?: number,
  ): Promise<ScoreHistoryResponse>;
  /** The entity's uploaded scanner reports. */
  getEntityReports(entity: CompoundEntityRef): Promise<EntityReportsResponse>;
  /** Recomputes an entity's score now. */
  refreshEntity(entity: CompoundEntityRef): Promise<EntityScoreResponse>;
  /** Records that an activity is implemented. */
  createAttestation(
    entity: CompoundEntityRef,
    attestation: CreateAttestationBody,
  ): Promise<Attestation>;
  /** Revokes an attestation. */
  revokeAttestation(entity: CompoundEntityRef, id: string): Promise<void>;
  /** Records that an activity does not apply. */
  createWaiver(
    entity: CompoundEntityRef,
    waiver: CreateWaiverBody,
  ): Promise<Waiver>;
  /** Revokes a waiver. */
  revokeWaiver(entity: CompoundEntityRef, id: string): Promise<void>;
  /** Pending waivers and attestations the user may approve or deny. */
  getPendingApprovals(): Promise<ApprovalsResponse>;
  /**
   * Approves a pending request, or denies it with a reason; at the organisation scope when
   * its entity ref is `organization`.
   */
  decideRequest(
    request: Pick<PendingApproval, 'id' | 'kind' | 'entityRef'>,
    decision: { approve: true } | { approve: false; reason: string },
  ): Promise<void>;
  /** Group aggregates and one page of component rows. */
  getScorecard(request: ScorecardRequest): Promise<ScorecardResponse>;
  /** Per day, the share of matching components that met their target (oldest first). */
  getScorecardTrend(
    filters: ScorecardRequest['filters'],
    days?: number,
  ): Promise<ScorecardTrendResponse>;
  /** URL of the CSV export of the rows matching the filters. */
  getScorecardExportUrl(filters: ScorecardRequest['filters']): Promise<string>;
  /** The CSV export itself (fetched with the user's credentials). */
  exportScorecardCsv(filters: ScorecardRequest['filters']): Promise<string>;
  /**
   * Level, target and score of up to 1000 entities in one request (those scored and visible);
   * the catalog column batches its rows through this.
   */
  getLevelSummaries(entityRefs: string[]): Promise<LevelSummariesResponse>;
  /** The refs of every visible entity below its target. */
  getBelowTargetRefs(): Promise<BelowTargetResponse>;
  /** Campaigns by deadline; archived ones too when `archived` is true. */
  listCampaigns(options?: { archived?: boolean }): Promise<CampaignSummary[]>;
  /** One campaign with its progress (burn-up, remaining per owner, components). */
  getCampaign(id: string): Promise<CampaignProgress>;
  /** Starts a campaign (permission `dsomm.campaign.manage`). */
  createCampaign(input: CampaignInput): Promise<Campaign>;
  /** Changes, archives (`archived: true`) or restores a campaign. */
  updateCampaign(id: string, patch: CampaignPatch): Promise<Campaign>;
  /**
   * The live campaigns that concern an entity (a component, or a Group, System or Domain
   * through the components below it), with what is left to do there.
   */
  getEntityCampaigns(entityRef: string): Promise<EntityCampaign[]>;
}

/**
 * Reference to the {@link DsommApi}.
 *
 * @public
 */
export const dsommApiRef = createApiRef<DsommApi>({
  id: 'plugin.dsomm.service',
});
