import { Activity, DsommModel } from './types';

/** Fast look-ups into a model, built once per model. */
export interface ModelIndex {
  model: DsommModel;
  byId: ReadonlyMap<string, Activity>;
  byKey: ReadonlyMap<string, Activity>;
  /** Finds an activity by key (slug) or id, ignoring case and surrounding space. */
  resolve(keyOrId: string): Activity | undefined;
}

const indexes = new WeakMap<DsommModel, ModelIndex>();

/** Returns the (cached) index of a model. */
export function indexModel(model: DsommModel): ModelIndex {
  let index = indexes.get(model);
  if (!index) {
    const byId = new Map(model.activities.map(a => [a.id, a]));
    const byKey = new Map(model.activities.map(a => [a.key, a]));
    const lowerIds = new Map(
      model.activities.map(a => [a.id.toLowerCase(), a]),
    );
    index = {
      model,
      byId,
      byKey,
      resolve(keyOrId: string) {
        // Most callers pass a key or id exactly as the model has it.
        const exact = byKey.get(keyOrId) ?? byId.get(keyOrId);
        if (exact) return exact;
        const wanted = keyOrId.trim().toLowerCase();
        return byKey.get(wanted) ?? lowerIds.get(wanted);
      },
    };
    indexes.set(model, index);
  }
  return index;
}
