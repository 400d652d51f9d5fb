import fc from 'fast-check';
import { tinyModel } from '../__testUtils__/tinyModel';
import { getBuiltInModel } from '../model/builtInModel';
import { nextSteps } from './nextSteps';
import { scoreEntity } from './scoreEntity';
import { STATUS_CODE, decideStatuses, statusOfCode } from './statuses';
import { computeGap } from './targets';
import { EntityScore, EvidenceItem } from './types';

const now = new Date('2026-06-01T00:00:00Z');
const model = tinyModel();
const measured = 'c1: 2 critical finding(s) open longer than the SLA.';

function ev(
  activityId: string,
  extra: Partial<EvidenceItem> = {},
): EvidenceItem {
  return {
    activityId,
    source: 'annotation',
    observedAt: '2026-05-01T00:00:00Z',
    ...extra,
  };
}

const statusOf = (score: EntityScore, id: string) =>
  score.activities.find(a => a.activityId === id)!;

describe('contradicted activities', () => {
  it('turns declared evidence contradicted by a measurement into a status that does not count', () => {
    const evidence = [ev('c1'), ev('c2'), ev('c3')];
    const declared = scoreEntity({ model, evidence, now });
    const contradicted = scoreEntity({
      model,
      evidence,
      contradictions: [{ activityId: 'c1', reason: measured }],
      now,
    });
    expect(statusOf(declared, 'c1').status).toBe('implemented');
    expect(statusOf(contradicted, 'c1')).toEqual({
      activityId: 'c1',
      level: 1,
      status: 'contradicted',
      // the declaration stays listed next to what contradicts it
      evidence: [ev('c1')],
      contradiction: measured,
    });
    const test = (s: EntityScore) =>
      s.dimensions.find(d => d.dimension === 'Test')!;
    // Static has no activities above level 2, so all of them reach level 5.
    expect(test(declared).level).toBe(5);
    expect(test(contradicted).level).toBe(0);
    expect(test(contradicted).subDimensions[0].coverage[0]).toEqual({
      level: 1,
      implemented: 0,
      applicable: 1,
    });
    expect(contradicted.score).toBeLessThan(declared.score);
  });

  it('works on the shared fast path of frozen annotation evidence too', () => {
    const frozen = Object.freeze(ev('c1'));
    const plain = scoreEntity({ model, evidence: [frozen], now });
    const contradicted = scoreEntity({
      model,
      evidence: [frozen],
      contradictions: [{ activityId: 'c1', reason: measured }],
      now,
    });
    expect(statusOf(plain, 'c1').status).toBe('implemented');
    expect(statusOf(contradicted, 'c1').status).toBe('contradicted');
    // the shared score of the frozen item is not changed by the contradicted one
    expect(statusOf(plain, 'c1').status).toBe('implemented');
  });

  it('lets a waiver win over the contradiction', () => {
    const score = scoreEntity({
      model,
      evidence: [ev('c1')],
      notApplicable: ['c1'],
      contradictions: [{ activityId: 'c1', reason: measured }],
      now,
    });
    expect(statusOf(score, 'c1').status).toBe('not-applicable');
    expect(statusOf(score, 'c1').contradiction).toBeUndefined();
  });

  it('contradicts nothing without evidence, and leaves expired evidence stale', () => {
    const contradictions = [
      { activityId: 'c1', reason: measured },
      { activityId: 'c2', reason: measured },
    ];
    const score = scoreEntity({
      model,
      evidence: [ev('c2', { expiresAt: '2026-05-15T00:00:00Z' })],
      contradictions,
      now,
    });
    expect(statusOf(score, 'c1').status).toBe('missing');
    expect(statusOf(score, 'c2').status).toBe('stale');
  });

  it('joins several measurements against one activity and ignores unknown ids', () => {
    const { activities, statuses } = decideStatuses({
      model,
      evidence: [ev('a1')],
      contradictions: [
        { activityId: 'a1', reason: 'One.' },
        { activityId: 'a1', reason: 'Two.' },
        { activityId: 'nope', reason: 'Three.' },
      ],
      now,
    });
    expect(activities).toEqual([
      expect.objectContaining({
        status: 'contradicted',
        contradiction: 'One. Two.',
      }),
    ]);
    expect(statusOfCode(statuses[0])).toBe('contradicted');
    // Codes of statuses stored or cached before `contradicted` existed keep their meaning.
    expect(STATUS_CODE).toEqual({
      missing: 0,
      implemented: 1,
      stale: 2,
      'not-applicable': 3,
      contradicted: 4,
    });
  });

  it('lists a contradicted activity in the gap and as a next step that says why', () => {
    const score = scoreEntity({
      model,
      evidence: [ev('c1')],
      contradictions: [{ activityId: 'c1', reason: measured }],
      now,
    });
    const gap = computeGap(model, score, { level: 1 });
    expect(
      gap.dimensions.find(d => d.dimension === 'Test')!.missingActivityIds,
    ).toEqual(['c1']);
    const step = nextSteps(model, score, { target: { level: 1 } }).find(
      s => s.activityId === 'c1',
    )!;
    expect(step.why).toContain(
      `Declared, but reports contradict it: ${measured}`,
    );
  });
});

describe('contradictions (property test over the built-in model)', () => {
  const big = getBuiltInModel();
  const ids = big.activities.map(a => a.id);
  const evidenceArb: fc.Arbitrary<EvidenceItem> = fc.record({
    activityId: fc.constantFrom(...ids),
    source: fc.constantFrom('annotation' as const, 'attestation' as const),
    observedAt: fc.constant('2026-05-01T00:00:00Z'),
    expiresAt: fc.option(
      fc.constantFrom('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'),
      { nil: undefined },
    ),
  });
  const idsArb = fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 40 });

  it('scores as if the contradicted activities had no valid evidence, and never higher', () => {
    fc.assert(
      fc.property(
        fc.array(evidenceArb, { maxLength: 200 }),
        idsArb,
        idsArb,
        (evidence, na, against) => {
          const contradictions = against.map(activityId => ({
            activityId,
            reason: 'measured',
          }));
          const actual = scoreEntity({
            model: big,
            evidence,
            notApplicable: na,
            contradictions,
            now,
          });
          // Reference: drop the valid evidence of contradicted activities.
          const contradicted = new Set(against);
          const reference = scoreEntity({
            model: big,
            evidence: evidence.filter(
              e =>
                !contradicted.has(e.activityId) ||
                (e.expiresAt !== undefined && Date.parse(e.expiresAt) <= +now),
            ),
            notApplicable: na,
            now,
          });
          const plain = scoreEntity({
            model: big,
            evidence,
            notApplicable: na,
            now,
          });
          expect(actual.score).toBe(reference.score);
          expect(actual.overallLevel).toBe(reference.overallLevel);
          expect(actual.dimensions).toEqual(reference.dimensions);
          expect(actual.score).toBeLessThanOrEqual(plain.score);
          actual.activities.forEach((a, i) => {
            const before = plain.activities[i].status;
            const expected =
              before === 'implemented' && contradicted.has(a.activityId)
                ? 'contradicted'
                : before;
            expect(a.status).toBe(expected);
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});
