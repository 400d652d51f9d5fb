import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  DsommModel,
  ScopePreviewComponent,
  ScopePreviewRequest,
  ScopePreviewResponse,
} from '@dsomm/plugin-dsomm-common';
import { DsommStore } from '../database/DsommStore';
import { previewLift } from './liftPreview';
import { ScopeBelowDeps, readScopeBelow } from './readScopeBelow';

/** Changed components listed at most; the counts cover all of them. */
export const PREVIEW_COMPONENT_LIMIT = 100;

/** Lifted most first: overall level gain, newly meeting target, score gain, then ref. */
function byLift(a: ScopePreviewComponent, b: ScopePreviewComponent): number {
  const gain = (c: ScopePreviewComponent) =>
    c.after.overallLevel - c.before.overallLevel;
  const meets = (c: ScopePreviewComponent) =>
    Number(c.after.meetsTarget && !c.before.meetsTarget);
  return (
    gain(b) - gain(a) ||
    meets(b) - meets(a) ||
    b.after.score - b.before.score - (a.after.score - a.before.score) ||
    a.entityRef.localeCompare(b.entityRef)
  );
}

/**
 * What marking activities at a Group, System or Domain would change for the components below
 * it, before anything is recorded: read from their stored scores, page by page, so a domain
 * of thousands of components is never held in memory at once beyond the changed ones.
 */
export class LiftPreviewService {
  constructor(
    private readonly deps: ScopeBelowDeps & {
      model: DsommModel;
      store: DsommStore;
    },
  ) {}

  async preview(
    scopeRef: string,
    request: ScopePreviewRequest,
    credentials: BackstageCredentials,
  ): Promise<ScopePreviewResponse> {
    const { store, model } = this.deps;
    const { below, visibility } = await readScopeBelow(
      this.deps,
      scopeRef,
      credentials,
    );
    let count = 0;
    let lifted = 0;
    let newlyMeetingTarget = 0;
    const changed: ScopePreviewComponent[] = [];
    for await (const page of store.rollupRows(below, visibility)) {
      const titles = new Map(page.map(row => [row.entityRef, row.title]));
      for (const stored of await store.storedStatuses([...titles.keys()])) {
        count += 1;
        const outcome = previewLift(
          model,
          stored,
          request.activities,
          request.status,
        );
        if (outcome.changes.length === 0) continue;
        if (outcome.after.overallLevel > outcome.before.overallLevel) {
          lifted += 1;
        }
        if (outcome.after.meetsTarget && !outcome.before.meetsTarget) {
          newlyMeetingTarget += 1;
        }
        const title = titles.get(stored.entityRef);
        changed.push({
          entityRef: stored.entityRef,
          ...(title ? { title } : {}),
          ...outcome,
        });
      }
    }
    return {
      entityRef: scopeRef,
      status: request.status,
      activities: request.activities,
      count,
      changed: changed.length,
      lifted,
      newlyMeetingTarget,
      components: changed.sort(byLift).slice(0, PREVIEW_COMPONENT_LIMIT),
      limit: PREVIEW_COMPONENT_LIMIT,
    };
  }
}
