import {
  EntityLevelSummary,
  LEVEL_SUMMARY_MAX_REFS,
  LevelSummariesResponse,
} from '@dsomm/plugin-dsomm-common';

/** How long a summary is reused: a table re-rendering on a filter change asks again. */
const DEFAULT_TTL_MS = 60_000;

interface Waiting {
  resolve: (summary: EntityLevelSummary | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Collects the refs that table cells ask for while a page renders and fetches them in one
 * request (several only beyond the backend's 1000 refs per request), so a page of 20-100
 * catalog rows costs one round trip instead of one per row. Answers are kept for a minute.
 * `undefined` means not scored, or not visible to the user: the backend does not say which.
 */
export class LevelSummaryLoader {
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly cache = new Map<
    string,
    { expiresAt: number; summary: Promise<EntityLevelSummary | undefined> }
  >();
  private scheduled = false;
  private readonly ttlMs: number;
  private readonly maxBatch: number;
  private readonly now: () => number;

  constructor(
    private readonly fetchSummaries: (
      entityRefs: string[],
    ) => Promise<LevelSummariesResponse>,
    options: { ttlMs?: number; maxBatch?: number; now?: () => number } = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.maxBatch = options.maxBatch ?? LEVEL_SUMMARY_MAX_REFS;
    this.now = options.now ?? Date.now;
  }

  /** The summary of one entity, fetched with the others asked for in the same tick. */
  load(entityRef: string): Promise<EntityLevelSummary | undefined> {
    // Stored refs are lower case; the catalog's may not be.
    const ref = entityRef.toLocaleLowerCase('en-US');
    const cached = this.cache.get(ref);
    if (cached && cached.expiresAt > this.now()) return cached.summary;
    const summary = new Promise<EntityLevelSummary | undefined>(
      (resolve, reject) => {
        const list = this.waiting.get(ref);
        if (list) list.push({ resolve, reject });
        else this.waiting.set(ref, [{ resolve, reject }]);
      },
    );
    this.cache.set(ref, { expiresAt: this.now() + this.ttlMs, summary });
    // A failed fetch is not kept: the next render asks again.
    summary.catch(() => {
      if (this.cache.get(ref)?.summary === summary) this.cache.delete(ref);
    });
    this.schedule();
    return summary;
  }

  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    // A macrotask, not a microtask: the cells of one page mount over several React commits.
    setTimeout(() => {
      this.scheduled = false;
      this.flush();
    }, 0);
  }

  private flush() {
    const batch = new Map(this.waiting);
    this.waiting.clear();
    const refs = [...batch.keys()];
    for (let i = 0; i < refs.length; i += this.maxBatch) {
      const slice = refs.slice(i, i + this.maxBatch);
      this.fetchSummaries(slice).then(
        response => {
          const byRef = new Map(
            response.summaries.map(s => [s.entityRef, s] as const),
          );
          for (const ref of slice) {
            for (const w of batch.get(ref)!) w.resolve(byRef.get(ref));
          }
        },
        error => {
          for (const ref of slice) {
            for (const w of batch.get(ref)!) w.reject(error);
          }
        },
      );
    }
  }
}
