import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  DsommModel,
  GroupAggregate,
  ProgressStateEntry,
  RollupKind,
  ScopeRollupResponse,
  ScorecardRow,
  aggregateGroup,
  indexModel,
  ExpiryDays,
} from '@dsomm/plugin-dsomm-common';
import { DsommStore } from '../database/DsommStore';
import { Visibility } from '../database/visibilityFilter';
import { MissingForTargetCounter } from '../rollup/missingForTarget';
import {
  HeatmapCounter,
  componentCells,
  heatmapLayout,
} from '../rollup/heatmap';
import { ScopeBelowDeps, readScopeBelow } from '../rollup/readScopeBelow';
import { readScopeAnnotations } from '../rollup/scopeAnnotations';
import { ComponentsBelowQuery } from '../scopes/scopeTree';
import { StatusCache, doneActivities } from '../rollup/statusCache';
import { hasSqlAggregates, toGroupAggregate } from './ScorecardService';

/** Components listed below target at most. */
export const BELOW_TARGET_LIMIT = 50;
/** Most-missed activities listed at most. */
export const MOST_MISSING_LIMIT = 20;

/**
 * The DSOMM page of a Group, System or Domain: its own evidence, and a roll-up of the stored
 * scores of the components below it that the caller may read (nothing is re-scored).
 */
export class RollupService {
  private readonly sqlAggregates: boolean;
  private readonly statuses = new StatusCache();

  constructor(
    private readonly deps: ScopeBelowDeps & {
      model: DsommModel;
      store: DsommStore;
      /** The expiry settings the team matrix's dialogs show (the plugin always passes them). */
      expiryDays?: ExpiryDays;
    },
  ) {
    this.sqlAggregates = hasSqlAggregates(
      deps.model.dimensions.map(d => d.name),
    );
  }

  async rollup(
    scopeRef: string,
    credentials: BackstageCredentials,
  ): Promise<ScopeRollupResponse> {
    const { store, model } = this.deps;
    const { entity, below, visibility } = await readScopeBelow(
      this.deps,
      scopeRef,
      credentials,
    );
    const [kind] = scopeRef.split(':');
    const [attestations, waivers, progress, summary, worst] = await Promise.all(
      [
        store.listAttestations(scopeRef),
        store.waiversFor([scopeRef]).then(m => m.get(scopeRef) ?? []),
        // DSOMM's app records progress per team: only groups have it.
        kind === 'group'
          ? store.progressStates([scopeRef]).then(latestPerActivity)
          : undefined,
        this.summarize(below, visibility),
        store.rollupBelowTarget(below, visibility, BELOW_TARGET_LIMIT),
      ],
    );
    const { aggregate, missing, heatmap } = summary;
    return {
      type: 'rollup',
      entityRef: scopeRef,
      kind: kind as RollupKind,
      namespace: entity.metadata.namespace ?? 'default',
      name: entity.metadata.name,
      ...(typeof entity.metadata.title === 'string'
        ? { title: entity.metadata.title }
        : {}),
      scope: {
        annotations: readScopeAnnotations(entity, indexModel(model)),
        attestations,
        waivers,
        ...(progress ? { progress } : {}),
        ...(this.deps.expiryDays ? { expiryDays: this.deps.expiryDays } : {}),
      },
      rollup: { ...aggregate, key: scopeRef },
      belowTarget: {
        total: summary.belowTarget,
        limit: BELOW_TARGET_LIMIT,
        components: worst.map(toRollupComponent),
      },
      mostMissing: {
        outOf: missing.outOf,
        limit: MOST_MISSING_LIMIT,
        activities: missing.top(MOST_MISSING_LIMIT),
      },
      heatmap: heatmap.result(),
    };
  }

  /**
   * The aggregate (by the database when the model's dimensions have level columns), the
   * missing-activity counts and the heatmap, from one pass over the rows and the cached
   * status summaries.
   */
  private async summarize(
    below: ComponentsBelowQuery,
    visibility: Visibility,
  ): Promise<{
    aggregate: GroupAggregate;
    missing: MissingForTargetCounter;
    heatmap: HeatmapCounter;
    belowTarget: number;
  }> {
    const { store, model } = this.deps;
    const missing = new MissingForTargetCounter(model);
    const layout = heatmapLayout(model);
    const heatmap = new HeatmapCounter(layout);
    const rows: ScorecardRow[] = [];
    let belowTarget = 0;
    const counted = (async () => {
      for await (const page of store.rollupRows(below, visibility)) {
        const stale = page
          .filter(row => !this.statuses.get(row.entityRef, row.computedAt))
          .map(row => row.entityRef);
        for (const read of await store.storedStatuses(stale)) {
          this.statuses.set(read.entityRef, {
            computedAt: read.computedAt,
            target: read.target,
            done: doneActivities(read.statuses),
            cells: componentCells(layout, read.statuses),
          });
        }
        for (const row of page) {
          // A score re-written since the page was read: its newer summary will do.
          const summary =
            this.statuses.get(row.entityRef, row.computedAt) ??
            this.statuses.peek(row.entityRef);
          if (summary) {
            missing.add(summary.target, summary.done);
            heatmap.add(summary.cells);
          }
          if (row.meetsTarget === false) belowTarget += 1;
          if (!this.sqlAggregates) rows.push(row);
        }
      }
    })();
    if (this.sqlAggregates) {
      const [row] = await Promise.all([
        store.rollupAggregate(below, visibility),
        counted,
      ]);
      return {
        aggregate: toGroupAggregate('', row),
        missing,
        heatmap,
        belowTarget,
      };
    }
    await counted;
    return {
      aggregate: aggregateGroup('', rows),
      missing,
      heatmap,
      belowTarget,
    };
  }
}

/** The latest state of each activity (by date, then state name), ordered by activity id. */
export function latestPerActivity(
  states: ProgressStateEntry[],
): ProgressStateEntry[] {
  const latest = new Map<string, ProgressStateEntry>();
  for (const entry of states) {
    const seen = latest.get(entry.activityId);
    if (
      !seen ||
      entry.date > seen.date ||
      (entry.date === seen.date && entry.state > seen.state)
    ) {
      latest.set(entry.activityId, entry);
    }
  }
  return [...latest.values()].sort((a, b) =>
    a.activityId.localeCompare(b.activityId),
  );
}

function toRollupComponent(row: ScorecardRow) {
  return {
    entityRef: row.entityRef,
    ...(row.title ? { title: row.title } : {}),
    overallLevel: row.overallLevel,
    targetLevel: row.targetLevel,
    score: row.score,
  };
}
