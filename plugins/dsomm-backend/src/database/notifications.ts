import { createHash } from 'crypto';
import { Knex } from 'knex';
import { NotificationSeverity } from '@backstage/plugin-notifications-common';
import { NotificationEvent, NotificationKind } from '../notifications/events';
import { PendingNotification } from '../notifications/messages';

/** A row of `dsomm_notifications`. */
interface NotificationRow {
  key_hash: string;
  key: string;
  kind: string;
  owner: string;
  entity_ref: string | null;
  text: string;
  link: string;
  severity: string;
  created_at: string;
  claim_id: string | null;
  claimed_at: string | null;
  sent_at: string | null;
}

/** Rows per insert statement: well below SQLite's bound-parameter limit. */
const BATCH = 50;

export function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Records events not recorded before; returns how many were new. The unique key hash makes
 * this insert-if-absent, also between two replicas' transactions at once (the later waits for
 * the earlier, then skips the row).
 */
export async function recordNotifications(
  knex: Knex,
  events: readonly NotificationEvent[],
  at: string,
): Promise<number> {
  const unique = new Map<string, NotificationRow>();
  for (const e of events) {
    const hash = keyHash(e.key);
    unique.set(hash, {
      key_hash: hash,
      key: e.key,
      kind: e.kind,
      owner: e.owner,
      entity_ref: e.entityRef ?? null,
      text: e.text,
      link: e.link,
      severity: e.severity,
      created_at: at,
      claim_id: null,
      claimed_at: null,
      sent_at: null,
    });
  }
  const rows = [...unique.values()];
  let added = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const slice = rows.slice(i, i + BATCH);
    const inserted = await knex<NotificationRow>('dsomm_notifications')
      .insert(slice)
      .onConflict('key_hash')
      .ignore()
      .returning('key_hash');
    added += inserted.length;
  }
  return added;
}

/**
 * Takes the unsent events recorded before `before` for one sender (`claimId`): one statement,
 * so of two replicas claiming at once each event goes to one of them. A claim older than
 * `staleBefore` (its sender stopped before sending) can be taken again.
 */
export async function claimNotifications(
  knex: Knex,
  options: {
    claimId: string;
    at: string;
    before: string;
    staleBefore: string;
  },
): Promise<PendingNotification[]> {
  await knex<NotificationRow>('dsomm_notifications')
    .whereNull('sent_at')
    .where('created_at', '<', options.before)
    .where(q =>
      q.whereNull('claimed_at').orWhere('claimed_at', '<', options.staleBefore),
    )
    .update({ claim_id: options.claimId, claimed_at: options.at });
  const rows: NotificationRow[] = await knex<NotificationRow>(
    'dsomm_notifications',
  )
    .where({ claim_id: options.claimId })
    .whereNull('sent_at')
    .orderBy('key_hash');
  return rows.map(r => ({
    key: r.key,
    kind: r.kind as NotificationKind,
    owner: r.owner,
    ...(r.entity_ref !== null ? { entityRef: r.entity_ref } : {}),
    text: r.text,
    link: r.link,
    severity: r.severity as NotificationSeverity,
    createdAt: r.created_at,
  }));
}

/** Marks claimed events as sent, or (`sentAt` null) gives them back for a later attempt. */
export async function finishNotifications(
  knex: Knex,
  claimId: string,
  keys: readonly string[],
  sentAt: string | null,
): Promise<void> {
  const hashes = keys.map(keyHash);
  for (let i = 0; i < hashes.length; i += BATCH * 5) {
    await knex<NotificationRow>('dsomm_notifications')
      .where({ claim_id: claimId })
      .whereIn('key_hash', hashes.slice(i, i + BATCH * 5))
      .update(
        sentAt ? { sent_at: sentAt } : { claim_id: null, claimed_at: null },
      );
  }
}

/**
 * Deletes events sent before `before` (ISO time) that cannot come again, and returns how many.
 * A row is what keeps an event from being sent twice (insert-if-absent on its key), so only
 * rows whose event cannot recur go: a drop, a fall below target or a campaign event is tied to
 * the moment it happened, and an expiry warning to an expiry that `before` has passed (the
 * retention is longer than the warning days). A finding past its SLA recurs for as long as it
 * stays open, so its row stays while the tracked finding of its key is open.
 */
export async function pruneNotifications(
  knex: Knex,
  before: string,
): Promise<number> {
  const stillOpen = knex('dsomm_finding_lifecycle as l')
    .whereRaw('l.entity_ref = dsomm_notifications.entity_ref')
    .whereNull('l.closed_at')
    // The key slaEvents gives the finding: sla-passed|ref|tool|fingerprint|first seen.
    .whereRaw(
      `dsomm_notifications.key = 'sla-passed|' || l.entity_ref || '|' || l.tool_name || '|' || l.fingerprint || '|' || l.first_seen_at`,
    )
    .select(knex.raw('1'));
  return knex('dsomm_notifications')
    .whereNotNull('sent_at')
    .where('created_at', '<', before)
    .whereNot(q => q.where('kind', 'sla-passed').whereExists(stillOpen))
    .delete();
}
