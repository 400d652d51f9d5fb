import { indexModel } from '../model/modelIndex';
import { AchievedLevel, DsommModel, LEVELS } from '../model/types';
import {
  ActivityScore,
  ActivityStatus,
  DimensionScore,
  EntityScore,
  EvidenceItem,
  LevelCoverage,
  SubDimensionScore,
} from './types';

export interface ScoreInput {
  model: DsommModel;
  evidence: EvidenceItem[];
  /** Ids of activities that do not apply to the entity. */
  notApplicable?: Iterable<string>;
  now: Date;
}

/** True while an evidence item counts: it has no expiry or its expiry is still ahead. */
export function isEvidenceValid(item: EvidenceItem, now: Date): boolean {
  if (item.expiresAt === undefined) return true;
  const expires = Date.parse(item.expiresAt);
  // An unreadable expiry cannot prove the evidence is current.
  return !Number.isNaN(expires) && expires > now.getTime();
}

/**
 * Scores one entity against a model. Pure: the same input always gives the same score.
 * Evidence for activities the model does not have is ignored (callers report it as a warning).
 */
export function scoreEntity(input: ScoreInput): EntityScore {
  const { model, now } = input;
  const index = indexModel(model);
  const notApplicable = new Set(input.notApplicable ?? []);

  const evidenceByActivity = new Map<string, EvidenceItem[]>();
  for (const item of input.evidence) {
    if (!index.byId.has(item.activityId)) continue;
    const list = evidenceByActivity.get(item.activityId);
    if (list) list.push(item);
    else evidenceByActivity.set(item.activityId, [item]);
  }

  const statusById = new Map<string, ActivityStatus>();
  const activities: ActivityScore[] = model.activities.map(activity => {
    const evidence = sortEvidence(
      evidenceByActivity.get(activity.id) ?? [],
      now,
    );
    let status: ActivityStatus;
    if (notApplicable.has(activity.id)) status = 'not-applicable';
    else if (evidence.length === 0) status = 'missing';
    else if (isEvidenceValid(evidence[0], now)) status = 'implemented';
    else status = 'stale';
    statusById.set(activity.id, status);
    return { activityId: activity.id, level: activity.level, status, evidence };
  });

  let weighted = 0;
  let weightedImplemented = 0;
  for (const activity of activities) {
    if (activity.status === 'not-applicable') continue;
    weighted += activity.level;
    if (activity.status === 'implemented') {
      weightedImplemented += activity.level;
    }
  }

  const dimensions: DimensionScore[] = model.dimensions.map(dimension => {
    const subDimensions = dimension.subDimensions.map(
      (sub): SubDimensionScore => {
        const coverage = LEVELS.map(
          (level): LevelCoverage => ({ level, implemented: 0, applicable: 0 }),
        );
        for (const id of sub.activityIds) {
          const status = statusById.get(id)!;
          if (status === 'not-applicable') continue;
          const cell = coverage[index.byId.get(id)!.level - 1];
          cell.applicable += 1;
          if (status === 'implemented') cell.implemented += 1;
        }
        return {
          dimension: dimension.name,
          subDimension: sub.name,
          level: achievedLevel(coverage),
          coverage,
        };
      },
    );
    return {
      dimension: dimension.name,
      level: lowest(subDimensions.map(s => s.level)),
      subDimensions,
    };
  });

  return {
    overallLevel: lowest(dimensions.map(d => d.level)),
    // With nothing applicable there is nothing left undone.
    score:
      weighted === 0
        ? 100
        : Math.round((1000 * weightedImplemented) / weighted) / 10,
    dimensions,
    activities,
  };
}

/** The highest level L such that every applicable activity of level <= L is implemented. */
export function achievedLevel(coverage: LevelCoverage[]): AchievedLevel {
  let level: AchievedLevel = 0;
  for (const cell of [...coverage].sort((a, b) => a.level - b.level)) {
    if (cell.implemented < cell.applicable) break;
    level = cell.level;
  }
  return level;
}

function lowest(levels: AchievedLevel[]): AchievedLevel {
  // A dimension without sub-dimensions (or a model without dimensions) demands nothing.
  return levels.length === 0 ? 5 : (Math.min(...levels) as AchievedLevel);
}

/** Valid evidence first, then newest observation first, so `[0]` decides the status. */
function sortEvidence(items: EvidenceItem[], now: Date): EvidenceItem[] {
  if (items.length <= 1) return items;
  return [...items].sort((a, b) => {
    const validity =
      Number(isEvidenceValid(b, now)) - Number(isEvidenceValid(a, now));
    if (validity !== 0) return validity;
    return (Date.parse(b.observedAt) || 0) - (Date.parse(a.observedAt) || 0);
  });
}
