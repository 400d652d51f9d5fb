import { ActivityStatus, Target } from '@dsomm/plugin-dsomm-common';

/** What a roll-up needs of one component's stored score. */
export interface DoneSummary {
  computedAt: string;
  target: Target;
  /** Ids of the activities implemented or not applicable; the others count as missing. */
  done: ReadonlySet<string>;
  /** Implemented and not-applicable counts per heatmap cell (see `componentCells`). */
  cells: Uint16Array;
}

/** The activities a component has done, from its stored statuses. */
export function doneActivities(
  statuses: Iterable<{ activityId: string; status: ActivityStatus }>,
): Set<string> {
  const done = new Set<string>();
  for (const { activityId, status } of statuses) {
    if (status === 'implemented' || status === 'not-applicable') {
      done.add(activityId);
    }
  }
  return done;
}

/**
 * Summaries of stored scores by entity ref, kept while the score they came from is current
 * (same `computedAt`): reading and parsing every score detail is most of a large roll-up's
 * cost, and scores change far less often than roll-ups are read. Bounded: the entry read
 * longest ago goes first.
 */
export class StatusCache {
  private readonly entries = new Map<string, DoneSummary>();

  constructor(private readonly maxEntries = 50_000) {}

  /** The summary of `entityRef` if it is of the score computed at `computedAt`. */
  get(entityRef: string, computedAt: string): DoneSummary | undefined {
    const entry = this.entries.get(entityRef);
    if (!entry || entry.computedAt !== computedAt) return undefined;
    // Re-inserted, so that eviction takes the least recently read first.
    this.entries.delete(entityRef);
    this.entries.set(entityRef, entry);
    return entry;
  }

  /** The summary of `entityRef` of whichever score was read last, without refreshing it. */
  peek(entityRef: string): DoneSummary | undefined {
    return this.entries.get(entityRef);
  }

  set(entityRef: string, summary: DoneSummary): void {
    this.entries.delete(entityRef);
    this.entries.set(entityRef, summary);
    while (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
