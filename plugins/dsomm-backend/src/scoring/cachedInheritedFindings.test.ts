import fc from 'fast-check';
import {
  ORGANIZATION_SCOPE_REF,
  ScopeFindings,
} from '@dsomm/plugin-dsomm-common';
import { ScopeIndex, inheritedFindings } from '../scopes/scopeFindings';
import { buildScopeTree } from '../scopes/scopeTree';
import { cachedInheritedFindings } from './cachedInheritedFindings';

const groupRefs = ['a', 'b', 'c', 'd', 'e'].map(n => `group:default/${n}`);
const systemRefs = ['s1', 's2', 's3'].map(n => `system:default/${n}`);
const domainRefs = ['d1', 'd2'].map(n => `domain:default/${n}`);
const owners = [...groupRefs, 'user:default/someone', 'group:default/gone'];

const findingsOf = (scope: string): ScopeFindings => ({
  scope,
  evidence: [
    {
      activityId: `activity-of-${scope}`,
      source: 'attestation',
      observedAt: '2026-01-01T00:00:00Z',
    },
  ],
  notApplicable: [],
});

/** A random tree (cycles and unknown refs included) and the scopes that say something. */
const indexArb: fc.Arbitrary<ScopeIndex> = fc
  .record({
    parents: fc.array(
      fc.tuple(fc.constantFrom(...groupRefs), fc.constantFrom(...groupRefs)),
      { maxLength: 6 },
    ),
    domains: fc.array(
      fc.tuple(fc.constantFrom(...systemRefs), fc.constantFrom(...domainRefs)),
      { maxLength: 3 },
    ),
    descendantGroups: fc.boolean(),
    withFindings: fc.subarray([
      ...groupRefs,
      ...systemRefs,
      ...domainRefs,
      ORGANIZATION_SCOPE_REF,
    ]),
  })
  .map(({ parents, domains, descendantGroups, withFindings }) => ({
    tree: buildScopeTree(
      groupRefs.map(ref => ({
        ref,
        parent: parents.find(([child]) => child === ref)?.[1],
        children: parents
          .filter(([, parent]) => parent === ref)
          .map(([child]) => child),
      })),
      systemRefs.map(ref => ({
        ref,
        domain: domains.find(([system]) => system === ref)?.[1],
      })),
      { descendantGroups },
    ),
    findings: new Map(withFindings.map(scope => [scope, findingsOf(scope)])),
  }));

const componentArb = fc.record(
  {
    owner: fc.constantFrom(...owners),
    system: fc.constantFrom(...systemRefs, 'system:default/unknown'),
  },
  { requiredKeys: [] },
);

describe('cachedInheritedFindings', () => {
  it('gives what inheritedFindings gives, for every component of one index', () => {
    fc.assert(
      fc.property(
        indexArb,
        fc.array(componentArb, { minLength: 1, maxLength: 20 }),
        (index, components) => {
          for (const component of components) {
            const cached = cachedInheritedFindings(index, component);
            expect(cached).toEqual(inheritedFindings(index, component));
            // The same scope objects, and the same list for the same place.
            cached.forEach((found, i) =>
              expect(found).toBe(inheritedFindings(index, component)[i]),
            );
            expect(cachedInheritedFindings(index, { ...component })).toBe(
              cached,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps nothing from one index for another', () => {
    const tree = buildScopeTree([], [], { descendantGroups: true });
    const component = { owner: 'group:default/a' };
    const first: ScopeIndex = {
      tree,
      findings: new Map([['group:default/a', findingsOf('group:default/a')]]),
    };
    const second: ScopeIndex = { tree, findings: new Map() };
    expect(cachedInheritedFindings(first, component)).toHaveLength(1);
    expect(cachedInheritedFindings(second, component)).toEqual([]);
  });
});
