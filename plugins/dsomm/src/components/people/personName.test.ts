import { displayNameOf, nameFromRef, userRefKey } from './personName';

describe('personName', () => {
  it('prefers the profile display name, then the title, then the name', () => {
    const base = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'alice', title: 'A. Example' },
    };
    expect(
      displayNameOf({ ...base, spec: { profile: { displayName: 'Alice' } } }),
    ).toBe('Alice');
    expect(
      displayNameOf({ ...base, spec: { profile: { displayName: '  ' } } }),
    ).toBe('A. Example');
    expect(displayNameOf({ ...base, metadata: { name: 'alice' } })).toBe(
      'alice',
    );
  });

  it('knows User refs from other refs and texts', () => {
    expect(userRefKey('user:default/Alice')).toBe('user:default/alice');
    expect(userRefKey('User:team/bob')).toBe('user:team/bob');
    expect(userRefKey('plugin:dsomm')).toBeUndefined();
    expect(userRefKey('group:default/team-a')).toBeUndefined();
    expect(nameFromRef('user:default/alice')).toBe('alice');
    expect(nameFromRef('')).toBe('');
  });
});
