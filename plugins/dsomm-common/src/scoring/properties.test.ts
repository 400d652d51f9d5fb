import fc from 'fast-check';
import { getBuiltInModel } from '../model/builtInModel';
import { aggregateScores, summarizeScore } from './aggregate';
import { scoreEntity } from './scoreEntity';
import { EntityScore, EvidenceItem } from './types';

const model = getBuiltInModel();
const ids = model.activities.map(a => a.id);
const now = new Date('2026-06-01T00:00:00Z');

const evidenceArb: fc.Arbitrary<EvidenceItem> = fc.record({
  activityId: fc.constantFrom(...ids),
  source: fc.constantFrom(
    'annotation' as const,
    'report' as const,
    'attestation' as const,
  ),
  observedAt: fc.constant('2026-05-01T00:00:00Z'),
  expiresAt: fc.option(
    fc.constantFrom('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'),
    { nil: undefined },
  ),
});
const evidenceListArb = fc.array(evidenceArb, { maxLength: 250 });
const idSetArb = fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 60 });

/** Every level in a score: sub-dimensions, dimensions and overall. */
function allLevels(score: EntityScore): number[] {
  return [
    score.overallLevel,
    ...score.dimensions.flatMap(d => [
      d.level,
      ...d.subDimensions.map(s => s.level),
    ]),
  ];
}

function noLevelLower(before: EntityScore, after: EntityScore) {
  const a = allLevels(before);
  const b = allLevels(after);
  a.forEach((level, i) => expect(b[i]).toBeGreaterThanOrEqual(level));
}

describe('scoring invariants (property tests over the built-in model)', () => {
  it('adding evidence never lowers a level or the score', () => {
    fc.assert(
      fc.property(
        evidenceListArb,
        evidenceListArb,
        idSetArb,
        (base, more, na) => {
          const before = scoreEntity({
            model,
            evidence: base,
            notApplicable: na,
            now,
          });
          const after = scoreEntity({
            model,
            evidence: [...base, ...more],
            notApplicable: na,
            now,
          });
          noLevelLower(before, after);
          expect(after.score).toBeGreaterThanOrEqual(before.score);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('marking activities not applicable never lowers a level', () => {
    fc.assert(
      fc.property(
        evidenceListArb,
        idSetArb,
        idSetArb,
        (evidence, na, moreNa) => {
          const before = scoreEntity({
            model,
            evidence,
            notApplicable: na,
            now,
          });
          const after = scoreEntity({
            model,
            evidence,
            notApplicable: [...na, ...moreNa],
            now,
          });
          noLevelLower(before, after);
          expect(after.overallLevel).toBeGreaterThanOrEqual(
            before.overallLevel,
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps levels in 0-5 and the score in 0-100, with dimension = min of its sub-dimensions', () => {
    fc.assert(
      fc.property(evidenceListArb, idSetArb, (evidence, na) => {
        const score = scoreEntity({ model, evidence, notApplicable: na, now });
        for (const level of allLevels(score)) {
          expect(Number.isInteger(level)).toBe(true);
          expect(level).toBeGreaterThanOrEqual(0);
          expect(level).toBeLessThanOrEqual(5);
        }
        expect(score.score).toBeGreaterThanOrEqual(0);
        expect(score.score).toBeLessThanOrEqual(100);
        for (const d of score.dimensions) {
          expect(d.level).toBe(Math.min(...d.subDimensions.map(s => s.level)));
        }
        expect(score.overallLevel).toBe(
          Math.min(...score.dimensions.map(d => d.level)),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('aggregates one entity into exactly that entity', () => {
    fc.assert(
      fc.property(
        evidenceListArb,
        fc.option(fc.boolean(), { nil: undefined }),
        (evidence, meets) => {
          const score = scoreEntity({ model, evidence, now });
          const summary = summarizeScore(score, meets);
          const [group] = aggregateScores([summary], () => 'g');
          expect(group.count).toBe(1);
          expect(group.meanScore).toBe(score.score);
          expect(group.overall.mean).toBe(score.overallLevel);
          expect(group.overall.distribution[score.overallLevel]).toBe(1);
          expect(group.overall.distribution.reduce((a, b) => a + b)).toBe(1);
          for (const d of score.dimensions) {
            expect(group.dimensions[d.dimension].mean).toBe(d.level);
            expect(group.dimensions[d.dimension].distribution[d.level]).toBe(1);
          }
          expect(group.shareMeetingTarget).toBe(
            meets === undefined ? null : Number(meets),
          );
        },
      ),
      { numRuns: 100 },
    );
  });
});
