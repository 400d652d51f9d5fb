import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  CAMPAIGN_SCOPE_KEYS,
  CampaignGoal,
  CampaignInput,
  CampaignPatch,
  CampaignScope,
  DsommModel,
  Level,
  indexModel,
} from '@dsomm/plugin-dsomm-common';
import { isoDate } from '../service/validation';

// What a campaign body may hold, checked here rather than only in the spec: a goal is one of
// three forms and names the model's dimensions and activities, which a schema cannot know.

export const MAX_NAME_CHARS = 200;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function name(value: unknown): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length < 1 || text.length > MAX_NAME_CHARS) {
    throw new InputError(
      `body.name: must be 1 to ${MAX_NAME_CHARS} characters of text`,
    );
  }
  return text;
}

/** A full, lower-case entity ref (the scorecard stores refs so); `kind` if none is given. */
function ref(value: unknown, kind: string, label: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(`${label}: must be an entity ref`);
  }
  try {
    return stringifyEntityRef(
      parseEntityRef(value.trim(), {
        defaultKind: kind,
        defaultNamespace: 'default',
      }),
    ).toLowerCase();
  } catch (error) {
    throw new InputError(`${label}: ${(error as Error).message}`);
  }
}

const REF_KINDS: Partial<Record<string, string>> = {
  owner: 'group',
  system: 'system',
  domain: 'domain',
};

/** Scope filters: only the scorecard's tier, owner, system, domain and lifecycle, as lists. */
export function readScope(value: unknown): CampaignScope {
  if (!isObject(value)) {
    throw new InputError('body.scope: must be an object of filters');
  }
  const scope: CampaignScope = {};
  for (const [key, raw] of Object.entries(value)) {
    if (!(CAMPAIGN_SCOPE_KEYS as readonly string[]).includes(key)) {
      throw new InputError(
        `body.scope.${key}: unknown filter; use ${CAMPAIGN_SCOPE_KEYS.join(
          ', ',
        )}`,
      );
    }
    const list = [raw].flat();
    if (
      list.length === 0 ||
      !list.every(v => typeof v === 'string' && v.trim() !== '')
    ) {
      throw new InputError(
        `body.scope.${key}: must be a non-empty list of non-empty strings`,
      );
    }
    const kind = REF_KINDS[key];
    const values = (list as string[]).map((v, i) =>
      kind ? ref(v, kind, `body.scope.${key}[${i}]`) : v.trim(),
    );
    scope[key as keyof CampaignScope] = [...new Set(values)];
  }
  return scope;
}

function level(value: unknown, label: string): Level {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 1 ||
    value > 5
  ) {
    throw new InputError(`${label}: must be a level from 1 to 5`);
  }
  return value as Level;
}

/**
 * The name of the dimension, or else the sub-dimension, that `key` names (by name or key, any
 * case). A sub-dimension name two dimensions share is ambiguous: refused, naming both.
 */
function dimensionOrSub(model: DsommModel, key: string): string | undefined {
  const lower = key.trim().toLowerCase();
  const named = (d: { name: string; key: string }) =>
    d.name.toLowerCase() === lower || d.key === lower;
  const dimension = model.dimensions.find(named);
  if (dimension) return dimension.name;
  const subs = model.dimensions.flatMap(d =>
    d.subDimensions.filter(named).map(s => ({ ...s, dimension: d.name })),
  );
  if (subs.length > 1) {
    throw new InputError(
      `body.goal.dimensions: "${key}" is a sub-dimension of ${subs
        .map(s => s.dimension)
        .join(' and ')}; a goal cannot tell them apart`,
    );
  }
  return subs[0]?.name;
}

/**
 * Exactly one of `{level}`, `{dimensions: {<dimension or sub-dimension, name or key>: level}}`
 * or `{activities: [key or id]}`; (sub-)dimensions are stored by name and activities by id.
 */
