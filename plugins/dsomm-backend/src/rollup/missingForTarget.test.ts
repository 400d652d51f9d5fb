import fc from 'fast-check';
import {
  ActivityStatus,
  Target,
  computeGap,
  indexModel,
  scoreFromActivities,
} from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { MissingForTargetCounter } from './missingForTarget';
import { doneActivities } from './statusCache';

const model = getBuiltInModel();
const index = indexModel(model);
const id = (key: string) => index.resolve(key)!.id;
const DIMENSIONS = model.dimensions.map(d => d.name);

/** What a component has done, from its stored statuses by key (the rest missing). */
const statuses = (byKey: Record<string, ActivityStatus>) =>
  doneActivities(
    Object.entries(byKey).map(([key, status]) => ({
      activityId: id(key),
      status,
    })),
  );

describe('MissingForTargetCounter', () => {
  it('counts what each component misses up to its target, per dimension', () => {
    const counter = new MissingForTargetCounter(model);
    // Level 1 everywhere: stale evidence is missing, not-applicable is not.
    counter.add(
      { level: 1 },
      statuses({
        'version-control': 'stale',
        'mfa-for-admins': 'not-applicable',
      }),
    );
    // Level 0 but 1 in Implementation: only Implementation's level-1 activities count.
    counter.add(
      { level: 0, dimensions: { Implementation: 1 } },
      statuses({ 'mfa-for-admins': 'implemented' }),
    );
    expect(counter.outOf).toBe(2);
    const top = counter.top(1000);
    const count = (key: string) => top.find(a => a.key === key)?.missing ?? 0;
    expect(count('version-control')).toBe(2);
    expect(count('mfa-for-admins')).toBe(0);
    expect(count('defined-build-process')).toBe(1);
    expect(top.every(a => a.level === 1)).toBe(true);
    const implementationLevel1 = model.activities.filter(
      a => a.level === 1 && a.dimension === 'Implementation',
    ).length;
    expect(top.filter(a => a.missing === 2)).toHaveLength(
      implementationLevel1 - 1,
    );
    // Most missed first, then by key among equals.
    expect(top[0].missing).toBe(2);
    const twice = top.filter(a => a.missing === 2).map(a => a.key);
    expect(twice).toEqual([...twice].sort());
  });

  it('ranks equal counts by level, lowest first', () => {
    const counter = new MissingForTargetCounter(model);
    counter.add({ level: 2 }, new Set());
    const top = counter.top(1000);
    const levels = top.map(a => a.level);
    expect(levels).toEqual([...levels].sort());
    expect(new Set(levels)).toEqual(new Set([1, 2]));
    expect(counter.top(3)).toHaveLength(3);
  });

  it("agrees with each component's own gap (computeGap) for any statuses and target", () => {
    const status = fc.constantFrom<ActivityStatus>(
      'implemented',
      'stale',
      'missing',
      'not-applicable',
    );
    const level = fc.constantFrom(0, 1, 2, 3, 4, 5) as fc.Arbitrary<
      Target['level']
    >;
    const target: fc.Arbitrary<Target> = fc.record({
      level,
      dimensions: fc.dictionary(fc.constantFrom(...DIMENSIONS), level),
    });
    const component = fc.record({
      target,
      statuses: fc.dictionary(
        fc.constantFrom(...model.activities.map(a => a.id)),
        status,
      ),
    });
    fc.assert(
      fc.property(fc.array(component, { maxLength: 6 }), components => {
        const counter = new MissingForTargetCounter(model);
        const expected = new Map<string, number>();
        for (const c of components) {
          const decided = Object.entries(c.statuses)
            .filter(([, s]) => s !== 'missing')
            .map(([activityId, s]) => ({
              activityId,
              level: index.byId.get(activityId)!.level,
              status: s,
              evidence: [],
            }));
          counter.add(c.target, doneActivities(decided));
          const gap = computeGap(
            model,
            scoreFromActivities(model, decided),
            c.target,
          );
          for (const missing of gap.dimensions.flatMap(
            d => d.missingActivityIds,
          )) {
            expected.set(missing, (expected.get(missing) ?? 0) + 1);
          }
        }
        const counted = new Map(
          counter.top(10_000).map(a => [a.activityId, a.missing]),
        );
        expect(counted).toEqual(expected);
        expect(counter.outOf).toBe(components.length);
      }),
      { numRuns: 50 },
    );
  });
});
