import {
  CAMPAIGN_SCOPE_KEYS,
  CampaignInput,
  CampaignScope,
  Level,
} from '@dsomm/plugin-dsomm-common';

export type GoalKind = 'level' | 'dimensions' | 'activities';

/** What the create form holds: strings as typed, before they become a campaign. */
export interface CampaignFormState {
  name: string;
  owner: string;
  scope: CampaignScope;
  goalKind: GoalKind;
  /** The overall level, `1`-`5`. */
  level: string;
  /** Level per dimension name; `''` leaves the dimension out. */
  dimensions: Record<string, string>;
  activities: string[];
  /** `YYYY-MM-DD`, or `''` for now. */
  start: string;
  deadline: string;
}

export const EMPTY_FORM: CampaignFormState = {
  name: '',
  owner: '',
  scope: {},
  goalKind: 'level',
  level: '2',
  dimensions: {},
  activities: [],
  start: '',
  deadline: '',
};

/**
 * The request body for the form. Only the parts of the chosen goal kind are sent and empty
 * scope filters are left out; the rest (required fields, dates, unknown names) is the
 * backend's to check, so its 400 names the problem as for any other client.
 */
export function campaignInputOf(form: CampaignFormState): CampaignInput {
  const scope: CampaignScope = {};
  for (const key of CAMPAIGN_SCOPE_KEYS) {
    const values = form.scope[key];
    if (values && values.length > 0) scope[key] = values;
  }
  let goal: CampaignInput['goal'];
  if (form.goalKind === 'level') goal = { level: Number(form.level) as Level };
  else if (form.goalKind === 'dimensions') {
    goal = {
      dimensions: Object.fromEntries(
        Object.entries(form.dimensions)
          .filter(([, level]) => level !== '')
          .map(([dimension, level]) => [dimension, Number(level) as Level]),
      ),
    };
  } else goal = { activities: form.activities };
  return {
    name: form.name.trim(),
    owner: form.owner.trim(),
    scope,
    goal,
    ...(form.start ? { start: form.start } : {}),
    deadline: form.deadline,
  };
}
