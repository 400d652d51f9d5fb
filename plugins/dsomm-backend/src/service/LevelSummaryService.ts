import {
  BelowTargetResponse,
  LevelSummariesResponse,
} from '@dsomm/plugin-dsomm-common';
import { DsommStore } from '../database/DsommStore';
import { Visibility } from '../database/visibilityFilter';

/**
 * Levels against targets for many entities at once, read from the stored scores: what a
 * catalog table column and a "below target" catalog filter need, without a score per row.
 */
export class LevelSummaryService {
  constructor(private readonly store: DsommStore) {}

  /** The summaries of `refs` that are scored and visible (see LevelSummariesResponse). */
  async summaries(
    refs: string[],
    visibility: Visibility,
  ): Promise<LevelSummariesResponse> {
    if (visibility.type === 'none') return { summaries: [] };
    return { summaries: await this.store.levelSummaries(refs, visibility) };
  }

  /** Every visible entity that has a target and misses it. */
  async belowTarget(visibility: Visibility): Promise<BelowTargetResponse> {
    if (visibility.type === 'none') return { entityRefs: [] };
    return { entityRefs: await this.store.belowTargetRefs(visibility) };
  }
}
