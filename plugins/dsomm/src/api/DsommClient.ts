import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  Attestation,
  BelowTargetResponse,
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

function entityPath(entity: CompoundEntityRef): string {
  return `/entities/${[entity.kind, entity.namespace, entity.name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/')}`;
}

function filterParams(filters: ScorecardRequest['filters']): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, values] of Object.entries(filters ?? {})) {
    for (const value of values ?? []) params.append(key, value);
  }
  return params;
}

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
    return this.request<ModelResponse>('/model');
  }

  getTargets(): Promise<TargetsResponse> {
    return this.request<TargetsResponse>('/targets');
  }

  getEntityScore(entity: CompoundEntityRef): Promise<EntityScoreResponse> {
    return this.request<EntityScoreResponse>(entityPath(entity));
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
    return this.request<ScopeRollupResponse>(entityPath(entity));
  }

  previewScope(
    entity: CompoundEntityRef,
    preview: ScopePreviewRequest,
  ): Promise<ScopePreviewResponse> {
    return this.request<ScopePreviewResponse>(`${entityPath(entity)}/preview`, {
      method: 'POST',
      body: preview,
    });
  }

  getEntityHistory(
    entity: CompoundEntityRef,
    days?: number,
  ): Promise<ScoreHistoryResponse> {
    const query = days ? `?days=${days}` : '';
    return this.request<ScoreHistoryResponse>(
      `${entityPath(entity)}/history${query}`,
    );
  }

  getEntityReports(entity: CompoundEntityRef): Promise<EntityReportsResponse> {
    return this.request<EntityReportsResponse>(`${entityPath(entity)}/reports`);
  }

  refreshEntity(entity: CompoundEntityRef): Promise<EntityScoreResponse> {
    return this.request<EntityScoreResponse>(`${entityPath(entity)}/refresh`, {
      method: 'POST',
    });
  }

  createAttestation(
    entity: CompoundEntityRef,
    attestation: Parameters<DsommApi['createAttestation']>[1],
  ): Promise<Attestation> {
    return this.request<Attestation>(`${entityPath(entity)}/attestations`, {
      method: 'POST',
      body: attestation,
    });
  }

  async revokeAttestation(
    entity: CompoundEntityRef,
    id: string,
  ): Promise<void> {
    await this.request(
      `${entityPath(entity)}/attestations/${encodeURIComponent(id)}`,
      { method: 'DELETE' },
    );
  }

  createWaiver(
    entity: CompoundEntityRef,
    waiver: Parameters<DsommApi['createWaiver']>[1],
  ): Promise<Waiver> {
    return this.request<Waiver>(`${entityPath(entity)}/waivers`, {
      method: 'POST',
      body: waiver,
    });
  }

  async revokeWaiver(entity: CompoundEntityRef, id: string): Promise<void> {
    await this.request(
      `${entityPath(entity)}/waivers/${encodeURIComponent(id)}`,
      { method: 'DELETE' },
    );
  }

  getScorecard(request: ScorecardRequest): Promise<ScorecardResponse> {
    const params = filterParams(request.filters);
    if (request.groupBy) params.set('groupBy', request.groupBy);
    if (request.sort) params.set('sort', request.sort);
    if (request.order) params.set('order', request.order);
    if (request.offset !== undefined)
      params.set('offset', String(request.offset));
    if (request.limit !== undefined) params.set('limit', String(request.limit));
    return this.request<ScorecardResponse>(`/scorecard?${params}`);
  }

  getScorecardTrend(
    filters: ScorecardRequest['filters'],
    days?: number,
  ): Promise<ScorecardTrendResponse> {
    const params = filterParams(filters);
    if (days !== undefined) params.set('days', String(days));
    return this.request<ScorecardTrendResponse>(`/scorecard/trend?${params}`);
  }

  async getScorecardExportUrl(
    filters: ScorecardRequest['filters'],
  ): Promise<string> {
    const params = filterParams(filters);
    params.set('format', 'csv');
    return `${await this.discoveryApi.getBaseUrl(
      'dsomm',
    )}/scorecard/export?${params}`;
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
    return this.request<LevelSummariesResponse>('/scores/summary', {
      method: 'POST',
      body: { entityRefs },
    });
  }

  getBelowTargetRefs(): Promise<BelowTargetResponse> {
    return this.request<BelowTargetResponse>('/scores/below-target');
  }

  private async request<T>(
    path: string,
    options: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('dsomm');
    const res = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method: options.method ?? 'GET',
      ...(options.body !== undefined
        ? {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(options.body),
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
