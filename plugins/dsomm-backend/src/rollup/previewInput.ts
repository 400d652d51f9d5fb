import { InputError } from '@backstage/errors';
import {
  DsommModel,
  SCOPE_PREVIEW_STATUSES,
  ScopePreviewRequest,
  indexModel,
} from '@dsomm/plugin-dsomm-common';

/** Items of an unknown-activity message named at most; the count says the rest. */
const NAMED_AT_MOST = 20;

/**
 * The body of a scope preview, checked: `activities` a non-empty list of known activity ids
 * or keys (resolved to ids, duplicates once), at most as many as the model has, and
 * `status` one of `SCOPE_PREVIEW_STATUSES`.
 */
export function readPreviewInput(
  body: unknown,
  model: DsommModel,
): ScopePreviewRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError('body: must be a JSON object');
  }
  const fields = body as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (key !== 'activities' && key !== 'status') {
      throw new InputError(
        `body.${key}: unknown field; expected activities, status`,
      );
    }
  }
  const status = fields.status;
  if (
    typeof status !== 'string' ||
    !(SCOPE_PREVIEW_STATUSES as readonly string[]).includes(status)
  ) {
    throw new InputError(
      `body.status: must be one of ${SCOPE_PREVIEW_STATUSES.join(', ')}`,
    );
  }
  const list = fields.activities;
  if (!Array.isArray(list) || list.length === 0) {
    throw new InputError(
      'body.activities: must be a non-empty list of activity ids',
    );
  }
  const max = model.activities.length;
  if (list.length > max) {
    throw new InputError(
      `body.activities: must list at most ${max} activities; got ${list.length}`,
    );
  }
  const index = indexModel(model);
  const ids = new Set<string>();
  const unknown: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string' || item.length === 0 || item.length > 200) {
      throw new InputError(
        'body.activities: every item must be an activity id of 1-200 characters',
      );
    }
    const activity = index.resolve(item);
    if (activity) ids.add(activity.id);
    else unknown.push(item);
  }
  if (unknown.length > 0) {
    const named = unknown
      .slice(0, NAMED_AT_MOST)
      .map(id => JSON.stringify(id))
      .join(', ');
    const more =
      unknown.length > NAMED_AT_MOST
        ? ` and ${unknown.length - NAMED_AT_MOST} more`
        : '';
    throw new InputError(
      `body.activities: unknown activit${
        unknown.length === 1 ? 'y' : 'ies'
      } ${named}${more}`,
    );
  }
  return {
    activities: [...ids],
    status: status as ScopePreviewRequest['status'],
  };
}
