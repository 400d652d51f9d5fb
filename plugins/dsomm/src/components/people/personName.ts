import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** The catalog fields a person's display name comes from: all a lookup needs to fetch. */
export const PERSON_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.profile.displayName',
];

/**
 * The normalised ref of a person (`user:default/alice`), or undefined when the text is not
 * a User ref (e.g. `plugin:dsomm`, the uploader of reports sent with a service token).
 */
export function userRefKey(ref: string): string | undefined {
  try {
    const parsed = parseEntityRef(ref);
    if (parsed.kind.toLocaleLowerCase('en-US') !== 'user') return undefined;
    return stringifyEntityRef(parsed).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/** The name part of a ref: `alice` for `user:default/alice`; the text itself if it is no ref. */
export function nameFromRef(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

/** What to call a User: its profile's display name, else its title, else its name. */
export function displayNameOf(user: Entity): string {
  const profile = (user.spec as { profile?: { displayName?: unknown } })
    ?.profile;
  const displayName =
    typeof profile?.displayName === 'string' ? profile.displayName.trim() : '';
  const title = user.metadata.title?.trim() ?? '';
  return displayName || title || user.metadata.name;
}
