import { ActivityScore } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { missingForTarget } from './missingForTarget';

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
});
