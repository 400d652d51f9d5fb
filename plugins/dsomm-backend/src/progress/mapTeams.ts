import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** The annotation naming the DSOMM team a Group is, when its title or name is not. */
export const DSOMM_TEAM_ANNOTATION = 'dsomm.owasp.org/team';

/** What of a catalog Group the team mapping looks at. */
export interface GroupForMapping {
  /** Full, lower-case ref, e.g. `group:default/team-a`. */
  ref: string;
  name: string;
  title?: string;
  /** The `dsomm.owasp.org/team` annotation. */
  team?: string;
}

export interface TeamMatches {
  /** DSOMM team name -> group ref. */
  matched: Map<string, string>;
  unmatched: { team: string; reason: string }[];
}

const MAX_MAPPINGS = 500;
const NAME_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;

/**
 * The `team=<DSOMM team name>=<group ref>` query values as team -> lower-case group ref. The
 * ref follows the last `=`, as team names may hold one and refs may not.
 */
export function parseTeamMappings(values: string[]): Map<string, string> {
  if (values.length > MAX_MAPPINGS) {
    throw new InputError(`team: at most ${MAX_MAPPINGS} mappings`);
  }
  const result = new Map<string, string>();
  for (const value of values) {
    const at = value.lastIndexOf('=');
    const team = at > 0 ? value.slice(0, at) : '';
    const refText = at > 0 ? value.slice(at + 1) : '';
    if (!team.trim() || !refText.trim()) {
      throw new InputError(
        `team: "${value}" must be <DSOMM team name>=<group ref>, e.g. Team A=group:default/team-a`,
      );
    }
    const ref = parseGroupRef(refText.trim(), `team: "${value}"`);
    const earlier = result.get(team);
    if (earlier !== undefined && earlier !== ref) {
      throw new InputError(
        `team: "${team}" is mapped twice, to ${earlier} and ${ref}`,
      );
    }
    result.set(team, ref);
  }
  return result;
}

/**
 * A Group ref (kind and namespace defaulting to `group` and `default`) in lower case; throws
 * an InputError starting with `label` for anything else.
 */
export function parseGroupRef(value: string, label: string): string {
  let ref: string;
  try {
    const parsed = parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
    if (!NAME_PART.test(parsed.namespace) || !NAME_PART.test(parsed.name)) {
      throw new Error(`"${value}" is not a valid entity ref`);
    }
    ref = stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
  } catch (error) {
    throw new InputError(`${label}: ${(error as Error).message}`);
  }
  if (!ref.startsWith('group:')) {
    throw new InputError(`${label} must name a Group, not ${ref}`);
  }
  return ref;
}

const fold = (value: string) => value.trim().toLocaleLowerCase('en-US');

/**
 * Which Group each DSOMM team is: an explicit mapping, else the group whose
 * `dsomm.owasp.org/team` annotation is the team name, else whose title is, else whose name
 * is, else whose full ref is (the export writes refs for groups whose names collide); names
 * compared ignoring case and surrounding space. A team that two groups claim at the same
 * step is not guessed: it is reported unmatched with both refs.
 */
export function matchTeams(
  teams: string[],
  groups: GroupForMapping[],
  explicit: Map<string, string>,
): TeamMatches {
  const steps: ((g: GroupForMapping) => string | undefined)[] = [
    g => g.team,
    g => g.title,
    g => g.name,
    g => g.ref,
  ];
  const indexes = steps.map(step => {
    const index = new Map<string, string[]>();
    for (const group of groups) {
      const value = step(group);
      if (value === undefined || value.trim() === '') continue;
      const list = index.get(fold(value));
      if (list) list.push(group.ref);
      else index.set(fold(value), [group.ref]);
    }
    return index;
  });
  const matched = new Map<string, string>();
  const unmatched: TeamMatches['unmatched'] = [];
  for (const team of teams) {
    const mapped = explicit.get(team);
    if (mapped !== undefined) {
      matched.set(team, mapped);
      continue;
    }
    const refs = indexes
      .map(index => index.get(fold(team)))
      .find(list => list !== undefined);
    if (!refs) {
      unmatched.push({
        team,
        reason: `no Group has the ${DSOMM_TEAM_ANNOTATION} annotation, title or name "${team}"; map it with team=${team}=<group ref>`,
      });
    } else if (refs.length > 1) {
      unmatched.push({
        team,
        reason: `several Groups match: ${refs.join(
          ', ',
        )}; map it with team=${team}=<group ref>`,
      });
    } else {
      matched.set(team, refs[0]);
    }
  }
  return { matched, unmatched };
}

/**
 * The DSOMM team name of each group for an export: its annotation, else its title, else its
 * name. Groups whose names would collide are written as their refs, so that every group stays
 * apart and an import maps each back.
 */
export function exportTeamNames(
  groups: GroupForMapping[],
): Map<string, string> {
  const nameOf = (g: GroupForMapping) =>
    [g.team, g.title, g.name].find(v => v !== undefined && v.trim() !== '')!;
  const counts = new Map<string, number>();
  for (const group of groups) {
    const key = fold(nameOf(group));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Map(
    groups.map(group => {
      const name = nameOf(group);
      return [group.ref, counts.get(fold(name))! > 1 ? group.ref : name];
    }),
  );
}
