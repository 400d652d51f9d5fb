import { DsommModel, Level } from './types';

/** A sub-dimension with its activities as positions in `model.activities`. */
export interface CompiledSubDimension {
  name: string;
  ordinals: number[];
}

/** A dimension with its sub-dimensions compiled. */
export interface CompiledDimension {
  name: string;
  subDimensions: CompiledSubDimension[];
}

/**
 * A model laid out for the scoring hot path: activities by position, so that scoring an
 * entity walks flat arrays instead of building maps and objects per activity.
 */
export interface CompiledModel {
  /** Position of each activity id in `model.activities`. */
  ordinalById: ReadonlyMap<string, number>;
  /** Level of the activity at each position. */
  levelOf: readonly Level[];
  dimensions: CompiledDimension[];
}

const compiled = new WeakMap<DsommModel, CompiledModel>();

/** Returns the (cached) compiled form of a model. */
export function compileModel(model: DsommModel): CompiledModel {
  let result = compiled.get(model);
  if (!result) {
    const ordinalById = new Map(model.activities.map((a, i) => [a.id, i]));
    result = {
      ordinalById,
      levelOf: model.activities.map(a => a.level),
      dimensions: model.dimensions.map(dimension => ({
        name: dimension.name,
        subDimensions: dimension.subDimensions.map(sub => ({
          name: sub.name,
          // assembleModel guarantees every listed id exists.
          ordinals: sub.activityIds.map(id => ordinalById.get(id)!),
        })),
      })),
    };
    compiled.set(model, result);
  }
  return result;
}
