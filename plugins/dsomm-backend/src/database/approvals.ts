import { Knex } from 'knex';
import { forgetInputs } from './inputDigests';
import { AuditEntry, PendingApproval } from '@dsomm/plugin-dsomm-common';
import { appendAudit } from './audit';

/** The kinds of record that can wait for approval. */
export type ApprovalRecordType = AuditEntry['recordType'];

/** The table of each kind (attestations are evidence rows of source `attestation`). */
export function recordTable(
  recordType: ApprovalRecordType,
): [string, Record<string, string>] {
  return recordType === 'attestation'
    ? ['dsomm_evidence', { source: 'attestation' }]
    : ['dsomm_waivers', {}];
}

/** A decision on one pending record. */
export interface Decision {
  recordType: ApprovalRecordType;
  id: string;
  entityRef: string;
  approve: boolean;
  by: string;
  at: string;
  reason?: string;
}

/** What a decision came to: the record is decided, or why not. */
export type DecisionOutcome =
  | { outcome: 'decided'; activityId: string }
  | { outcome: 'missing' }
  | { outcome: 'own-request' }
  | { outcome: 'not-pending'; status: string }
  | { outcome: 'expired'; expiresAt: string };

/**
 * Approves or denies a pending record and appends its `approve` or `deny` audit entry, in one
 * transaction. The requester never decides their own request; of two decisions at once, one
 * changes the row and the other finds it no longer pending (PostgreSQL re-checks the
 * condition of the update once the first commits).
 */
export async function decideRecord(
  knex: Knex,
  d: Decision,
): Promise<DecisionOutcome> {
  const [table, match] = recordTable(d.recordType);
  const requesterColumn =
    d.recordType === 'attestation' ? 'created_by' : 'granted_by';
  return knex.transaction(async tx => {
    const record = () =>
      tx(table)
        .where({ id: d.id, entity_ref: d.entityRef, ...match })
        .whereNull('revoked_at');
    const row = await record().first(
      'activity_id',
      'status',
      'expires_at',
      `${requesterColumn} as requester`,
    );
    if (!row) return { outcome: 'missing' };
    if (row.requester === d.by) return { outcome: 'own-request' };
    if (row.status !== 'pending') {
      return { outcome: 'not-pending', status: row.status };
    }
    // Approving what has already expired would record evidence that never counted.
    if (
      d.approve &&
      row.expires_at &&
      Date.parse(row.expires_at) <= Date.parse(d.at)
    ) {
      return { outcome: 'expired', expiresAt: row.expires_at };
    }
    const changed = await record()
      .where({ status: 'pending' })
      .update({
        status: d.approve ? 'approved' : 'denied',
        decided_by: d.by,
        decided_at: d.at,
        decision_reason: d.reason ?? null,
      });
    if (changed === 0) return { outcome: 'not-pending', status: 'decided' };
    await forgetInputs(tx, d.entityRef);
    await appendAudit(tx, [
      {
        at: d.at,
        action: d.approve ? 'approve' : 'deny',
        recordType: d.recordType,
        recordId: d.id,
        entityRef: d.entityRef,
        activityId: row.activity_id,
        actor: d.by,
        reason: d.reason,
      },
    ]);
    return { outcome: 'decided', activityId: row.activity_id };
  });
}

/** Pending waivers and attestations (not revoked), oldest first, optionally of some entities. */
export async function pendingRecords(
  knex: Knex,
  entityRefs?: string[],
): Promise<PendingApproval[]> {
  const scoped = (q: Knex.QueryBuilder) =>
    entityRefs ? q.whereIn('entity_ref', entityRefs) : q;
  const [attestations, waivers] = await Promise.all([
    scoped(
      knex('dsomm_evidence')
        .where({ source: 'attestation', status: 'pending' })
        .whereNull('revoked_at'),
    ).select(
      'id',
      'entity_ref',
      'activity_id',
      'details',
      'created_by',
      'observed_at',
      'expires_at',
    ),
    scoped(
      knex('dsomm_waivers')
        .where({ status: 'pending' })
        .whereNull('revoked_at'),
    ).select(
      'id',
      'entity_ref',
      'activity_id',
      'justification',
      'granted_by',
      'granted_at',
      'expires_at',
    ),
  ]);
  const requests: PendingApproval[] = [
    ...attestations.map((r: Record<string, string>) => {
      const details = JSON.parse(r.details);
      return {
        id: r.id,
        kind: 'attestation' as const,
        entityRef: r.entity_ref,
        activityId: r.activity_id,
        requestedBy: r.created_by,
        requestedAt: r.observed_at,
        text: details.summary,
        ...(details.url ? { link: details.url } : {}),
        ...(r.expires_at ? { expiresAt: r.expires_at } : {}),
      };
    }),
    ...waivers.map((r: Record<string, string>) => ({
      id: r.id,
      kind: 'waiver' as const,
      entityRef: r.entity_ref,
      activityId: r.activity_id,
      requestedBy: r.granted_by,
      requestedAt: r.granted_at,
      text: r.justification,
      ...(r.expires_at ? { expiresAt: r.expires_at } : {}),
    })),
  ];
  return requests.sort(
    (a, b) =>
      a.requestedAt.localeCompare(b.requestedAt) || a.id.localeCompare(b.id),
  );
}
