import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  DsommModel,
  EntityReportsResponse,
  EntityScoreResponse,
  ScoreHistoryResponse,
} from '@dsomm/plugin-dsomm-common';
import { DsommApi } from '../../../api';
import authServiceHistory from '../__fixtures__/auth-service.history.json';
import authServiceReports from '../__fixtures__/auth-service.reports.json';
import authServiceScore from '../__fixtures__/auth-service.score.json';
import dataCatalogUiScore from '../__fixtures__/data-catalog-ui.score.json';
import modelJson from '../__fixtures__/model.json';

// Trimmed answers of the local portal's DSOMM API (see __fixtures__), typed once here.
const clone = <T>(value: unknown): T => JSON.parse(JSON.stringify(value));

export const fixtures = {
  model: () => clone<DsommModel>(modelJson),
  authServiceScore: () => clone<EntityScoreResponse>(authServiceScore),
  authServiceHistory: () => clone<ScoreHistoryResponse>(authServiceHistory),
  authServiceReports: () => clone<EntityReportsResponse>(authServiceReports),
  dataCatalogUiScore: () => clone<EntityScoreResponse>(dataCatalogUiScore),
};

export function componentEntity(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-identity' },
  };
}

/** Id of the model activity with this key. */
export function activityId(key: string): string {
  const activity = fixtures.model().activities.find(a => a.key === key);
  if (!activity) throw new Error(`No activity ${key} in the fixture model`);
  return activity.id;
}

/** An API mock answering with the auth-service fixtures. */
export function mockDsommApi(
  overrides: Partial<DsommApi> = {},
): jest.Mocked<DsommApi> {
  return {
    getModel: jest.fn(async () => fixtures.model()),
    getTargets: jest.fn(),
    getEntityScore: jest.fn(async () => fixtures.authServiceScore()),
    getEntityHistory: jest.fn(async () => fixtures.authServiceHistory()),
    getEntityReports: jest.fn(async () => fixtures.authServiceReports()),
    refreshEntity: jest.fn(),
    createAttestation: jest.fn(),
    revokeAttestation: jest.fn(async () => undefined),
    createWaiver: jest.fn(),
    revokeWaiver: jest.fn(async () => undefined),
    getScorecard: jest.fn(),
    getScorecardTrend: jest.fn(),
    getScorecardExportUrl: jest.fn(),
    exportScorecardCsv: jest.fn(),
    getPendingApprovals: jest.fn(async () => ({ requests: [] })),
    decideRequest: jest.fn(async () => undefined),
    getEntityCampaigns: jest.fn(async () => []),
    ...overrides,
  } as jest.Mocked<DsommApi>;
}

/** The error the client throws for a backend error answer. */
export function responseError(
  status: number,
  statusText: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotAllowedError', message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText,
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}

/** Accessible name of a link opening in a new tab: core-components adds a hidden hint. */
export function external(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`);
}
