import { AchievedLevel, ActivityScore } from '@dsomm/plugin-dsomm-common';
import { DIMENSION_COLUMNS, StoredScore } from '../database/rows';
import { VISIBLE_TO_ALL } from '../database/visibilityFilter';

/**
 * A stored score of component `c<i>` at `level` in every dimension, with target level 1, for
 * store and scorecard tests that write scores directly.
 */
export function levelScore(
  i: number,
  level: AchievedLevel,
  options: {
    owner: string;
    system?: string;
    score?: number;
    computedAt?: string;
    activities?: ActivityScore[];
  },
): StoredScore {
  return {
    facts: {
      entityRef: `component:default/c${i}`,
      kind: 'component',
      namespace: 'default',
      name: `c${i}`,
      owner: options.owner,
      ...(options.system ? { system: options.system } : {}),
    },
    modelVersion: 'test',
    computedAt: options.computedAt ?? '2026-11-01T00:00:00.000Z',
    overallLevel: level,
    score: options.score ?? level,
    dimensionLevels: Object.fromEntries(
      DIMENSION_COLUMNS.map(c => [c.dimension, level]),
    ),
    activities: options.activities ?? [],
    target: { level: 1 },
    meetsTarget: level >= 1,
    activityNotes: [],
    warnings: [],
  };
}

/** A scorecard request for everything, visible to all, the first 10 rows by score. */
export const SCORECARD_QUERY = {
  filters: {},
  visibility: VISIBLE_TO_ALL,
  sort: { field: 'score', order: 'desc' },
  offset: 0,
  limit: 10,
} as const;
