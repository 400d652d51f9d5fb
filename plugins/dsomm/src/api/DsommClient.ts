import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
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
  ORGANIZATION_SCOPE_REF,
  PendingApproval,
  ModelResponse,
  LevelSummariesResponse,
  EntityReportsResponse,
  EntityScoreResponse,
  ROLLUP_KINDS,
  ScopePreviewRequest,
  ScopePreviewResponse,
  ScopeRollupResponse,
  ScoreHistoryResponse,
  ScorecardResponse,
  ScorecardTrendResponse,
  TargetsResponse,
  Waiver,
} from '@dsomm/plugin-dsomm-common';
import { DsommApi, ScorecardRequest } from './DsommApi';
import * as api from './openapi.generated';
import type {
  CreateAttestationBody,
  CreateWaiverBody,
} from './openapi.generated';

/** The path parameters of an entity, lower-cased as the backend stores refs. */
function entityParams(entity: CompoundEntityRef) {
  const lower = (part: string) => part.toLocaleLowerCase('en-US');
  return {
    kind: lower(entity.kind),
    namespace: lower(entity.namespace),
    name: lower(entity.name),
  };
}

/** The spec's request approving or denying one pending record, at its entity or the organisation. */
function decisionRequest(
  request: Pick<PendingApproval, 'id' | 'kind' | 'entityRef'>,
  decision: { approve: true } | { approve: false; reason: string },
): api.ApiRequest<void> {
  const { id, kind } = request;
  if (request.entityRef === ORGANIZATION_SCOPE_REF) {
    if (decision.approve) {
      return kind === 'waiver'
        ? api.approveOrganizationWaiver({ id })
        : api.approveOrganizationAttestation({ id });
    }
    const body = { reason: decision.reason };
    return kind === 'waiver'
      ? api.denyOrganizationWaiver({ id }, body)
      : api.denyOrganizationAttestation({ id }, body);
  }
  const params = { ...entityParams(parseEntityRef(request.entityRef)), id };
  if (decision.approve) {
    return kind === 'waiver'
      ? api.approveWaiver(params)
      : api.approveAttestation(params);
  }
  const body = { reason: decision.reason };
  return kind === 'waiver'
    ? api.denyWaiver(params, body)
    : api.denyAttestation(params, body);
}

const filterParams = (filters: ScorecardRequest['filters']) => ({
  ...filters,
});

/**
 * Default {@link DsommApi} implementation, talking to the DSOMM backend plugin over HTTP.
 *
 * @public
 */
