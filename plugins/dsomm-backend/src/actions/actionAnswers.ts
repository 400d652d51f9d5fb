import {
  EntityScoreResponse,
  ModelIndex,
  ScorecardGroup,
  ScorecardResponse,
} from '@dsomm/plugin-dsomm-common';

// What the actions answer, cut from the REST answers to what an assistant needs: the full
// entity score lists all 194 activities with their evidence, far more than a model's context
// should take for one question.

const DAY_MS = 24 * 60 * 60 * 1000;

/** The target level of a dimension: its own if the target names it, else the overall one. */
function dimensionTarget(score: EntityScoreResponse, dimension: string) {
  return score.target.dimensions?.[dimension] ?? score.target.level;
}

/** `get-entity-score`: levels against target, the score, and the outcome figures. */
export function scoreSummary(score: EntityScoreResponse) {
  return {
    entityRef: score.entityRef,
    title: score.title,
    owner: score.owner,
    tier: score.tier,
    overallLevel: score.overallLevel,
    targetLevel: score.target.level,
    meetsTarget: score.meetsTarget,
    score: score.score,
    assessed: score.assessed,
    dimensions: score.dimensions.map(d => ({
      name: d.dimension,
      level: d.level,
      targetLevel: dimensionTarget(score, d.dimension),
    })),
    kpis: score.kpis as Record<string, unknown> | undefined,
    computedAt: score.computedAt,
  };
}

/** `explain-gap`: the first `limit` next steps, with names, tools and DSOMM links. */
export function gapSteps(
  score: EntityScoreResponse,
  index: ModelIndex,
  limit: number,
) {
  const nameOf = (id: string) => index.byId.get(id)?.name ?? id;
  const missingForTarget = new Set(
    score.gap.dimensions.flatMap(d => d.missingActivityIds),
  ).size;
  return {
    entityRef: score.entityRef,
    overallLevel: score.overallLevel,
    targetLevel: score.target.level,
    meetsTarget: score.meetsTarget,
    missingForTarget,
    steps: score.nextSteps.slice(0, limit).map(step => {
      const activity = index.byId.get(step.activityId);
      return {
        activity: activity?.name ?? step.activityId,
        key: activity?.key ?? step.activityId,
        dimension: step.dimension,
        subDimension: step.subDimension,
        level: step.level,
        raisesToLevel: step.raisesToLevel,
        towardTarget: step.towardTarget,
        why: step.why,
        tools: activity?.tools ?? [],
        unmetDependencies: step.unmetDependencyIds.map(nameOf),
        url: activity?.url ?? '',
      };
    }),
  };
}

function groupSummary(group: ScorecardGroup) {
  return {
    key: group.key,
    title: group.title,
    count: group.count,
    meetingTarget: group.meetingTarget,
    shareMeetingTarget: group.shareMeetingTarget,
    meanScore: group.meanScore,
    meanLevel: group.overall.mean,
    notAssessed: group.notAssessed,
  };
}

/** `query-scorecard`: the groups' aggregates and the rows of the page (worst first). */
export function scorecardSummary(answer: ScorecardResponse) {
  const {
    key: _key,
    title: _title,
    notAssessed: _n,
    ...total
  } = groupSummary(answer.total);
  return {
    groupBy: answer.groupBy,
    totalGroups: answer.totalGroups,
    total,
    groups: answer.groups.map(groupSummary),
    worst: answer.rows.map(row => ({
      entityRef: row.entityRef,
      title: row.title,
      owner: row.owner,
      overallLevel: row.overallLevel,
      targetLevel: row.targetLevel,
      meetsTarget: row.meetsTarget,
    })),
  };
}

/**
 * `list-expiring`: evidence that still counts and waivers that still apply, expiring in
 * [now, until], soonest first. Inherited evidence names the scope it was recorded on, where it
 * is renewed.
 */
export function expiringSoon(
  score: EntityScoreResponse,
  index: ModelIndex,
  now: Date,
  until: Date,
) {
  const from = now.getTime();
  const to = until.getTime();
  const within = (expiresAt?: string): expiresAt is string => {
    if (!expiresAt) return false;
    const time = Date.parse(expiresAt);
    return time >= from && time <= to;
  };
  const describe = (activityId: string) => {
    const activity = index.byId.get(activityId);
    return {
      activity: activity?.name ?? activityId,
      key: activity?.key ?? activityId,
      url: activity?.url ?? '',
    };
  };
  const items = [
    ...score.activities.flatMap(a =>
      a.evidence
        .filter(e => within(e.expiresAt))
        .map(e => ({
          type: 'evidence' as const,
          source: e.source,
          ...describe(a.activityId),
          expiresAt: e.expiresAt!,
          recordedOn: e.scope ?? score.entityRef,
        })),
    ),
    ...score.waivers
      .filter(w => within(w.expiresAt))
      .map(w => ({
        type: 'waiver' as const,
        source: 'waiver',
        ...describe(w.activityId),
        expiresAt: w.expiresAt!,
        recordedOn: w.entityRef,
      })),
  ];
  return items
    .map(item => ({
      ...item,
      daysLeft: Math.max(
        0,
        Math.floor((Date.parse(item.expiresAt) - from) / DAY_MS),
      ),
    }))
    .sort(
      (a, b) =>
        a.expiresAt.localeCompare(b.expiresAt) || a.key.localeCompare(b.key),
    );
}
