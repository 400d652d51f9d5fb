import { Entity } from '@backstage/catalog-model';
import { component } from '../__testUtils__/entities';
import {
  ORGANIZATION_SCOPE,
  buildScopeTree,
  componentsBelowQuery,
  matchesComponentsBelow,
  scopeGroupOf,
  scopeSystemOf,
  scopedComponentOf,
  scopesAbove,
} from './scopeTree';

function group(name: string, spec: NonNullable<Entity['spec']>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [], ...spec },
  };
}

function system(name: string, spec: NonNullable<Entity['spec']>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name, namespace: 'default' },
    spec,
  };
}

// engineering -> payments (via spec.children) -> payments-api (via spec.parent)
const groups = [
  group('engineering', { children: ['payments'] }),
  group('payments', {}),
  group('Payments-API', { parent: 'group:default/payments' }),
  group('platform', { parent: 'engineering' }),
].map(scopeGroupOf);
const systems = [
  system('checkout', { domain: 'commerce', owner: 'payments' }),
  system('ledger', { domain: 'commerce' }),
  system('ci', { domain: 'tooling' }),
  system('loose', {}),
].map(scopeSystemOf);

const tree = buildScopeTree(groups, systems, { descendantGroups: true });
const flat = buildScopeTree(groups, systems, { descendantGroups: false });

describe('scope tree from catalog entities', () => {
  it('reads full lower-case refs of parents, children, domains and owners', () => {
    expect(groups[2]).toEqual({
      ref: 'group:default/payments-api',
      parent: 'group:default/payments',
      children: [],
    });
    expect(groups[0].children).toEqual(['group:default/payments']);
    expect(systems[0]).toEqual({
      ref: 'system:default/checkout',
      domain: 'domain:default/commerce',
      owner: 'group:default/payments',
    });
    expect(
      scopedComponentOf(component('x', { owner: 'Team-A', system: 'ci' })),
    ).toEqual({ owner: 'group:default/team-a', system: 'system:default/ci' });
  });
});

describe('scopesAbove', () => {
  it('lists the owner group and its ancestors, the system, its domain and the organisation', () => {
    expect(
      scopesAbove(tree, {
        owner: 'group:default/payments-api',
        system: 'system:default/checkout',
      }),
    ).toEqual([
      'group:default/payments-api',
      'group:default/payments',
      'group:default/engineering',
      'system:default/checkout',
      'domain:default/commerce',
      ORGANIZATION_SCOPE,
    ]);
  });

  it('stops at the owner group when descendant inheritance is off', () => {
    expect(scopesAbove(flat, { owner: 'group:default/payments-api' })).toEqual([
      'group:default/payments-api',
      ORGANIZATION_SCOPE,
    ]);
  });

  it('gives users, systems without a domain and unplaced components only what applies', () => {
    expect(
      scopesAbove(tree, {
        owner: 'user:default/jane',
        system: 'system:default/loose',
      }),
    ).toEqual(['system:default/loose', ORGANIZATION_SCOPE]);
    expect(scopesAbove(tree, {})).toEqual([ORGANIZATION_SCOPE]);
  });

  it('terminates on cyclic group links and lists each group once', () => {
    const cyclic = buildScopeTree(
      [
        { ref: 'group:default/a', parent: 'group:default/b', children: [] },
        { ref: 'group:default/b', children: ['group:default/a'] },
        {
          ref: 'group:default/c',
          parent: 'group:default/a',
          children: ['group:default/b'],
        },
      ],
      [],
      { descendantGroups: true },
    );
    expect(scopesAbove(cyclic, { owner: 'group:default/a' })).toEqual([
      'group:default/a',
      'group:default/b',
      'group:default/c',
      ORGANIZATION_SCOPE,
    ]);
  });
});

describe('componentsBelowQuery', () => {
  it('a group reaches its own and its descendant groups’ components', () => {
    const query = componentsBelowQuery(tree, 'group:default/engineering');
    expect(query).toEqual({
      all: false,
      owners: expect.arrayContaining([
        'group:default/engineering',
        'group:default/payments',
        'group:default/payments-api',
        'group:default/platform',
      ]),
      systems: [],
    });
    expect(query.all === false && query.owners).toHaveLength(4);
    expect(componentsBelowQuery(flat, 'group:default/engineering')).toEqual({
      all: false,
      owners: ['group:default/engineering'],
      systems: [],
    });
  });

  it('a system reaches its components, a domain those of its systems, the organisation all', () => {
    expect(componentsBelowQuery(tree, 'system:default/ci')).toEqual({
      all: false,
      owners: [],
      systems: ['system:default/ci'],
    });
    const commerce = componentsBelowQuery(tree, 'domain:default/commerce');
    expect(commerce.all === false && [...commerce.systems].sort()).toEqual([
      'system:default/checkout',
      'system:default/ledger',
    ]);
    expect(componentsBelowQuery(tree, ORGANIZATION_SCOPE)).toEqual({
      all: true,
    });
    expect(componentsBelowQuery(tree, 'component:default/x')).toEqual({
      all: false,
      owners: [],
      systems: [],
    });
  });

  it('agrees with scopesAbove for every component and scope', () => {
    const owners = [
      undefined,
      'user:default/jane',
      ...groups.map(g => g.ref),
      'group:default/unknown',
    ];
    const systemRefs = [undefined, ...systems.map(s => s.ref)];
    const scopes = [
      ORGANIZATION_SCOPE,
      ...groups.map(g => g.ref),
      ...systems.map(s => s.ref),
      'domain:default/commerce',
      'domain:default/tooling',
    ];
    for (const t of [tree, flat]) {
      for (const owner of owners) {
        for (const sys of systemRefs) {
          const c = { owner, system: sys };
          const above = scopesAbove(t, c);
          for (const scope of scopes) {
            expect([
              scope,
              c,
              matchesComponentsBelow(componentsBelowQuery(t, scope), c),
            ]).toEqual([scope, c, above.includes(scope)]);
          }
        }
      }
    }
  });
});
