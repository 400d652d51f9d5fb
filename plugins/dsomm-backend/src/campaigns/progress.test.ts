import fc from 'fast-check';
import {
  AchievedLevel,
  ActivityScore,
  CampaignGoal,
  indexModel,
} from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import {
  burnUp,
  scopeHolds,
  meetsGoal,
  needsStatuses,
  remainingActivities,
  snapshotBurnUp,
  subDimensionLevels,
  tally,
} from './progress';

const model = getBuiltInModel();
const byKey = (key: string) => indexModel(model).byKey.get(key)!;
const DIMS = model.dimensions.map(d => d.name);

const decided = (
  key: string,
  status: ActivityScore['status'],
): ActivityScore => ({
  activityId: byKey(key).id,
  level: byKey(key).level,
  status,
  evidence: [],
});

describe('meetsGoal', () => {
  const levels = {
    overallLevel: 2 as AchievedLevel,
    dimensionLevels: { [DIMS[0]]: 3, [DIMS[1]]: 1 } as Record<
      string,
      AchievedLevel
    >,
  };
  it('compares the overall level with a level goal', () => {
    expect(meetsGoal({ level: 2 }, levels)).toBe(true);
    expect(meetsGoal({ level: 3 }, levels)).toBe(false);
  });
  it('needs every named dimension at its level; an absent one is level 0', () => {
    expect(meetsGoal({ dimensions: { [DIMS[0]]: 3 } }, levels)).toBe(true);
    expect(
      meetsGoal({ dimensions: { [DIMS[0]]: 3, [DIMS[1]]: 2 } }, levels),
    ).toBe(false);
    expect(meetsGoal({ dimensions: { [DIMS[2]]: 1 } }, levels)).toBe(false);
  });
  it('needs every listed activity implemented or not applicable', () => {
    const goal: CampaignGoal = {
      activities: [
        byKey('version-control').id,
        byKey('defined-build-process').id,
      ],
    };
    expect(
      meetsGoal(goal, levels, [
        decided('version-control', 'implemented'),
        decided('defined-build-process', 'not-applicable'),
      ]),
    ).toBe(true);
    expect(
      meetsGoal(goal, levels, [
        decided('version-control', 'implemented'),
        decided('defined-build-process', 'stale'),
      ]),
    ).toBe(false);
    expect(
      meetsGoal(goal, levels, [decided('version-control', 'implemented')]),
    ).toBe(false);
  });
});

describe('sub-dimension goals', () => {
  const build = model.dimensions
    .flatMap(d => d.subDimensions)
    .find(s => s.name === 'Build')!;
  const buildActivities = build.activityIds.map(
    id => model.activities.find(a => a.id === id)!,
  );
  const statuses = fc.constantFrom<ActivityScore['status']>(
    'implemented',
    'not-applicable',
    'missing',
    'stale',
    'contradicted',
  );
  const levels = (activities: ActivityScore[]) => ({
    overallLevel: 0 as AchievedLevel,
    dimensionLevels: {},
    subDimensionLevels: subDimensionLevels(model, activities),
  });

  it('need statuses, which score rows and history do not keep', () => {
    expect(needsStatuses({ dimensions: { Build: 2 } }, model)).toBe(true);
    expect(needsStatuses({ dimensions: { [DIMS[0]]: 2 } }, model)).toBe(false);
    expect(needsStatuses({ level: 2 }, model)).toBe(false);
    expect(needsStatuses({ activities: ['x'] }, model)).toBe(true);
  });

  it('are met exactly when no activity of the sub-dimension up to the level is left', () => {
    fc.assert(
      fc.property(
        fc.array(statuses, {
          minLength: buildActivities.length,
          maxLength: buildActivities.length,
        }),
        fc.integer({ min: 1, max: 5 }),
        (drawn, goalLevel) => {
          const activities = buildActivities.map(
            (a, i): ActivityScore => ({
              activityId: a.id,
              level: a.level,
              status: drawn[i],
              evidence: [],
            }),
          );
          const goal = { dimensions: { Build: goalLevel } } as CampaignGoal;
          const remaining = remainingActivities(model, goal, activities);
          // Plain reference: Build's activities up to the level, neither done nor N/A.
          expect(remaining.sort()).toEqual(
            activities
              .filter(
                a =>
                  a.level <= goalLevel &&
                  a.status !== 'implemented' &&
                  a.status !== 'not-applicable',
              )
              .map(a => a.activityId)
              .sort(),
          );
          expect(meetsGoal(goal, levels(activities), activities)).toBe(
            remaining.length === 0,
          );
        },
      ),
    );
  });

  it('combine with dimensions: both must be met, and remaining lists each activity once', () => {
    const dimension = build.dimension;
    const other = DIMS.find(d => d !== dimension)!;
    const goal = {
      dimensions: { Build: 2, [dimension]: 1, [other]: 1 },
    } as CampaignGoal;
    const remaining = remainingActivities(model, goal, []);
    const wanted = model.activities.filter(
      a =>
        (a.subDimension === 'Build' && a.level <= 2) ||
        ((a.dimension === dimension || a.dimension === other) && a.level <= 1),
    );
    expect(remaining.sort()).toEqual(wanted.map(a => a.id).sort());
    expect(new Set(remaining).size).toBe(remaining.length);
    const allDone = (ids: string[]): ActivityScore[] =>
      ids.map(id => ({
        activityId: id,
        level: model.activities.find(a => a.id === id)!.level,
        status: 'implemented',
        evidence: [],
      }));
    const done = allDone(remaining);
    // Dimension levels come from the score row; here both dimensions are short of level 1.
    expect(
      meetsGoal(
        goal,
        { ...levels(done), dimensionLevels: { [dimension]: 1, [other]: 0 } },
        done,
      ),
    ).toBe(false);
    expect(
      meetsGoal(
        goal,
        { ...levels(done), dimensionLevels: { [dimension]: 1, [other]: 1 } },
        done,
      ),
    ).toBe(true);
  });
});

