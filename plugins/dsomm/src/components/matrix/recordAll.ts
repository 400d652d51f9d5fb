import { errorMessage } from '../entity/format';

/**
 * What recording several activities achieved: those recorded, those of them that wait for a
 * second person's approval before they count, and the first failure.
 */
export interface RecordAllResult {
  recorded: string[];
  pending: string[];
  failed?: { activityId: string; message: string };
}

/**
 * Records activities one after the other, stopping at the first failure: one request at a
 * time keeps the backend's per-user limits happy, and stopping tells the user exactly which
 * ones are still to do.
 */
export async function recordAll(
  activityIds: string[],
  record: (activityId: string) => Promise<{ status?: string } | void>,
): Promise<RecordAllResult> {
  const recorded: string[] = [];
  const pending: string[] = [];
  for (const activityId of activityIds) {
    let created: { status?: string } | void;
    try {
      created = await record(activityId);
    } catch (e) {
      return {
        recorded,
        pending,
        failed: { activityId, message: errorMessage(e) },
      };
    }
    recorded.push(activityId);
    if (created && created.status === 'pending') pending.push(activityId);
  }
  return { recorded, pending };
}
