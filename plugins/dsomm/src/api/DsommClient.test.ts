import { ResponseError } from '@backstage/errors';
import { errorMessage } from '../components/entity/format';
import { DsommClient } from './DsommClient';

describe('DsommClient', () => {
  const discoveryApi = {
    getBaseUrl: jest.fn(async (pluginId: string) => {
      return `http://localhost:7007/api/${pluginId}`;
    }),
  };

  it('fetches the model from the dsomm backend', async () => {
    const model = { version: '4.3.1', dimensions: [], activities: [] };
    const fetch = jest.fn(async () => Response.json(model));
    const client = new DsommClient({ discoveryApi, fetchApi: { fetch } });

    await expect(client.getModel()).resolves.toEqual(model);
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('dsomm');
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/dsomm/model',
      {
        method: 'GET',
      },
    );
  });

  it('throws a ResponseError when the backend answers with an error', async () => {
    const fetch = jest.fn(
      async () =>
        new Response('boom', { status: 503, statusText: 'Unavailable' }),
    );
    const client = new DsommClient({ discoveryApi, fetchApi: { fetch } });

    const result = client.getModel();
    await expect(result).rejects.toBeInstanceOf(ResponseError);
    await expect(result).rejects.toMatchObject({
      response: { status: 503 },
    });
  });

  it('fetches the roll-up of a group, and refuses kinds that have none', async () => {
    const rollup = { type: 'rollup', entityRef: 'group:default/team-a' };
    const fetch = jest.fn(async () => Response.json(rollup));
    const client = new DsommClient({ discoveryApi, fetchApi: { fetch } });

    await expect(
      client.getRollup({
        kind: 'Group',
        namespace: 'default',
        name: 'Team A',
      }),
    ).resolves.toEqual(rollup);
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/dsomm/entities/group/default/team%20a',
      { method: 'GET' },
    );

    await expect(
      client.getRollup({
        kind: 'Component',
        namespace: 'default',
        name: 'alpha',
      }),
    ).rejects.toThrow(/not Component/);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('asks for many level summaries in one POST, and for the refs below target', async () => {
    const summaries = { summaries: [] };
    const fetch = jest.fn(async () => Response.json(summaries));
    const client = new DsommClient({ discoveryApi, fetchApi: { fetch } });

    await expect(
      client.getLevelSummaries(['component:default/a', 'component:default/b']),
    ).resolves.toEqual(summaries);
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/dsomm/scores/summary',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          entityRefs: ['component:default/a', 'component:default/b'],
        }),
      },
    );

    fetch.mockImplementation(async () =>
      Response.json({ entityRefs: ['component:default/a'] }),
    );
    await expect(client.getBelowTargetRefs()).resolves.toEqual({
      entityRefs: ['component:default/a'],
    });
    expect(fetch).toHaveBeenLastCalledWith(
      'http://localhost:7007/api/dsomm/scores/below-target',
      { method: 'GET' },
    );
  });

  it('posts a scope preview as JSON to the preview route of the scope', async () => {
    const answer = { entityRef: 'group:default/team-a', lifted: 1 };
    const fetch = jest.fn(async () => Response.json(answer));
    const client = new DsommClient({ discoveryApi, fetchApi: { fetch } });

    await expect(
      client.previewScope(
        { kind: 'Group', namespace: 'default', name: 'team-a' },
        { activities: ['a1', 'a2'], status: 'not-applicable' },
      ),
    ).resolves.toEqual(answer);
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/dsomm/entities/group/default/team-a/preview',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"activities":["a1","a2"],"status":"not-applicable"}',
      },
    );
  });

  it('builds paths and queries from the spec: encoded parts, repeated filters, no empty values', async () => {
    const fetch = jest.fn(async () => Response.json({}));
    const client = new DsommClient({ discoveryApi, fetchApi: { fetch } });
    const calls = () =>
      (fetch.mock.calls as unknown as [string, RequestInit][]).map(
        ([url, init]) => `${init.method} ${url}`,
      );

    await client.getScorecard({
      groupBy: 'tier',
      filters: { owner: ['group:default/team-a', 'group:default/b c'] },
      sort: 'score',
      offset: 0,
      limit: 10,
      groupsSort: 'count',
      groupsOrder: 'desc',
      groupsOffset: 50,
      groupsLimit: 25,
    });
    await client.getEntityHistory(
      { kind: 'Component', namespace: 'default', name: 'a/b' },
      30,
    );
    await client.revokeWaiver(
      { kind: 'Component', namespace: 'default', name: 'svc' },
      'w 1',
    );
    await expect(
      client.getScorecardExportUrl({ tier: ['critical'] }),
    ).resolves.toBe(
      'http://localhost:7007/api/dsomm/scorecard/export?format=csv&tier=critical',
    );

    expect(calls()).toEqual([
      'GET http://localhost:7007/api/dsomm/scorecard?groupBy=tier&owner=group%3Adefault%2Fteam-a&owner=group%3Adefault%2Fb+c&sort=score&offset=0&limit=10&groupsOffset=50&groupsLimit=25&groupsSort=count&groupsOrder=desc',
      'GET http://localhost:7007/api/dsomm/entities/component/default/a%2Fb/history?days=30',
      'DELETE http://localhost:7007/api/dsomm/entities/component/default/svc/waivers/w%201',
    ]);
  });

  it('lists pending approvals and sends approvals and denials to the entity or organisation route', async () => {
    const fetch = jest.fn(async (_url: RequestInfo | URL, init?: RequestInit) =>
      init?.method === 'POST'
        ? new Response(null, { status: 204 })
        : Response.json({ requests: [] }),
    );
    const client = new DsommClient({ discoveryApi, fetchApi: { fetch } });
    await expect(client.getPendingApprovals()).resolves.toEqual({
      requests: [],
    });
    await client.decideRequest(
      { id: 'w 1', kind: 'waiver', entityRef: 'component:default/Alpha' },
      { approve: true },
    );
    await client.decideRequest(
      { id: 'a1', kind: 'attestation', entityRef: 'component:default/alpha' },
      { approve: false, reason: 'no proof linked' },
    );
    await client.decideRequest(
      { id: 'w2', kind: 'waiver', entityRef: 'organization' },
      { approve: false, reason: 'not org-wide' },
    );
    await client.decideRequest(
      { id: 'a2', kind: 'attestation', entityRef: 'organization' },
      { approve: true },
    );
    const base = 'http://localhost:7007/api/dsomm';
    expect(fetch.mock.calls).toEqual([
      [`${base}/approvals?status=pending`, { method: 'GET' }],
      [
        `${base}/entities/component/default/alpha/waivers/w%201/approve`,
        { method: 'POST' },
      ],
      [
        `${base}/entities/component/default/alpha/attestations/a1/deny`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ reason: 'no proof linked' }),
        },
      ],
      [
        `${base}/organization/waivers/w2/deny`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ reason: 'not org-wide' }),
        },
      ],
      [`${base}/organization/attestations/a2/approve`, { method: 'POST' }],
    ]);
  });

  describe('campaigns', () => {
    const base = 'http://localhost:7007/api/dsomm';
    const summary = {
      id: 'c1',
      name: 'Level 2',
      owner: 'group:default/security',
      scope: { tier: ['critical'] },
      goal: { level: 2 },
      start: '2026-01-01T00:00:00.000Z',
      deadline: '2026-06-30T00:00:00.000Z',
      createdBy: 'user:default/guest',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      inScope: 4,
      done: 1,
    };

    it('lists campaigns, asking for archived ones only when told to', async () => {
      const fetch = jest.fn(async (_url: RequestInfo | URL) =>
        Response.json({ campaigns: [summary] }),
      );
      const client = new DsommClient({ discoveryApi, fetchApi: { fetch } });

      await expect(client.listCampaigns()).resolves.toEqual([summary]);
      await expect(client.listCampaigns({ archived: true })).resolves.toEqual([
        summary,
      ]);
      expect(fetch.mock.calls.map(call => call[0])).toEqual([
        `${base}/campaigns`,
        `${base}/campaigns?archived=true`,
      ]);
    });

    it('creates with a POST, reads and patches one by its escaped id', async () => {
      const fetch = jest.fn(async () => Response.json(summary));
      const client = new DsommClient({ discoveryApi, fetchApi: { fetch } });
      const input = {
        name: 'Level 2',
        owner: 'group:default/security',
        scope: { tier: ['critical'] },
        goal: { level: 2 as const },
        deadline: '2026-06-30',
      };

      await client.createCampaign(input);
      await client.getCampaign('a/b');
      await client.updateCampaign('c1', { archived: true });

      expect(fetch.mock.calls).toEqual([
        [
          `${base}/campaigns`,
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(input),
          },
        ],
        [`${base}/campaigns/a%2Fb`, { method: 'GET' }],
        [
          `${base}/campaigns/c1`,
          {
            method: 'PATCH',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ archived: true }),
          },
        ],
      ]);
    });

    it('asks for the campaigns of an entity with ?entity=, lower-cased', async () => {
      const item = {
        ...summary,
        here: { inScope: 1, done: 0, components: [] },
      };
      const fetch = jest
        .fn()
        .mockResolvedValueOnce(Response.json({ campaigns: [item] }))
        .mockResolvedValueOnce(Response.json({ campaigns: [] }));
      const client = new DsommClient({ discoveryApi, fetchApi: { fetch } });

      await expect(
        client.getEntityCampaigns('Component:default/Auth-Service'),
      ).resolves.toEqual([item]);
      await expect(
        client.getEntityCampaigns('group:default/team-a'),
      ).resolves.toEqual([]);
      expect(fetch.mock.calls.map(call => call[0])).toEqual([
        `${base}/campaigns?entity=component%3Adefault%2Fauth-service`,
        `${base}/campaigns?entity=group%3Adefault%2Fteam-a`,
      ]);
    });

    it('passes the backend 400 on as a ResponseError with its message', async () => {
      const fetch = jest.fn(async () =>
        Response.json(
          {
            error: {
              name: 'InputError',
              message: 'body.goal.dimensions: unknown dimension "Nope"',
            },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      );
      const client = new DsommClient({ discoveryApi, fetchApi: { fetch } });

      const error = await client
        .createCampaign({
          name: 'x',
          owner: 'group:default/a',
          scope: {},
          goal: { dimensions: { Nope: 1 } },
          deadline: '2026-06-30',
        })
        .catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(errorMessage(error)).toBe(
        'body.goal.dimensions: unknown dimension "Nope" (400)',
      );
    });
  });
});
