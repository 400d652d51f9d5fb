import { assembleModel, ModelParts } from './assemble';

function parts(
  activities: Array<{
    id: string;
    name: string;
    level?: number;
    dependsOn?: string[];
    sub?: string;
  }>,
): ModelParts {
  return {
    version: 't',
    source: 't',
    levels: { 1: '1', 2: '2', 3: '3', 4: '4', 5: '5' },
    dimensions: [{ name: 'Dim', subDimensions: ['Sub'] }],
    activities: activities.map(a => ({
      id: a.id,
      name: a.name,
      dimension: 'Dim',
      subDimension: a.sub ?? 'Sub',
      level: (a.level ?? 1) as 1,
      difficulty: { knowledge: 1, time: 1, resources: 1 },
      usefulness: 1,
      dependsOn: a.dependsOn ?? [],
      tags: [],
      references: { samm2: [], 'iso27001-2017': [], 'iso27001-2022': [] },
      tools: [],
      url: '',
    })),
  };
}

describe('assembleModel', () => {
  it('derives keys and orders activities by level within a sub-dimension', () => {
    const model = assembleModel(
      parts([
        { id: 'x', name: 'Second Thing', level: 2 },
        { id: 'y', name: 'First: thing (A)', level: 1 },
      ]),
    );
    expect(model.activities.map(a => a.key)).toEqual([
      'first-thing-a',
      'second-thing',
    ]);
    expect(model.dimensions[0].key).toBe('dim');
    expect(model.dimensions[0].subDimensions[0].activityIds).toEqual([
      'y',
      'x',
    ]);
  });

  it('rejects a duplicate id', () => {
    expect(() =>
      assembleModel(
        parts([
          { id: 'x', name: 'A' },
          { id: 'x', name: 'B' },
        ]),
      ),
    ).toThrow('activity "B" (x): duplicate id');
  });

  it('rejects two names with the same key', () => {
    expect(() =>
      assembleModel(
        parts([
          { id: 'x', name: 'A b' },
          { id: 'y', name: 'a-B' },
        ]),
      ),
    ).toThrow('key "a-b" is also the key of "A b"');
  });

  it('rejects an unknown dependency', () => {
    expect(() =>
      assembleModel(parts([{ id: 'x', name: 'A', dependsOn: ['nope'] }])),
    ).toThrow(
      'activity "A" (x): dependsOn "nope" is not an activity of the model',
    );
  });

  it('rejects a dependency cycle and names it', () => {
    expect(() =>
      assembleModel(
        parts([
          { id: 'x', name: 'A', dependsOn: ['y'] },
          { id: 'y', name: 'B', dependsOn: ['z'] },
          { id: 'z', name: 'C', dependsOn: ['x'] },
        ]),
      ),
    ).toThrow('dependency cycle "A" -> "B" -> "C" -> "A"');
  });

  it('rejects a level outside 1-5 and an unlisted sub-dimension', () => {
    expect(() =>
      assembleModel(parts([{ id: 'x', name: 'A', level: 6 }])),
    ).toThrow('level must be 1-5, got 6');
    expect(() =>
      assembleModel(parts([{ id: 'x', name: 'A', sub: 'Other' }])),
    ).toThrow('sub-dimension "Other" is not listed under dimension "Dim"');
  });
});
