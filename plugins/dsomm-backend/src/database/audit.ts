import { Knex } from 'knex';
import { AuditAction, AuditEntry } from '@dsomm/plugin-dsomm-common';

/** A row of `dsomm_audit`. */
interface AuditRow {
  seq?: number;
  at: string;
  action: AuditAction;
  record_type: AuditEntry['recordType'];
  record_id: string;
  entity_ref: string;
  activity_id: string;
  actor: string | null;
  reason: string | null;
  text: string | null;
  expires_at: string | null;
}

function toRow(e: AuditEntry): AuditRow {
  return {
    at: e.at,
    action: e.action,
    record_type: e.recordType,
    record_id: e.recordId,
    entity_ref: e.entityRef,
    activity_id: e.activityId,
    actor: e.actor ?? null,
    reason: e.reason ?? null,
    text: e.text ?? null,
    expires_at: e.expiresAt ?? null,
  };
}

function fromRow(r: AuditRow): AuditEntry {
  return {
    at: r.at,
    action: r.action,
    recordType: r.record_type,
    recordId: r.record_id,
    entityRef: r.entity_ref,
    activityId: r.activity_id,
    ...(r.actor ? { actor: r.actor } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.text ? { text: r.text } : {}),
    ...(r.expires_at ? { expiresAt: r.expires_at } : {}),
  };
}

/** Appends entries; rows are never updated afterwards. */
export async function appendAudit(
  knex: Knex,
  entries: AuditEntry[],
): Promise<void> {
  if (entries.length > 0) {
    await knex<AuditRow>('dsomm_audit').insert(entries.map(toRow));
  }
}

/** Entries newest first, optionally of one entity and since a time. */
export async function readAudit(
  knex: Knex,
  query: { entityRef?: string; since?: string; limit: number },
): Promise<AuditEntry[]> {
  let q = knex<AuditRow>('dsomm_audit');
  if (query.entityRef !== undefined) q = q.where('entity_ref', query.entityRef);
  if (query.since !== undefined) q = q.where('at', '>=', query.since);
  const rows = await q
    .orderBy([
      { column: 'at', order: 'desc' },
      { column: 'seq', order: 'desc' },
    ])
    .limit(query.limit);
  return rows.map(fromRow);
}

/**
 * Appends an `expire` entry for each live attestation and waiver whose expiry has passed by
 * `now` and has none yet. Returns how many were appended.
 */
export async function auditExpiries(knex: Knex, now: Date): Promise<number> {
  // Expiries are ISO dates or date-times with any offset: the text comparison only narrows
  // (a day of margin), the exact one is made on the parsed time.
  const margin = new Date(now.getTime() + 24 * 60 * 60 * 1000).toISOString();
  const passed = (r: { expires_at: string }) =>
    Date.parse(r.expires_at) <= now.getTime();
  const notYet = (table: string, idColumn: string) =>
    knex('dsomm_audit as a')
      .select(knex.raw('1'))
      .where('a.action', 'expire')
      .whereRaw(`a.record_id = ${table}.${idColumn}`);
  const attestations = await knex('dsomm_evidence')
    .where({ source: 'attestation', status: 'approved' })
    .whereNull('revoked_at')
    .whereNotNull('expires_at')
    .where('expires_at', '<=', margin)
    .whereNotExists(notYet('dsomm_evidence', 'id'))
    .select('id', 'entity_ref', 'activity_id', 'expires_at');
  const waivers = await knex('dsomm_waivers')
    .where({ status: 'approved' })
    .whereNull('revoked_at')
    .whereNotNull('expires_at')
    .where('expires_at', '<=', margin)
    .whereNotExists(notYet('dsomm_waivers', 'id'))
    .select('id', 'entity_ref', 'activity_id', 'expires_at');
  const entries: AuditEntry[] = [
    ...attestations.filter(passed).map(r => expired('attestation', r)),
    ...waivers.filter(passed).map(r => expired('waiver', r)),
  ];
  for (let i = 0; i < entries.length; i += 200) {
    await appendAudit(knex, entries.slice(i, i + 200));
  }
  return entries.length;
}

function expired(
  recordType: AuditEntry['recordType'],
  r: {
    id: string;
    entity_ref: string;
    activity_id: string;
    expires_at: string;
  },
): AuditEntry {
  return {
    at: r.expires_at,
    action: 'expire',
    recordType,
    recordId: r.id,
    entityRef: r.entity_ref,
    activityId: r.activity_id,
    expiresAt: r.expires_at,
  };
}

/** Deletes entries older than `before`: the only way rows leave the trail. */
export async function pruneAudit(knex: Knex, before: string): Promise<number> {
  return knex('dsomm_audit').where('at', '<', before).delete();
}
