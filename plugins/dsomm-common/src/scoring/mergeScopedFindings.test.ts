import fc from 'fast-check';
import { tinyModel } from '../__testUtils__/tinyModel';
import {
  ORGANIZATION_SCOPE_REF,
  OwnFindings,
  ScopeFindings,
  inheritedEvidence,
  mergeScopedFindings,
} from './scopes';
import { EvidenceItem } from './types';

const ids = tinyModel().activities.map(a => a.id);

/** The plain version this replaced: copy the own lists, then walk the scopes once. */
function plainMerge(
  own: OwnFindings,
  scopes: readonly ScopeFindings[],
): OwnFindings {
  if (scopes.every(s => s.evidence.length + s.notApplicable.length === 0)) {
    return own;
  }
  const evidence = own.evidence.slice();
  const notApplicable = own.notApplicable.slice();
  const ownNa = new Set(own.notApplicable);
  let withOwnEvidence: Set<string> | undefined;
  for (const found of scopes) {
    for (const item of found.evidence) {
      evidence.push(inheritedEvidence(found.scope, item));
    }
    for (const activityId of found.notApplicable) {
      withOwnEvidence ??= new Set(own.evidence.map(e => e.activityId));
      if (!withOwnEvidence.has(activityId) && !ownNa.has(activityId)) {
        ownNa.add(activityId);
        notApplicable.push(activityId);
      }
    }
  }
  return { evidence, notApplicable };
}

// Frozen items, as scopes share them, so both versions give the very same tagged objects.
const evidenceArb: fc.Arbitrary<EvidenceItem> = fc
  .record({
    activityId: fc.constantFrom(...ids),
    source: fc.constantFrom('annotation' as const, 'attestation' as const),
    observedAt: fc.constantFrom('2026-01-01T00:00:00Z', '2026-05-01T00:00:00Z'),
  })
  .map(item => Object.freeze(item));
const listsArb = fc.record({
  evidence: fc.array(evidenceArb, { maxLength: 6 }),
  notApplicable: fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 3 }),
});
const scopesArb = fc.array(
  fc.tuple(
    fc.constantFrom(
      'group:default/team',
      'system:default/s',
      ORGANIZATION_SCOPE_REF,
    ),
    listsArb,
  ),
  { maxLength: 4 },
);

describe('mergeScopedFindings against the plain version', () => {
  it('gives the same lists, for a fresh list of scopes and for a frozen one asked again', () => {
    fc.assert(
      fc.property(
        scopesArb,
        fc.array(listsArb, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (scopeLists, owns, freeze) => {
          const scopes: ScopeFindings[] = scopeLists.map(([scope, lists]) => ({
            scope,
            evidence: lists.evidence.map(e => inheritedEvidence(scope, e)),
            notApplicable: lists.notApplicable,
          }));
          if (freeze) Object.freeze(scopes);
          // Several components under the same scopes, as in a recompute.
          for (const own of owns) {
            const ownCopy = {
              evidence: own.evidence.slice(),
              notApplicable: own.notApplicable.slice(),
            };
            const merged = mergeScopedFindings(own, scopes);
            const expected = plainMerge(ownCopy, scopes);
            expect(merged.notApplicable).toEqual(expected.notApplicable);
            expect(merged.evidence).toHaveLength(expected.evidence.length);
            merged.evidence.forEach((item, i) =>
              expect(item).toBe(expected.evidence[i]),
            );
            // Nothing says anything: the own findings come back as they are.
            expect(merged === own).toBe(expected === ownCopy);
            expect(own).toEqual(ownCopy);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
