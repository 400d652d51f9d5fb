import {
  Activity,
  ActivityReferences,
  ActivityStatus,
  ActivityTexts,
  Attestation,
  DsommModel,
  EntityScoreResponse,
  EvidenceItem,
  Level,
  ModelResponse,
  ReportNote,
  Waiver,
  activityUrl,
} from '@dsomm/plugin-dsomm-common';

/**
 * Where an activity stands against the component's target: still needed to reach it, beyond it
 * (not implemented, but above the target level), or neither (implemented or not applicable).
 */
export type TargetRelation = 'needed' | 'beyond' | 'none';

/** One activity as the entity page shows it: model facts joined with the entity's status. */
export interface ActivityRow {
  id: string;
  /** The slug used in the `dsomm.owasp.org/implemented` annotation. */
  key: string;
  name: string;
  /** The activity's page on the DSOMM site. */
  url: string;
  level: Level;
  dimension: string;
  subDimension: string;
  status: ActivityStatus;
  target: TargetRelation;
  tools: string[];
  references?: ActivityReferences;
  texts?: ActivityTexts;
  /** Annotations whose presence proves the activity, by the portal's rules. */
  proofAnnotations: string[];
  /** Report categories that prove it; undefined when the model answer has no rules. */
  proofCategories?: string[];
  evidence: EvidenceItem[];
  notes: ReportNote[];
  attestations: Attestation[];
  waivers: Waiver[];
}

/** Activity facts the page shows; activities the model lacks get their id as name and key. */
export interface ActivityFacts {
  key: string;
  name: string;
  url: string;
  dimension: string;
  subDimension: string;
  tools: string[];
  references?: ActivityReferences;
  texts?: ActivityTexts;
}

/** Looks up activity facts by id. */
export function activityLookup(model: DsommModel | undefined) {
  const byId = new Map<string, Activity>(
    (model?.activities ?? []).map(a => [a.id, a]),
  );
  return (id: string): ActivityFacts => {
    const activity = byId.get(id);
    return {
      key: activity?.key ?? id,
      name: activity?.name ?? id,
      url: activity?.url ?? activityUrl(id),
      dimension: activity?.dimension ?? 'Unknown',
      subDimension: activity?.subDimension ?? 'Unknown',
      tools: activity?.tools ?? [],
      references: activity?.references,
      texts: activity?.texts,
    };
  };
}

/** Ids of the activities the component still needs for its target, from the score's gap. */
export function neededForTarget(score: EntityScoreResponse): Set<string> {
  return new Set(score.gap.dimensions.flatMap(d => d.missingActivityIds));
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

/** Ids of activities -> annotations and report categories that prove them. */
function proofsById(model: ModelResponse | undefined) {
  const annotations = new Map<string, string[]>();
  const categories = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, id: string, value: string) =>
    map.set(id, [...(map.get(id) ?? []), value]);
  for (const rule of model?.evidenceRules?.annotations ?? []) {
    for (const id of rule.activityIds) add(annotations, id, rule.annotation);
  }
  for (const [category, ids] of Object.entries(
    model?.evidenceRules?.reports ?? {},
  )) {
    for (const id of ids) add(categories, id, category);
  }
  return { annotations, categories, known: !!model?.evidenceRules };
}

/** Every activity of the score, in model order (dimension, sub-dimension, level, name). */
export function activityRows(
  score: EntityScoreResponse,
  model: ModelResponse | undefined,
): ActivityRow[] {
  const lookup = activityLookup(model);
  const proofs = proofsById(model);
  const notes = groupBy(score.activityNotes ?? []);
  const attestations = groupBy(score.attestations ?? []);
  const waivers = groupBy(score.waivers ?? []);
  const needed = neededForTarget(score);
  return score.activities.map(activity => {
    const facts = lookup(activity.activityId);
    const open = activity.status === 'missing' || activity.status === 'stale';
    let target: TargetRelation = 'none';
    if (needed.has(activity.activityId)) target = 'needed';
    else if (open) target = 'beyond';
    return {
      ...facts,
      id: activity.activityId,
      level: activity.level,
      status: activity.status,
      target,
      proofAnnotations: proofs.annotations.get(activity.activityId) ?? [],
      proofCategories: proofs.known
        ? proofs.categories.get(activity.activityId) ?? []
        : undefined,
      evidence: activity.evidence,
      notes: notes.get(activity.activityId) ?? [],
      attestations: attestations.get(activity.activityId) ?? [],
      waivers: waivers.get(activity.activityId) ?? [],
    };
  });
}
