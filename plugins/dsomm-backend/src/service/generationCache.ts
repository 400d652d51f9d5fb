import { Visibility } from '../database/visibilityFilter';

/**
 * Values computed from the stored scores, kept while the score generation (see
 * `DsommStore.scoreGeneration`) stays the same: a write of scores on any replica raises it,
 * and the next read computes afresh. At most `capacity` keys; the oldest goes first.
 */
export class GenerationCache<T> {
  private readonly entries = new Map<
    string,
    { generation: number; value: Promise<T> }
  >();

  constructor(private readonly capacity = 64) {}

  /**
   * The value of `key` at `generation`, computing it when none is kept for that generation.
   * Concurrent asks share one computation; a failed one is not kept. `compute` gets the value
   * kept for an earlier generation, if any, to start from.
   */
  get(
    key: string,
    generation: number,
    compute: (earlier?: Promise<T>) => Promise<T>,
  ): Promise<T> {
    const kept = this.entries.get(key);
    if (kept && kept.generation === generation) return kept.value;
    const value = compute(kept?.value);
    setNewest(this.entries, key, { generation, value }, this.capacity);
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}

/**
 * Sets `key` as the newest entry of `map` (kept in insertion order), dropping the oldest past
 * `capacity`.
 */
export function setNewest<K, V>(
  map: Map<K, V>,
  key: K,
  value: V,
  capacity: number,
): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > capacity) map.delete(map.keys().next().value!);
}

/**
 * Whether what a request computes may be kept for later requests of a caller with
 * `visibility`: not for a caller's own list of readable refs, which can be long and is rarely
 * asked twice.
 */
export function keptForVisibility(visibility: Visibility): boolean {
  return visibility.type === 'all' || visibility.type === 'criteria';
}

/**
 * The score generation for a caller with `visibility`, read once per request and shared by
 * what that request keeps; undefined (nothing kept) where `keptForVisibility` says no, or
 * when the generation's row is missing.
 */
export async function scoreGenerationFor(
  store: { scoreGeneration(): Promise<number | undefined> },
  visibility: Visibility,
): Promise<number | undefined> {
  if (!keptForVisibility(visibility)) return undefined;
  return store.scoreGeneration();
}

/**
 * `compute`'s value, kept in `cache` under `key` while the stored scores stay at
 * `generation` (see `scoreGenerationFor`); computed afresh without one.
 */
export async function keptWhileScoresStay<T>(
  cache: GenerationCache<T>,
  generation: Promise<number | undefined>,
  key: unknown[],
  /** Gets the value kept for an earlier generation, if any (see `GenerationCache.get`). */
  compute: (earlier?: Promise<T>) => Promise<T>,
): Promise<T> {
  const at = await generation;
  if (at === undefined) return compute();
  return cache.get(JSON.stringify(key), at, compute);
}
