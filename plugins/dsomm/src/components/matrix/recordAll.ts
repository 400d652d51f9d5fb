import { errorMessage } from '../entity/format';

/** What recording several activities achieved: those recorded, and the first failure. */
export interface RecordAllResult {
  recorded: string[];
  failed?: { activityId: string; message: string };
}

/**
 * Records activities one after the other, stopping at the first failure: one request at a
 * time keeps the backend's per-user limits happy, and stopping tells the user exactly which
 * ones are still to do.
 */
export async function recordAll(
  activityIds: string[],
  record: (activityId: string) => Promise<unknown>,
): Promise<RecordAllResult> {
  const recorded: string[] = [];
  for (const activityId of activityIds) {
    try {
      await record(activityId);
    } catch (e) {
      return { recorded, failed: { activityId, message: errorMessage(e) } };
    }
    recorded.push(activityId);
  }
  return { recorded };
}