export class DsommClient implements DsommApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getModel(): Promise<ModelResponse> {
    return this.send(api.getModel());
  }

  getTargets(): Promise<TargetsResponse> {
    return this.send(api.getTargets());
  }

  getEntityScore(entity: CompoundEntityRef): Promise<EntityScoreResponse> {
    return this.send(api.getEntityScore(entityParams(entity)));
  }

  async getRollup(entity: CompoundEntityRef): Promise<ScopeRollupResponse> {
    // The route answers a component's score for other kinds: refuse before asking.
    const kind = entity.kind.toLocaleLowerCase('en-US');
    if (!(ROLLUP_KINDS as readonly string[]).includes(kind)) {
      throw new Error(
        `DSOMM roll-ups are for ${ROLLUP_KINDS.join(', ')} entities, not ${
          entity.kind
        }`,
      );
    }
    return this.send(api.getEntityScore(entityParams(entity)));
  }

  previewScope(
    entity: CompoundEntityRef,
    preview: ScopePreviewRequest,
  ): Promise<ScopePreviewResponse> {
    return this.send(api.previewScopeMarks(entityParams(entity), preview));
  }

  getEntityHistory(
    entity: CompoundEntityRef,
    days?: number,
  ): Promise<ScoreHistoryResponse> {
    return this.send(
      api.getEntityHistory({
        ...entityParams(entity),
        days: days || undefined,
      }),
    );
  }

  getEntityReports(entity: CompoundEntityRef): Promise<EntityReportsResponse> {
    return this.send(api.listEntityReports(entityParams(entity)));
  }

  refreshEntity(entity: CompoundEntityRef): Promise<EntityScoreResponse> {
    return this.send(api.refreshEntity(entityParams(entity)));
  }

  createAttestation(
    entity: CompoundEntityRef,
    attestation: CreateAttestationBody,
  ): Promise<Attestation> {
    return this.send(api.createAttestation(entityParams(entity), attestation));
  }

  async revokeAttestation(
    entity: CompoundEntityRef,
    id: string,
  ): Promise<void> {
    await this.send(api.revokeAttestation({ ...entityParams(entity), id }));
  }

  createWaiver(
    entity: CompoundEntityRef,
    waiver: CreateWaiverBody,
  ): Promise<Waiver> {
    return this.send(api.createWaiver(entityParams(entity), waiver));
  }

  async revokeWaiver(entity: CompoundEntityRef, id: string): Promise<void> {
    await this.send(api.revokeWaiver({ ...entityParams(entity), id }));
  }

  getPendingApprovals(): Promise<ApprovalsResponse> {
    return this.send(api.getApprovals({ status: 'pending' }));
  }

  async decideRequest(
    request: Pick<PendingApproval, 'id' | 'kind' | 'entityRef'>,
    decision: { approve: true } | { approve: false; reason: string },
  ): Promise<void> {
    await this.send(decisionRequest(request, decision));
  }

  getScorecard(request: ScorecardRequest): Promise<ScorecardResponse> {
    return this.send(
      api.getScorecard({
        ...filterParams(request.filters),
        groupBy: request.groupBy,
        sort: request.sort,
        order: request.order,
        offset: request.offset,
        limit: request.limit,
        groupsSort: request.groupsSort,
        groupsOrder: request.groupsOrder,
        groupsOffset: request.groupsOffset,
        groupsLimit: request.groupsLimit,
      }),
    );
  }

  getScorecardTrend(
    filters: ScorecardRequest['filters'],
    days?: number,
  ): Promise<ScorecardTrendResponse> {
    return this.send(api.getScorecardTrend({ ...filterParams(filters), days }));
  }

  async getScorecardExportUrl(
    filters: ScorecardRequest['filters'],
  ): Promise<string> {
    const request = api.exportScorecard({
      ...filterParams(filters),
      format: 'csv',
    });
    return `${await this.discoveryApi.getBaseUrl('dsomm')}${request.path}`;
  }

  async exportScorecardCsv(
    filters: ScorecardRequest['filters'],
  ): Promise<string> {
    const res = await this.fetchApi.fetch(
      await this.getScorecardExportUrl(filters),
    );
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res.text();
  }

  getLevelSummaries(entityRefs: string[]): Promise<LevelSummariesResponse> {
    return this.send(api.getLevelSummaries({ entityRefs }));
  }

  getBelowTargetRefs(): Promise<BelowTargetResponse> {
    return this.send(api.getBelowTarget());
  }

  async listCampaigns(
    options: { archived?: boolean } = {},
  ): Promise<CampaignSummary[]> {
    const answer = await this.send<{ campaigns: CampaignSummary[] }>(
      api.listCampaigns({ archived: options.archived ? 'true' : undefined }),
    );
    return answer.campaigns;
  }

  getCampaign(id: string): Promise<CampaignProgress> {
    return this.send(api.getCampaign({ id }));
  }

  createCampaign(input: CampaignInput): Promise<Campaign> {
    return this.send(api.createCampaign(input));
  }

  updateCampaign(id: string, patch: CampaignPatch): Promise<Campaign> {
    return this.send(api.updateCampaign({ id }, patch));
  }

  async getEntityCampaigns(entityRef: string): Promise<EntityCampaign[]> {
    const answer = await this.send<{ campaigns: EntityCampaign[] }>(
      api.listCampaigns({ entity: entityRef.toLocaleLowerCase('en-US') }),
    );
    return answer.campaigns;
  }

  /**
   * Sends one request built from the spec (path, query and body are typed by it), with the
   * caller's Backstage credentials. Answers are read as the dsomm-common types the pages use:
   * those still differ from the spec's in places (level unions, report formats), so they are
   * not yet taken from the generated answer types.
   */
  private async send<T>(request: api.ApiRequest<unknown>): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('dsomm');
    const res = await this.fetchApi.fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      ...(request.body !== undefined
        ? {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(request.body),
          }
        : {}),
    });
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }
}
