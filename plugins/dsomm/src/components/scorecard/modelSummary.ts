import { DsommModel, Level, LEVELS } from '@dsomm/plugin-dsomm-common';

/** How many activities a sub-dimension has at each level. */
export interface SubDimensionSummary {
  key: string;
  name: string;
  countsByLevel: Record<Level, number>;
  total: number;
}

export interface DimensionSummary {
  key: string;
  name: string;
  subDimensions: SubDimensionSummary[];
}

function emptyCounts(): Record<Level, number> {
  return { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
}

/** Counts the model's activities per level for every sub-dimension, in model order. */
export function summarizeModel(model: DsommModel): DimensionSummary[] {
  const levelById = new Map<string, Level>(
    model.activities.map(activity => [activity.id, activity.level]),
  );
  return model.dimensions.map(dimension => ({
    key: dimension.key,
    name: dimension.name,
    subDimensions: dimension.subDimensions.map(subDimension => {
      const countsByLevel = emptyCounts();
      for (const id of subDimension.activityIds) {
        const level = levelById.get(id);
        if (level !== undefined) {
          countsByLevel[level] += 1;
        }
      }
      return {
        key: subDimension.key,
        name: subDimension.name,
        countsByLevel,
        total: LEVELS.reduce((sum, level) => sum + countsByLevel[level], 0),
      };
    }),
  }));
}
