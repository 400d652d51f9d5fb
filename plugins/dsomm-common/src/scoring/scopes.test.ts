import fc from 'fast-check';
import { tinyModel } from '../__testUtils__/tinyModel';
import {
  ORGANIZATION_SCOPE_REF,
  ScopeFindings,
  inheritedEvidence,
  mergeScopedFindings,
} from './scopes';
import { decideStatuses, statusOfCode } from './statuses';
import { ActivityStatus, EvidenceItem } from './types';

const model = tinyModel();
const ids = model.activities.map(a => a.id);
const now = new Date('2026-06-01T00:00:00Z');

const evidenceArb: fc.Arbitrary<EvidenceItem> = fc.record(
  {
    activityId: fc.constantFrom(...ids),
    source: fc.constantFrom('annotation' as const, 'attestation' as const),
    observedAt: fc.constantFrom('2026-01-01T00:00:00Z', '2026-05-01T00:00:00Z'),
    expiresAt: fc.constantFrom('2026-03-01T00:00:00Z', '2027-01-01T00:00:00Z'),
    details: fc.record({
      actor: fc.constantFrom('user:default/a', 'user:default/b'),
    }),
  },
  { requiredKeys: ['activityId', 'source', 'observedAt'] },
);
const findingsArb = fc.record({
  evidence: fc.array(evidenceArb, { maxLength: 8 }),
  notApplicable: fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 4 }),
});
const scopesArb = fc
  .uniqueArray(
    fc.constantFrom(
      'group:default/team',
      'group:default/parent',
      'system:default/s',
      'domain:default/d',
      ORGANIZATION_SCOPE_REF,
    ),
  )
  .chain(refs =>
    fc.tuple(...refs.map(scope => findingsArb.map(f => ({ scope, ...f })))),
  );

const valid = (e: EvidenceItem) =>
  e.expiresAt === undefined || Date.parse(e.expiresAt) > now.getTime();

/** The precedence rules written out plainly, one activity at a time. */
function referenceStatus(
  activityId: string,
  own: { evidence: EvidenceItem[]; notApplicable: string[] },
  scopes: ScopeFindings[],
): ActivityStatus {
  if (own.notApplicable.includes(activityId)) return 'not-applicable';
  const ownEvidence = own.evidence.filter(e => e.activityId === activityId);
  const scopeWaives = scopes.some(s => s.notApplicable.includes(activityId));
  if (scopeWaives && ownEvidence.length === 0) return 'not-applicable';
  const all = [
    ...ownEvidence,
    ...scopes.flatMap(s => s.evidence.filter(e => e.activityId === activityId)),
  ];
  if (all.length === 0) return 'missing';
  return all.some(valid) ? 'implemented' : 'stale';
}

describe('mergeScopedFindings', () => {
  it('decides every activity as the plain precedence rules say', () => {
    fc.assert(
      fc.property(findingsArb, scopesArb, (own, scopes) => {
        const merged = mergeScopedFindings(own, scopes);
        const decided = decideStatuses({ model, ...merged, now });
        ids.forEach((id, ordinal) => {
          expect([id, statusOfCode(decided.statuses[ordinal])]).toEqual([
            id,
            referenceStatus(id, own, scopes),
          ]);
        });
      }),
    );
  });

  it('keeps every item with its provenance: own items untouched, inherited ones tagged', () => {
    fc.assert(
      fc.property(findingsArb, scopesArb, (own, scopes) => {
        const before = JSON.stringify(own);
        const merged = mergeScopedFindings(own, scopes);
        expect(JSON.stringify(own)).toBe(before);
        const expected = [
          ...own.evidence,
          ...scopes.flatMap(s =>
            s.evidence.map(e => ({ ...e, scope: s.scope })),
          ),
        ];
        expect(merged.evidence).toEqual(expected);
        expect(merged.evidence.slice(0, own.evidence.length)).toEqual(
          own.evidence,
        );
        expect(
          merged.evidence.slice(0, own.evidence.length).every(e => !e.scope),
        ).toBe(true);
      }),
    );
  });

  it('a component’s own evidence beats a scope waiver, its own waiver beats scope evidence', () => {
    const item = (activityId: string): EvidenceItem => ({
      activityId,
      source: 'attestation',
      observedAt: '2026-05-01T00:00:00Z',
    });
    const merged = mergeScopedFindings(
      { evidence: [item('a1')], notApplicable: ['a2'] },
      [
        {
          scope: 'group:default/team',
          evidence: [item('a2')],
          notApplicable: ['a1', 'c1'],
        },
      ],
    );
    expect(merged.notApplicable).toEqual(['a2', 'c1']);
    const statuses = decideStatuses({ model, ...merged, now });
    const status = (id: string) =>
      statusOfCode(statuses.statuses[ids.indexOf(id)]);
    expect([status('a1'), status('a2'), status('c1')]).toEqual([
      'implemented',
      'not-applicable',
      'not-applicable',
    ]);
  });

  it('tags an item once and shares it', () => {
    const item: EvidenceItem = {
      activityId: 'a1',
      source: 'annotation',
      observedAt: '2026-05-01T00:00:00Z',
    };
    const tagged = inheritedEvidence('system:default/s', item);
    expect(tagged).toEqual({ ...item, scope: 'system:default/s' });
    expect(item.scope).toBeUndefined();
    expect(inheritedEvidence('system:default/s', tagged)).toBe(tagged);
    const own = { evidence: [], notApplicable: [] };
    expect(mergeScopedFindings(own, [])).toBe(own);
  });
});
