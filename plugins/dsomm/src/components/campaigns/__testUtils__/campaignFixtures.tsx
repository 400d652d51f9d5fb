import { ReactNode } from 'react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  CampaignProgress,
  DsommModel,
  EntityCampaign,
} from '@dsomm/plugin-dsomm-common';
import { DsommApi, dsommApiRef } from '../../../api';
import { rootRouteRef } from '../../../routes';
import modelJson from '../../entity/__fixtures__/model.json';

export const model = modelJson as unknown as DsommModel;
/** Activities of the model fixture, by the name the tests look for. */
export const DEFINED_BUILD = 'f6f7737f-25a9-4317-8de2-09bf59f29b5b';
export const PINNING = 'f3c4971e-9f4d-4e59-8ed0-f0bdb6262477';

/** A campaign on the critical tier, two of three components done, two weeks of history. */
export const campaign: CampaignProgress = {
  id: 'c-level2',
  name: 'Level 2 for critical services',
  owner: 'group:default/security',
  scope: { tier: ['critical'] },
  goal: { level: 2 },
  start: '2026-06-01T00:00:00.000Z',
  deadline: '2026-06-30T00:00:00.000Z',
  createdBy: 'user:default/guest',
  createdAt: '2026-06-01T00:00:00.000Z',
  updatedAt: '2026-06-01T00:00:00.000Z',
  inScope: 3,
  done: 2,
  remainingPerOwner: [
    { owner: 'group:default/team-a', inScope: 2, done: 1, remaining: 1 },
    { owner: null, inScope: 1, done: 1, remaining: 0 },
  ],
  burnUp: [
    { day: '2026-06-01', inScope: 3, done: 0 },
    { day: '2026-06-08', inScope: 3, done: 1 },
    { day: '2026-06-15', inScope: 3, done: 2 },
  ],
  components: [
    {
      entityRef: 'component:default/billing',
      owner: 'group:default/team-a',
      done: true,
      remainingActivityIds: [],
    },
    {
      entityRef: 'component:default/auth-service',
      owner: 'group:default/team-a',
      done: false,
      remainingActivityIds: [DEFINED_BUILD, PINNING],
    },
    {
      entityRef: 'component:default/orphan',
      owner: null,
      done: true,
      remainingActivityIds: [],
    },
  ],
};

/** How the campaign concerns auth-service: it is in scope and not done. */
export const entityCampaign: EntityCampaign = {
  ...campaign,
  here: {
    inScope: 1,
    done: 0,
    components: [campaign.components[1]],
  },
};

/**
 * Renders with the DSOMM page mounted at /dsomm and the permission answering `allow`, or
 * as `authorize` answers.
 */
export function renderCampaigns(
  element: ReactNode,
  api: Partial<DsommApi>,
  options: {
    allow?: boolean;
    authorize?: () => AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    route?: string;
  } = {},
) {
  const permission = mockApis.permission({
    authorize:
      options.authorize ??
      (options.allow === false ? AuthorizeResult.DENY : AuthorizeResult.ALLOW),
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [dsommApiRef, { getModel: async () => model, ...api }],
        [permissionApiRef, permission],
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      routeEntries: [options.route ?? '/dsomm/campaigns'],
      mountedRoutes: {
        '/dsomm': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}
