import fc from 'fast-check';
import {
  ActivityStatus,
  indexModel,
  scoreFromActivities,
} from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { HeatmapCounter, componentCells, heatmapLayout } from './heatmap';

const model = getBuiltInModel();
const index = indexModel(model);
const layout = heatmapLayout(model);

const byKey = (statuses: Record<string, ActivityStatus>) =>
  Object.entries(statuses).map(([key, status]) => ({
    activityId: index.resolve(key)!.id,
    status,
  }));

/** The cell of the sub-dimension and level holding activity `key`. */
function cellOfKey(heatmap: ReturnType<HeatmapCounter['result']>, key: string) {
  const activity = index.resolve(key)!;
  const row = heatmap.subDimensions.find(
    r => r.subDimension === activity.subDimension,
  )!;
  return { row, cell: row.levels[activity.level - 1] };
}

describe('heatmapLayout', () => {
  it('lists every sub-dimension in model order and places every activity once', () => {
    expect(layout.rows).toEqual(
      model.dimensions.flatMap(d =>
        d.subDimensions.map(s => ({
          dimension: d.name,
          subDimension: s.name,
        })),
      ),
    );
    expect(layout.activities.reduce((a, b) => a + b, 0)).toBe(
      model.activities.length,
    );
    expect(heatmapLayout(model)).toBe(layout);
  });
});

describe('HeatmapCounter', () => {
  it('counts complete components and activity totals per cell', () => {
    const counter = new HeatmapCounter(layout);
    const vc = index.resolve('parametrization')!;
    const sameCell = model.activities.filter(
      a =>
        a.subDimension === vc.subDimension &&
        a.level === vc.level &&
        a.id !== vc.id,
    );
    expect(sameCell).toHaveLength(2);
    // One component implements the whole cell of parametrization, one waives the rest of
    // it and has parametrization stale, one has nothing.
    counter.add(
      componentCells(layout, [
        { activityId: vc.id, status: 'implemented' },
        ...sameCell.map(a => ({
          activityId: a.id,
          status: 'implemented' as const,
        })),
      ]),
    );
    counter.add(
      componentCells(layout, [
        { activityId: vc.id, status: 'stale' },
        ...sameCell.map(a => ({
          activityId: a.id,
          status: 'not-applicable' as const,
        })),
      ]),
    );
    counter.add(componentCells(layout, []));
    const heatmap = counter.result();
    expect(heatmap.components).toBe(3);
    const { row, cell } = cellOfKey(heatmap, 'parametrization');
    const size = sameCell.length + 1;
    expect(row.dimension).toBe(vc.dimension);
    expect(cell).toEqual({
      level: vc.level,
      activities: size,
      complete: 1,
      implemented: size,
      applicable: size + 1 + size,
    });
    // Cells without activities in the model (the built-in one has some): every component
    // has nothing left undone there.
    const empty = heatmap.subDimensions
      .flatMap(r => r.levels)
      .filter(c => c.activities === 0);
    expect(empty.length).toBeGreaterThan(0);
    for (const c of empty) {
      expect(c).toMatchObject({ complete: 3, implemented: 0, applicable: 0 });
    }
  });

  it('ignores ids the model does not know', () => {
    const counter = new HeatmapCounter(layout);
    counter.add(
      componentCells(layout, [
        { activityId: 'gone', status: 'implemented' },
        ...byKey({ 'version-control': 'implemented' }),
      ]),
    );
    const heatmap = counter.result();
    const total = heatmap.subDimensions
      .flatMap(r => r.levels)
      .reduce((sum, c) => sum + c.implemented, 0);
    expect(total).toBe(1);
  });

  it("agrees with each component's own coverage for any statuses", () => {
    const status = fc.constantFrom<ActivityStatus>(
      'implemented',
      'stale',
      'missing',
      'not-applicable',
    );
    const component = fc.dictionary(
      fc.constantFrom(...model.activities.map(a => a.id)),
      status,
    );
    fc.assert(
      fc.property(fc.array(component, { maxLength: 6 }), components => {
        const counter = new HeatmapCounter(layout);
        // Reference: the scoring's own per-sub-dimension coverage, summed by hand.
        const expected = new Map<
          string,
          { complete: number; implemented: number; applicable: number }
        >();
        for (const statuses of components) {
          const decided = Object.entries(statuses)
            .filter(([, s]) => s !== 'missing')
            .map(([activityId, s]) => ({
              activityId,
              level: index.byId.get(activityId)!.level,
              status: s,
              evidence: [],
            }));
          counter.add(componentCells(layout, decided));
          const score = scoreFromActivities(model, decided);
          for (const sub of score.dimensions.flatMap(d => d.subDimensions)) {
            for (const c of sub.coverage) {
              const key = `${sub.subDimension}/${c.level}`;
              const sum = expected.get(key) ?? {
                complete: 0,
                implemented: 0,
                applicable: 0,
              };
              sum.implemented += c.implemented;
              sum.applicable += c.applicable;
              if (c.implemented >= c.applicable) sum.complete += 1;
              expected.set(key, sum);
            }
          }
        }
        const heatmap = counter.result();
        expect(heatmap.components).toBe(components.length);
        for (const row of heatmap.subDimensions) {
          for (const c of row.levels) {
            const sum = expected.get(`${row.subDimension}/${c.level}`) ?? {
              complete: components.length,
              implemented: 0,
              applicable: 0,
            };
            expect({
              complete: c.complete,
              implemented: c.implemented,
              applicable: c.applicable,
            }).toEqual(sum);
          }
        }
      }),
      { numRuns: 50 },
    );
  });
});
