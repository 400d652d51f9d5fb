import {
  Activity,
  ActivityStatus,
  Attestation,
  DsommModel,
  EntityScoreResponse,
  EvidenceItem,
  Level,
  ReportNote,
  Waiver,
  activityUrl,
} from '@dsomm/plugin-dsomm-common';

/** One activity as the entity page shows it: model facts joined with the entity's status. */
export interface ActivityRow {
  id: string;
  name: string;
  /** The activity's page on the DSOMM site. */
  url: string;
  level: Level;
  dimension: string;
  subDimension: string;
  status: ActivityStatus;
  evidence: EvidenceItem[];
  notes: ReportNote[];
  attestations: Attestation[];
  waivers: Waiver[];
}

/** Looks up activity facts by id; activities the model lacks get their id as name. */
export function activityLookup(model: DsommModel | undefined) {
  const byId = new Map<string, Activity>(
    (model?.activities ?? []).map(a => [a.id, a]),
  );
  return (id: string) => {
    const activity = byId.get(id);
    return {
      name: activity?.name ?? id,
      url: activity?.url ?? activityUrl(id),
      dimension: activity?.dimension ?? 'Unknown',
      subDimension: activity?.subDimension ?? 'Unknown',
    };
  };
}

function groupBy<T extends { activityId: string }>(items: T[]) {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.activityId);
    if (list) list.push(item);
    else map.set(item.activityId, [item]);
  }
  return map;
}

/** Every activity of the score, in model order (dimension, sub-dimension, level, name). */
export function activityRows(
  score: EntityScoreResponse,
  model: DsommModel | undefined,
): ActivityRow[] {
  const lookup = activityLookup(model);
  const notes = groupBy(score.activityNotes ?? []);
  const attestations = groupBy(score.attestations ?? []);
  const waivers = groupBy(score.waivers ?? []);
  return score.activities.map(activity => {
    const facts = lookup(activity.activityId);
    return {
      id: activity.activityId,
      name: facts.name,
      url: facts.url,
      level: activity.level,
      dimension: facts.dimension,
      subDimension: facts.subDimension,
      status: activity.status,
      evidence: activity.evidence,
      notes: notes.get(activity.activityId) ?? [],
      attestations: attestations.get(activity.activityId) ?? [],
      waivers: waivers.get(activity.activityId) ?? [],
    };
  });
}
