import fc from 'fast-check';
import { getBuiltInModel } from '../model/builtInModel';
import { AchievedLevel } from '../model/types';
import { achievedLevel, levelsOf } from './levels';
import { scoreEntity } from './scoreEntity';
import { decideStatuses } from './statuses';
import { computeGap, meetsTarget } from './targets';
import { EvidenceItem, Target } from './types';

const model = getBuiltInModel();
const ids = model.activities.map(a => a.id);
const now = new Date('2026-06-01T00:00:00Z');

const evidenceArb: fc.Arbitrary<EvidenceItem> = fc.record({
  activityId: fc.constantFrom(...ids, 'not-in-the-model'),
  source: fc.constant('annotation' as const),
  observedAt: fc.constantFrom('2026-05-01T00:00:00Z', '2026-04-01T00:00:00Z'),
  expiresAt: fc.option(
    fc.constantFrom('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', 'never'),
    { nil: undefined },
  ),
});
const levelArb = fc.constantFrom<AchievedLevel>(0, 1, 2, 3, 4, 5);
const targetArb: fc.Arbitrary<Target> = fc.record({
  level: levelArb,
  dimensions: fc.option(
    fc.dictionary(
      fc.constantFrom(
        ...model.dimensions.map(d => d.name),
        ...model.dimensions.map(d => d.key),
      ),
      levelArb,
    ),
    { nil: undefined },
  ),
});

/** The level rule written the plain way, as a reference for the counting implementation. */
function referenceSubLevel(
  statusById: Map<string, string>,
  activityIds: string[],
) {
  let level = 0;
  for (const wanted of [1, 2, 3, 4, 5]) {
    const open = activityIds.some(id => {
      const activity = model.activities.find(a => a.id === id)!;
      const status = statusById.get(id);
      return (
        activity.level === wanted &&
        status !== 'implemented' &&
        status !== 'not-applicable'
      );
    });
    if (open) break;
    level = wanted;
  }
  return level;
}

describe('levelsOf and meetsTarget (the recompute fast path)', () => {
  it('agree with the full score, the gap and a plain reference implementation', () => {
    fc.assert(
      fc.property(
        fc.array(evidenceArb, { maxLength: 250 }),
        fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 40 }),
        targetArb,
        (evidence, notApplicable, target) => {
          const input = { model, evidence, notApplicable, now };
          const decided = decideStatuses(input);
          const fast = levelsOf(model, decided.statuses);
          const full = scoreEntity(input);

          expect(fast.overallLevel).toBe(full.overallLevel);
          expect(fast.score).toBe(full.score);
          expect(fast.dimensionLevels).toEqual(
            Object.fromEntries(
              full.dimensions.map(d => [d.dimension, d.level]),
            ),
          );
          expect(meetsTarget(fast.dimensionLevels, target)).toBe(
            computeGap(model, full, target).meetsTarget,
          );

          const statusById = new Map(
            full.activities.map(a => [a.activityId, a.status]),
          );
          for (const dimension of full.dimensions) {
            for (const sub of dimension.subDimensions) {
              const activityIds = model.dimensions
                .find(d => d.name === dimension.dimension)!
                .subDimensions.find(
                  s => s.name === sub.subDimension,
                )!.activityIds;
              expect(sub.level).toBe(
                referenceSubLevel(statusById, activityIds),
              );
              expect(achievedLevel(sub.coverage)).toBe(sub.level);
            }
          }
          // Only missing activities are left out of the decided list.
          expect(decided.activities).toEqual(
            full.activities.filter(a => a.status !== 'missing'),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
