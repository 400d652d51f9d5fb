import fc from 'fast-check';
import {
  ActivityScore,
  ActivityStatus,
  DsommModel,
  Target,
  statusesOf,
  targetLevelFor,
} from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { missingForTarget, missingForTargetOf } from './missingForTarget';

const model = getBuiltInModel();
const upTo = (level: number, dimension?: string) =>
  model.activities.filter(
    a => a.level <= level && (!dimension || a.dimension === dimension),
  );
const status = (ids: string[], s: ActivityScore['status']): ActivityScore[] =>
  ids.map(activityId => ({
    activityId,
    level: model.activities.find(a => a.id === activityId)!.level,
    status: s,
    evidence: [],
  }));

describe('missingForTarget', () => {
  it('counts every activity up to the target level when nothing is decided', () => {
    expect(missingForTarget(model, [], { level: 0 })).toBe(0);
    expect(missingForTarget(model, [], { level: 1 })).toBe(upTo(1).length);
    expect(missingForTarget(model, [], { level: 2 })).toBe(upTo(2).length);
    expect(upTo(2).length).toBeGreaterThan(upTo(1).length);
  });

  it('leaves out implemented and not-applicable activities, and counts stale and contradicted ones', () => {
    const [a, b, c, d, e] = upTo(1).map(x => x.id);
    const activities = [
      ...status([a], 'implemented'),
      ...status([b], 'not-applicable'),
      ...status([c], 'stale'),
      ...status([d], 'missing'),
      ...status([e], 'contradicted'),
    ];
    expect(missingForTarget(model, activities, { level: 1 })).toBe(
      upTo(1).length - 2,
    );
  });

  it('ignores activities above the target and follows per-dimension targets', () => {
    const aboveTarget = model.activities.filter(x => x.level === 3);
    expect(
      missingForTarget(
        model,
        status(
          aboveTarget.map(x => x.id),
          'implemented',
        ),
        { level: 1 },
      ),
    ).toBe(upTo(1).length);
    const dimension = 'Test and Verification';
    const expected =
      upTo(1).length - upTo(1, dimension).length + upTo(2, dimension).length;
    expect(
      missingForTarget(model, [], {
        level: 1,
        dimensions: { [dimension]: 2 },
      }),
    ).toBe(expected);
  });

  /** The plain version this replaced: a set of counted ids and one pass over the model. */
  function plainMissingForTarget(
    m: DsommModel,
    activities: ActivityScore[],
    target: Target,
  ): number {
    const counted = new Set(
      activities
        .filter(
          a => a.status === 'implemented' || a.status === 'not-applicable',
        )
        .map(a => a.activityId),
    );
    let missing = 0;
    for (const activity of m.activities) {
      const level = targetLevelFor(target, activity.dimension);
      if (activity.level <= level && !counted.has(activity.id)) missing += 1;
    }
    return missing;
  }

  const dimensions = [...new Set(model.activities.map(a => a.dimension))];
  const levelArb = fc.constantFrom(0, 1, 2, 3, 4, 5) as fc.Arbitrary<
    0 | 1 | 2 | 3 | 4 | 5
  >;
  const targetArb: fc.Arbitrary<Target> = fc.record(
    {
      level: levelArb,
      dimensions: fc.dictionary(fc.constantFrom(...dimensions), levelArb),
    },
    { requiredKeys: ['level'] },
  );
  const activitiesArb = fc
    .uniqueArray(fc.constantFrom(...model.activities), {
      selector: a => a.id,
      maxLength: 80,
    })
    .chain(picked =>
      fc.tuple(
        ...picked.map(a =>
          fc
            .constantFrom<ActivityStatus>(
              'missing',
              'implemented',
              'stale',
              'not-applicable',
              'contradicted',
            )
            .map(
              (decided): ActivityScore => ({
                activityId: a.id,
                level: a.level,
                status: decided,
                evidence: [],
              }),
            ),
        ),
      ),
    );

  it('counts as the plain version does, from activities or from status codes', () => {
    fc.assert(
      fc.property(activitiesArb, targetArb, (activities, target) => {
        const expected = plainMissingForTarget(model, activities, target);
        expect(missingForTarget(model, activities, target)).toBe(expected);
        expect(
          missingForTargetOf(model, statusesOf(model, activities), target),
        ).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