describe('remainingActivities', () => {
  it('lists the level-1 activities of every dimension not implemented for a level 1 goal', () => {
    const done = decided('version-control', 'implemented');
    const remaining = remainingActivities(model, { level: 1 }, [done]);
    const levelOne = model.activities.filter(a => a.level === 1).map(a => a.id);
    expect(remaining.sort()).toEqual(
      levelOne.filter(id => id !== done.activityId).sort(),
    );
  });
  it('lists only the named dimension up to its level for a dimensions goal', () => {
    const dimension = byKey('version-control').dimension;
    const remaining = remainingActivities(
      model,
      { dimensions: { [dimension]: 2 } },
      [],
    );
    const wanted = model.activities
      .filter(a => a.dimension === dimension && a.level <= 2)
      .map(a => a.id);
    expect(remaining.sort()).toEqual(wanted.sort());
  });
  it('lists the goal activities not settled for an activities goal', () => {
    const goal = {
      activities: [
        byKey('version-control').id,
        byKey('defined-build-process').id,
      ],
    };
    expect(
      remainingActivities(model, goal, [
        decided('version-control', 'not-applicable'),
      ]),
    ).toEqual([byKey('defined-build-process').id]);
  });
});

const owners = fc.constantFrom('group:default/a', 'group:default/b', null);
const day = fc
  .integer({ min: 0, max: 20 })
  .map(n => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));
const level = fc.integer({ min: 0, max: 5 }) as fc.Arbitrary<AchievedLevel>;
const snapshot = fc.record({
  entityRef: fc.constantFrom('c:d/x', 'c:d/y', 'c:d/z', 'c:d/w'),
  day,
  overallLevel: level,
  dimensionLevels: fc.record({ [DIMS[0]]: level, [DIMS[1]]: level }),
});

/** Every calendar day from `from` to `to`, both included. */
function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

describe('tally', () => {
  it('counts as plain filtering does, in all and per owner', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ owner: owners, done: fc.boolean() })),
        components => {
          const result = tally(components);
          expect(result.inScope).toBe(components.length);
          expect(result.done).toBe(components.filter(c => c.done).length);
          for (const entry of result.remainingPerOwner) {
            const mine = components.filter(c => c.owner === entry.owner);
            expect(entry).toEqual({
              owner: entry.owner,
              inScope: mine.length,
              done: mine.filter(c => c.done).length,
              remaining: mine.filter(c => !c.done).length,
            });
          }
          // Owners sorted, those without one last.
          const named = [
            ...new Set(components.map(c => c.owner).filter(o => o !== null)),
          ].sort();
          const none = components.some(c => c.owner === null) ? [null] : [];
          expect(result.remainingPerOwner.map(e => e.owner)).toEqual([
            ...named,
            ...none,
          ]);
        },
      ),
    );
  });
});

