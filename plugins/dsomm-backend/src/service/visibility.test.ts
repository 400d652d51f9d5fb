import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { component } from '../__testUtils__/entities';
import { VisibilityService, toColumnCriteria } from './visibility';

const owner = (...claims: string[]) => ({
  rule: 'IS_ENTITY_OWNER',
  resourceType: 'catalog-entity',
  params: { claims },
});
const kind = (...kinds: string[]) => ({
  rule: 'IS_ENTITY_KIND',
  resourceType: 'catalog-entity',
  params: { kinds },
});
const annotation = {
  rule: 'HAS_ANNOTATION',
  resourceType: 'catalog-entity',
  params: { annotation: 'a' },
};

describe('toColumnCriteria', () => {
  it('maps ownership and kind rules, nested, in lower case', () => {
    expect(
      toColumnCriteria({
        allOf: [
          kind('Component'),
          { anyOf: [owner('Group:default/Team-A'), { not: kind('API') }] },
        ],
      }),
    ).toEqual({
      allOf: [
        { column: 'kind', values: ['component'] },
        {
          anyOf: [
            { column: 'owner', values: ['group:default/team-a'] },
            { not: { column: 'kind', values: ['api'] } },
          ],
        },
      ],
    });
  });

  it('gives up on any rule, resource type or parameter it cannot map', () => {
    expect(toColumnCriteria(annotation)).toBeUndefined();
    expect(
      toColumnCriteria({ anyOf: [owner('group:default/a'), annotation] }),
    ).toBeUndefined();
    expect(toColumnCriteria({ not: { allOf: [annotation] } })).toBeUndefined();
    expect(
      toColumnCriteria({ ...owner('group:default/a'), resourceType: 'other' }),
    ).toBeUndefined();
    expect(
      toColumnCriteria({
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: 'group:default/a' },
      }),
    ).toBeUndefined();
    expect(
      toColumnCriteria({
        rule: 'IS_ENTITY_KIND',
        resourceType: 'catalog-entity',
      }),
    ).toBeUndefined();
  });
});

describe('VisibilityService', () => {
  const entities = [
    component('alpha', { owner: 'team-a' }),
    component('Beta', { owner: 'team-b' }),
  ];

  function setup(
    decision: PolicyDecision,
    cacheLimits?: { entries: number; refs: number },
  ) {
    const catalog = catalogServiceMock({ entities });
    const streamEntities = jest.spyOn(catalog, 'streamEntities');
    const permissions = mockServices.permissions.mock({
      authorizeConditional: async requests => requests.map(() => decision),
    });
    let now = 0;
    const service = new VisibilityService({
      permissions,
      catalog,
      now: () => now,
      cacheLimits,
    });
    return {
      service,
      streamEntities,
      permissions,
      advance: (ms: number) => {
        now += ms;
      },
    };
  }

  it('answers ALLOW with everything and DENY with nothing, asking for catalog read', async () => {
    const allow = setup({ result: AuthorizeResult.ALLOW });
    const credentials = mockCredentials.user();
    expect(await allow.service.forCredentials(credentials)).toEqual({
      type: 'all',
    });
    expect(allow.permissions.authorizeConditional).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'catalog.entity.read',
          }),
        },
      ],
      { credentials },
    );
    const deny = setup({ result: AuthorizeResult.DENY });
    expect(await deny.service.forCredentials(credentials)).toEqual({
      type: 'none',
    });
    expect(deny.streamEntities).not.toHaveBeenCalled();
  });

  it('turns mappable conditions into SQL criteria without reading the catalog', async () => {
    const { service, streamEntities } = setup({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: owner('group:default/team-a'),
    });
    expect(await service.forCredentials(mockCredentials.user())).toEqual({
      type: 'criteria',
      criteria: { column: 'owner', values: ['group:default/team-a'] },
    });
    expect(streamEntities).not.toHaveBeenCalled();
  });

  it('reads the refs the catalog shows the caller for other conditions, briefly cached per caller', async () => {
    const { service, streamEntities, advance } = setup({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: annotation,
    });
    const mock = mockCredentials.user();
    const expected = {
      type: 'refs',
      refs: ['component:default/alpha', 'component:default/beta'],
    };
    expect(await service.forCredentials(mock)).toEqual(expected);
    expect(streamEntities).toHaveBeenCalledTimes(1);
    expect(streamEntities.mock.calls[0][1]).toEqual({ credentials: mock });

    // Same caller soon after: cached. Another caller: read with their own credentials.
    advance(1000);
    expect(await service.forCredentials(mockCredentials.user())).toEqual(
      expected,
    );
    expect(streamEntities).toHaveBeenCalledTimes(1);
    const other = mockCredentials.user('user:default/other');
    await service.forCredentials(other);
    expect(streamEntities).toHaveBeenCalledTimes(2);
    expect(streamEntities.mock.calls[1][1]).toEqual({ credentials: other });

    // Once the entry is old, the catalog is asked again.
    advance(60_000);
    await service.forCredentials(mockCredentials.user());
    expect(streamEntities).toHaveBeenCalledTimes(3);
  });

  it('does not translate a conditional decision meant for another plugin, and asks the catalog', async () => {
    const { service, streamEntities } = setup({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'other-plugin',
      resourceType: 'catalog-entity',
      conditions: owner('group:default/team-a'),
    });
    expect((await service.forCredentials(mockCredentials.user())).type).toBe(
      'refs',
    );
    expect(streamEntities).toHaveBeenCalledTimes(1);
  });

  it('keeps at most the configured number of callers and refs, dropping the oldest', async () => {
    const decision: PolicyDecision = {
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: annotation,
    };
    const byRefs = setup(decision, { entries: 10, refs: 3 });
    const first = mockCredentials.user('user:default/first');
    const second = mockCredentials.user('user:default/second');
    await byRefs.service.forCredentials(first);
    expect(byRefs.service.cacheSize()).toEqual({ entries: 1, refs: 2 });
    await byRefs.service.forCredentials(second);
    expect(byRefs.service.cacheSize()).toEqual({ entries: 1, refs: 2 });
    // The second caller's entry stayed, the first one's went.
    await byRefs.service.forCredentials(second);
    expect(byRefs.streamEntities).toHaveBeenCalledTimes(2);
    await byRefs.service.forCredentials(first);
    expect(byRefs.streamEntities).toHaveBeenCalledTimes(3);

    const byEntries = setup(decision, { entries: 2, refs: 1000 });
    for (const name of ['a', 'b', 'c']) {
      await byEntries.service.forCredentials(
        mockCredentials.user(`user:default/${name}`),
      );
    }
    expect(byEntries.service.cacheSize()).toEqual({ entries: 2, refs: 4 });
  });

  it('does not keep a failed catalog read', async () => {
    const { service, streamEntities } = setup({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: annotation,
    });
    streamEntities.mockImplementationOnce(async function* fail() {
      yield* [];
      throw new Error('catalog down');
    });
    await expect(
      service.forCredentials(mockCredentials.user()),
    ).rejects.toThrow('catalog down');
    expect(service.cacheSize()).toEqual({ entries: 0, refs: 0 });
    expect((await service.forCredentials(mockCredentials.user())).type).toBe(
      'refs',
    );
    expect(streamEntities).toHaveBeenCalledTimes(2);
  });
});
