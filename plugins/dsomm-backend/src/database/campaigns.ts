import { Knex } from 'knex';
import { decodeDetail } from './detailCodec';
import { AchievedLevel, Campaign } from '@dsomm/plugin-dsomm-common';
import { ScoreDetailRow, StoredScore } from './rows';
import { Visibility, applyVisibility, whereInList } from './visibilityFilter';

/** A row of `dsomm_campaigns`. */
interface CampaignRow {
  id: string;
  name: string;
  owner: string;
  scope: string;
  goal: string;
  start: string;
  deadline: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

/** One component's levels on one day, from `dsomm_score_history`. */
export interface CampaignHistoryRow {
  entityRef: string;
  day: string;
  overallLevel: AchievedLevel;
  dimensionLevels: Record<string, AchievedLevel>;
}

function toRow(c: Campaign): CampaignRow {
  return {
    id: c.id,
    name: c.name,
    owner: c.owner,
    scope: JSON.stringify(c.scope),
    goal: JSON.stringify(c.goal),
    start: c.start,
    deadline: c.deadline,
    created_by: c.createdBy,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    archived_at: c.archivedAt ?? null,
  };
}

function fromRow(r: CampaignRow): Campaign {
  return {
    id: r.id,
    name: r.name,
    owner: r.owner,
    scope: JSON.parse(r.scope),
    goal: JSON.parse(r.goal),
    start: r.start,
    deadline: r.deadline,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(r.archived_at ? { archivedAt: r.archived_at } : {}),
  };
}

export async function insertCampaign(knex: Knex, c: Campaign): Promise<void> {
  await knex<CampaignRow>('dsomm_campaigns').insert(toRow(c));
}

export async function readCampaign(
  knex: Knex,
  id: string,
): Promise<Campaign | undefined> {
  const row = await knex<CampaignRow>('dsomm_campaigns').where({ id }).first();
  return row ? fromRow(row) : undefined;
}

/** Campaigns by deadline, then name; archived ones only when asked for. */
export async function listCampaigns(
  knex: Knex,
  includeArchived: boolean,
): Promise<Campaign[]> {
  let query = knex<CampaignRow>('dsomm_campaigns');
  if (!includeArchived) query = query.whereNull('archived_at');
  const rows = await query.orderBy([
    { column: 'deadline', order: 'asc' },
    { column: 'name', order: 'asc' },
    { column: 'id', order: 'asc' },
  ]);
  return rows.map(fromRow);
}

/** Replaces a stored campaign by `c.id`; false when there is none. */
export async function replaceCampaign(
  knex: Knex,
  c: Campaign,
): Promise<boolean> {
  const { id, ...rest } = toRow(c);
  const changed = await knex<CampaignRow>('dsomm_campaigns')
    .where({ id })
    .update(rest);
  return changed > 0;
}

/** The stored score details of `refs` (those scored), for activity statuses. */
export async function scoreDetails(
  knex: Knex,
  refs: string[],
): Promise<Map<string, StoredScore>> {
  const details = new Map<string, StoredScore>();
  if (refs.length === 0) return details;
  const query = knex<ScoreDetailRow>('dsomm_score_details').select(
    'entity_ref',
    'detail',
  );
  whereInList(knex, query, 'entity_ref', refs);
  for (const row of (await query) as ScoreDetailRow[]) {
    details.set(row.entity_ref, decodeDetail(row.detail));
  }
  return details;
}

/**
 * Daily levels since `since` (YYYY-MM-DD) of the components that match `filters` by their
 * current facts and that `visibility` lets the caller read, as the scorecard's trend selects
 * them.
 */
export async function scopeHistory(
  knex: Knex,
  filters: Partial<Record<string, string[]>>,
  visibility: Visibility,
  since: string,
): Promise<CampaignHistoryRow[]> {
  let query = applyVisibility(
    knex,
    knex('dsomm_score_history as h')
      .join('dsomm_scores as s', 's.entity_ref', 'h.entity_ref')
      .where('h.day', '>=', since),
    visibility,
    's.',
  );
  for (const [key, values] of Object.entries(filters)) {
    if (values && values.length > 0) query = query.whereIn(`s.${key}`, values);
  }
  const rows: {
    entity_ref: string;
    day: string;
    overall_level: number;
    dimension_levels: string;
  }[] = await query
    .orderBy('h.day', 'asc')
    .select(
      'h.entity_ref as entity_ref',
      'h.day as day',
      'h.overall_level as overall_level',
      'h.dimension_levels as dimension_levels',
    );
  return rows.map(r => ({
    entityRef: r.entity_ref,
    day: r.day,
    overallLevel: Number(r.overall_level) as AchievedLevel,
    dimensionLevels: JSON.parse(r.dimension_levels),
  }));
}

/** One campaign's counts on one day, as a full recompute left them. */
export interface CampaignSnapshot {
  campaignId: string;
  day: string;
  inScope: number;
  done: number;
}

/**
 * Writes the day's counts of each campaign, replacing any row of the same campaign and day:
 * repeated recomputes and replicas writing the same day leave one row each.
 */
export async function upsertCampaignSnapshots(
  knex: Knex,
  snapshots: CampaignSnapshot[],
  recordedAt: string,
): Promise<void> {
  if (snapshots.length === 0) return;
  await knex('dsomm_campaign_snapshots')
    .insert(
      snapshots.map(s => ({
        campaign_id: s.campaignId,
        day: s.day,
        in_scope: s.inScope,
        done: s.done,
        recorded_at: recordedAt,
      })),
    )
    .onConflict(['campaign_id', 'day'])
    .merge(['in_scope', 'done', 'recorded_at']);
}

/** A campaign's daily counts, oldest day first. */
export async function campaignSnapshots(
  knex: Knex,
  campaignId: string,
): Promise<CampaignSnapshot[]> {
  const rows: {
    campaign_id: string;
    day: string;
    in_scope: number;
    done: number;
  }[] = await knex('dsomm_campaign_snapshots')
    .where({ campaign_id: campaignId })
    .orderBy('day', 'asc')
    .select('campaign_id', 'day', 'in_scope', 'done');
  return rows.map(r => ({
    campaignId: r.campaign_id,
    day: r.day,
    inScope: Number(r.in_scope),
    done: Number(r.done),
  }));
}