describe('burnUp', () => {
  it('counts, each day, the components seen by then and those whose latest snapshot meets the goal', () => {
    const goals = fc.oneof(
      fc.record({ level: fc.integer({ min: 1, max: 5 }) }),
      fc.record({
        dimensions: fc.record({ [DIMS[1]]: fc.integer({ min: 1, max: 5 }) }),
      }),
    ) as fc.Arbitrary<CampaignGoal>;
    fc.assert(
      fc.property(
        goals,
        day,
        fc.array(snapshot, { maxLength: 30 }),
        fc.nat(5),
        fc.nat(5),
        (goal, start, history, inScope, done) => {
          const today = '2026-01-15';
          const points = burnUp(goal, start, today, history, { inScope, done });
          const past = history.filter(h => h.day < today);
          const oldest = past.map(h => h.day).sort()[0];
          const first = oldest === undefined || start > oldest ? start : oldest;
          const expected =
            oldest === undefined
              ? []
              : daysBetween(first, '2026-01-14').map(d => {
                  // Plain reference: each component's latest snapshot on or before the day.
                  const latest = new Map<string, (typeof history)[number]>();
                  for (const h of past) {
                    const seen = latest.get(h.entityRef);
                    if (h.day <= d && (!seen || seen.day <= h.day)) {
                      latest.set(h.entityRef, h);
                    }
                  }
                  const snaps = [...latest.values()];
                  return {
                    day: d,
                    inScope: snaps.length,
                    done: snaps.filter(s => meetsGoal(goal, s)).length,
                  };
                });
          expect(points).toEqual([...expected, { day: today, inScope, done }]);
        },
      ),
    );
  });

  it('has only today when no history precedes today', () => {
    const history = [
      {
        entityRef: 'c:d/x',
        day: '2026-01-05',
        overallLevel: 3 as AchievedLevel,
        dimensionLevels: {},
      },
    ];
    for (const past of [[], history]) {
      expect(
        burnUp({ level: 1 }, '2026-01-01', '2026-01-05', past, {
          inScope: 2,
          done: 1,
        }),
      ).toEqual([{ day: '2026-01-05', inScope: 2, done: 1 }]);
    }
  });
});

describe('snapshotBurnUp', () => {
  it('carries each day the latest snapshot up to it, from the start or the oldest snapshot, then today', () => {
    const counts = fc.record({ day, inScope: fc.nat(9), done: fc.nat(9) });
    fc.assert(
      fc.property(
        day,
        // One snapshot per day at most, as the table's key keeps them.
        fc.uniqueArray(counts, { selector: c => c.day, maxLength: 25 }),
        fc.nat(5),
        fc.nat(5),
        (start, snapshots, inScope, done) => {
          const today = '2026-01-15';
          const points = snapshotBurnUp(start, today, snapshots, {
            inScope,
            done,
          });
          const past = snapshots.filter(s => s.day < today);
          const oldest = past.map(s => s.day).sort()[0];
          const first = oldest === undefined || start > oldest ? start : oldest;
          const expected =
            oldest === undefined
              ? []
              : daysBetween(first, '2026-01-14').map(d => {
                  // Plain reference: the newest snapshot on or before the day.
                  const latest = past
                    .filter(s => s.day <= d)
                    .sort((x, y) => y.day.localeCompare(x.day))[0];
                  return {
                    day: d,
                    inScope: latest.inScope,
                    done: latest.done,
                  };
                });
          expect(points).toEqual([...expected, { day: today, inScope, done }]);
        },
      ),
    );
  });
});

describe('scopeHolds', () => {
  it('needs, for every filter given, the component value among the listed ones, exactly', () => {
    const facts = {
      tier: 'standard',
      owner: 'group:default/a',
      lifecycle: 'production',
    };
    expect(scopeHolds({}, facts)).toBe(true);
    expect(scopeHolds({ tier: ['critical', 'standard'] }, facts)).toBe(true);
    expect(
      scopeHolds({ tier: ['standard'], owner: ['group:default/b'] }, facts),
    ).toBe(false);
    // As SQL compares: case matters, and a component without the fact never matches.
    expect(scopeHolds({ tier: ['Standard'] }, facts)).toBe(false);
    expect(scopeHolds({ system: ['system:default/x'] }, facts)).toBe(false);
  });
});
