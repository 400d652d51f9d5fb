import { InputError } from '@backstage/errors';
import {
  GroupForMapping,
  exportTeamNames,
  matchTeams,
  parseTeamMappings,
} from './mapTeams';

const groups: GroupForMapping[] = [
  { ref: 'group:default/team-a', name: 'team-a', title: 'Team A' },
  {
    ref: 'group:default/payments',
    name: 'payments',
    title: 'Payments Team',
    team: 'Team B',
  },
  { ref: 'group:default/team-c', name: 'team-c' },
  { ref: 'group:ops/platform', name: 'platform', title: 'Platform' },
  { ref: 'group:dev/platform', name: 'platform', title: 'Platform' },
];

describe('matchTeams', () => {
  it('maps explicitly, else by annotation, title, name, ref; ignoring case and space', () => {
    const { matched, unmatched } = matchTeams(
      [
        'Team A',
        'team b',
        ' TEAM-C ',
        'Mapped',
        'group:ops/platform',
        'Nobody',
      ],
      groups,
      new Map([['Mapped', 'group:default/team-c']]),
    );
    expect(Object.fromEntries(matched)).toEqual({
      'Team A': 'group:default/team-a',
      'team b': 'group:default/payments',
      ' TEAM-C ': 'group:default/team-c',
      Mapped: 'group:default/team-c',
      'group:ops/platform': 'group:ops/platform',
    });
    expect(unmatched).toEqual([
      {
        team: 'Nobody',
        reason: expect.stringContaining(
          'no Group has the dsomm.owasp.org/team annotation, title or name "Nobody"',
        ),
      },
    ]);
  });

  it('prefers the annotation over another group titled the same', () => {
    const { matched } = matchTeams(
      ['Team A'],
      [...groups, { ref: 'group:default/x', name: 'x', team: 'team a' }],
      new Map(),
    );
    expect(matched.get('Team A')).toBe('group:default/x');
  });

  it('does not guess between two groups', () => {
    const { matched, unmatched } = matchTeams(['Platform'], groups, new Map());
    expect(matched.size).toBe(0);
    expect(unmatched[0].reason).toContain(
      'several Groups match: group:ops/platform, group:dev/platform',
    );
  });
});

describe('parseTeamMappings', () => {
  it('reads team=ref pairs, the ref after the last =', () => {
    expect(
      Object.fromEntries(
        parseTeamMappings([
          'Team A=group:default/Team-A',
          'a=b=payments',
          'Ops=group:ops/platform',
        ]),
      ),
    ).toEqual({
      'Team A': 'group:default/team-a',
      'a=b': 'group:default/payments',
      Ops: 'group:ops/platform',
    });
  });

  it('refuses malformed values, other kinds and conflicting mappings', () => {
    for (const [values, message] of [
      [['Team A'], 'must be <DSOMM team name>=<group ref>'],
      [['=group:default/a'], 'must be <DSOMM team name>=<group ref>'],
      [['Team A='], 'must be <DSOMM team name>=<group ref>'],
      [['Team A=user:default/bob'], 'must name a Group, not user:default/bob'],
      [['T=group:a/b/c'], 'team: "T=group:a/b/c"'],
      [['T=group:default/a', 'T=group:default/b'], 'is mapped twice'],
    ] as const) {
      expect(() => parseTeamMappings([...values])).toThrow(InputError);
      expect(() => parseTeamMappings([...values])).toThrow(message);
    }
    expect(() =>
      parseTeamMappings(Array.from({ length: 501 }, (_, i) => `t${i}=g`)),
    ).toThrow('team: at most 500 mappings');
  });
});

describe('exportTeamNames', () => {
  it('names a team by annotation, title, name; colliding names by ref', () => {
    expect(Object.fromEntries(exportTeamNames(groups))).toEqual({
      'group:default/team-a': 'Team A',
      'group:default/payments': 'Team B',
      'group:default/team-c': 'team-c',
      'group:ops/platform': 'group:ops/platform',
      'group:dev/platform': 'group:dev/platform',
    });
  });

  it('maps every exported name back to its group', () => {
    const names = exportTeamNames(groups);
    const { matched, unmatched } = matchTeams(
      [...names.values()],
      groups,
      new Map(),
    );
    expect(unmatched).toEqual([]);
    for (const [ref, name] of names) expect(matched.get(name)).toBe(ref);
  });
});
