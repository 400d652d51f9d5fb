import { ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  ApprovalsResponse,
  DsommModel,
  ScorecardResponse,
  ScorecardTrendResponse,
  TargetsResponse,
} from '@dsomm/plugin-dsomm-common';
import { DsommApi, dsommApiRef, ScorecardRequest } from '../../../api';
import byOwnerJson from '../__fixtures__/scorecard-by-owner.json';
import byTierJson from '../__fixtures__/scorecard-by-tier.json';
import criticalByOwnerJson from '../__fixtures__/scorecard-critical-by-owner.json';
import emptyJson from '../__fixtures__/scorecard-empty.json';
import targetsJson from '../__fixtures__/targets.json';
import trendJson from '../__fixtures__/trend.json';

// Answers of the local portal (examples/ catalog), saved with curl and trimmed to 5 rows.
export const byOwner = byOwnerJson as unknown as ScorecardResponse;
export const byTier = byTierJson as unknown as ScorecardResponse;
export const criticalByOwner =
  criticalByOwnerJson as unknown as ScorecardResponse;
export const empty = emptyJson as unknown as ScorecardResponse;
export const targets = targetsJson as unknown as TargetsResponse;
export const trend = trendJson as unknown as ScorecardTrendResponse;

export const model: DsommModel = {
  version: '4.3.1',
  released: '2026-05-19',
  source: 'built-in',
  levels: { 1: 'one', 2: 'two', 3: 'three', 4: 'four', 5: 'five' },
  dimensions: [],
  activities: [],
};

/** The fixture the portal gives for a request: critical-tier answers when filtered by tier. */
export function fixtureFor(request: ScorecardRequest): ScorecardResponse {
  const base = request.filters?.tier?.includes('critical')
    ? criticalByOwner
    : byOwner;
  const grouped = request.groupBy === 'tier' ? byTier : base;
  return {
    ...grouped,
    total: base.total,
    offset: request.offset ?? 0,
    limit: request.limit ?? 50,
  };
}

/** A mocked DsommApi answering with the fixtures; overrides replace single methods. */
export function mockDsommApi(overrides: Partial<DsommApi> = {}) {
  const api = {
    getScorecard: jest.fn(async (request: ScorecardRequest) =>
      fixtureFor(request),
    ),
    getScorecardTrend: jest.fn(async () => trend),
    getTargets: jest.fn(async () => targets),
    getModel: jest.fn(async () => model),
    exportScorecardCsv: jest.fn(async () => 'entityRef,name\n'),
    getPendingApprovals: jest.fn(
      async (): Promise<ApprovalsResponse> => ({ requests: [] }),
    ),
  };
  // Overrides are jest mocks too; the type stays that of the defaults for reading calls.
  return Object.assign(api, overrides) as typeof api;
}

/** Shows the current query string, so tests can check what the URL holds. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

export function renderWithApi(
  element: ReactNode,
  api: Partial<DsommApi>,
  route = '/dsomm',
) {
  return renderInTestApp(
    <TestApiProvider apis={[[dsommApiRef, api]]}>
      {element}
      <LocationProbe />
    </TestApiProvider>,
    {
      routeEntries: [route],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** The URL query parameters as the page last set them. */
export function currentParams(getText: () => string): URLSearchParams {
  return new URLSearchParams(getText());
}