export function readGoal(value: unknown, model: DsommModel): CampaignGoal {
  const forms = isObject(value)
    ? Object.keys(value).filter(k =>
        ['level', 'dimensions', 'activities'].includes(k),
      )
    : [];
  if (
    !isObject(value) ||
    forms.length !== 1 ||
    Object.keys(value).length !== 1
  ) {
    throw new InputError(
      'body.goal: must have exactly one of level, dimensions or activities',
    );
  }
  if (forms[0] === 'level')
    return { level: level(value.level, 'body.goal.level') };
  if (forms[0] === 'dimensions') {
    const wanted = value.dimensions;
    if (!isObject(wanted) || Object.keys(wanted).length === 0) {
      throw new InputError(
        'body.goal.dimensions: must map at least one dimension to a level',
      );
    }
    const dimensions: Record<string, Level> = {};
    const unknown: string[] = [];
    for (const [key, lvl] of Object.entries(wanted)) {
      const found = dimensionOrSub(model, key);
      if (found) {
        dimensions[found] = level(lvl, `body.goal.dimensions.${key}`);
      } else {
        unknown.push(`"${key}"`);
      }
    }
    if (unknown.length > 0) {
      throw new InputError(
        `body.goal.dimensions: unknown dimensions or sub-dimensions ${unknown.join(
          ', ',
        )}; the model has dimensions ${model.dimensions
          .map(d => d.name)
          .join(', ')} and sub-dimensions ${model.dimensions
          .flatMap(d => d.subDimensions.map(s => s.name))
          .join(', ')}`,
      );
    }
    return { dimensions };
  }
  const list = value.activities;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    !list.every(v => typeof v === 'string')
  ) {
    throw new InputError(
      'body.goal.activities: must be a non-empty list of activity keys or ids',
    );
  }
  const index = indexModel(model);
  const unknown = list.filter(v => !index.resolve(v));
  if (unknown.length > 0) {
    throw new InputError(
      `body.goal.activities: unknown activities ${unknown
        .map(v => `"${v}"`)
        .join(', ')}`,
    );
  }
  return { activities: [...new Set(list.map(v => index.resolve(v)!.id))] };
}

function date(value: unknown, label: string): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw new InputError(`${label}: must be an ISO 8601 date or date-time`);
  }
  return isoDate(value, label);
}

function deadlineAfterStart(start: string, deadline: string): void {
  if (Date.parse(deadline) <= Date.parse(start)) {
    throw new InputError(`body.deadline: must be after the start (${start})`);
  }
}

const INPUT_FIELDS = ['name', 'owner', 'scope', 'goal', 'start', 'deadline'];
const PATCH_FIELDS = ['name', 'owner', 'scope', 'goal', 'deadline', 'archived'];

function onlyFields(body: Record<string, unknown>, allowed: string[]): void {
  const extra = Object.keys(body).find(k => !allowed.includes(k));
  if (extra !== undefined) {
    throw new InputError(
      `body.${extra}: unknown field; use ${allowed.join(', ')}`,
    );
  }
}

/** A new campaign's body, normalised; `now` is the start when none is given. */
export function readCampaignInput(
  body: unknown,
  model: DsommModel,
  now: Date,
): Required<CampaignInput> {
  if (!isObject(body)) throw new InputError('body: must be a JSON object');
  onlyFields(body, INPUT_FIELDS);
  for (const field of ['name', 'owner', 'scope', 'goal', 'deadline']) {
    if (body[field] === undefined) {
      throw new InputError(`body.${field}: is required`);
    }
  }
  const start =
    body.start === undefined
      ? now.toISOString()
      : date(body.start, 'body.start');
  const deadline = date(body.deadline, 'body.deadline');
  deadlineAfterStart(start, deadline);
  return {
    name: name(body.name),
    owner: ref(body.owner, 'group', 'body.owner'),
    scope: readScope(body.scope),
    goal: readGoal(body.goal, model),
    start,
    deadline,
  };
}

/** A change's body, normalised; `start` is the campaign's, for the deadline check. */
export function readCampaignPatch(
  body: unknown,
  model: DsommModel,
  start: string,
): CampaignPatch {
  if (!isObject(body)) throw new InputError('body: must be a JSON object');
  onlyFields(body, PATCH_FIELDS);
  if (Object.keys(body).length === 0) {
    throw new InputError(`body: must change one of ${PATCH_FIELDS.join(', ')}`);
  }
  const patch: CampaignPatch = {};
  if (body.name !== undefined) patch.name = name(body.name);
  if (body.owner !== undefined)
    patch.owner = ref(body.owner, 'group', 'body.owner');
  if (body.scope !== undefined) patch.scope = readScope(body.scope);
  if (body.goal !== undefined) patch.goal = readGoal(body.goal, model);
  if (body.deadline !== undefined) {
    patch.deadline = date(body.deadline, 'body.deadline');
    deadlineAfterStart(start, patch.deadline);
  }
  if (body.archived !== undefined) {
    if (typeof body.archived !== 'boolean') {
      throw new InputError('body.archived: must be true or false');
    }
    patch.archived = body.archived;
  }
  return patch;
}
