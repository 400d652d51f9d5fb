import { parseTeamProgress } from './parseTeamProgress';
import {
  formatProgressDate,
  teamProgressYaml,
  toTeamProgress,
} from './serialiseTeamProgress';

const STATES = ['Planned', 'Started', 'Implemented'];

describe('toTeamProgress', () => {
  it('groups by activity, team and state in a stable order, keeping the later date', () => {
    const doc = toTeamProgress(
      [
        {
          team: 'Team B',
          activityId: 'b',
          state: 'Implemented',
          date: '2025-03-01T00:00:00.000Z',
        },
        {
          team: 'Team A',
          activityId: 'b',
          state: 'Started',
          date: '2025-02-01T00:00:00.000Z',
        },
        {
          team: 'Team A',
          activityId: 'b',
          state: 'Planned',
          date: '2025-01-01T00:00:00.000Z',
        },
        {
          team: 'Team A',
          activityId: 'a',
          state: 'Implemented',
          date: '2025-04-01T09:15:00.000Z',
        },
        {
          team: 'Team A',
          activityId: 'a',
          state: 'Implemented',
          date: '2025-04-02T00:00:00.000Z',
        },
      ],
      STATES,
    );
    expect(doc).toEqual({
      progress: {
        a: { 'Team A': { Implemented: '2025-04-02' } },
        b: {
          'Team A': { Planned: '2025-01-01', Started: '2025-02-01' },
          'Team B': { Implemented: '2025-03-01' },
        },
      },
    });
    expect(Object.keys(doc.progress)).toEqual(['a', 'b']);
    expect(Object.keys(doc.progress.b['Team A'])).toEqual([
      'Planned',
      'Started',
    ]);
  });

  it('writes midnight UTC as a plain date and other times in full', () => {
    expect(formatProgressDate('2025-01-01T00:00:00.000Z')).toBe('2025-01-01');
    expect(formatProgressDate('2025-01-01T08:00:00.000Z')).toBe(
      '2025-01-01T08:00:00.000Z',
    );
  });

  it('writes YAML that reads back to the same entries, odd team names included', () => {
    const entries = [
      {
        team: '123',
        activityId: 'f0e01814-3b88-4bd0-a3a9-f91db001d20b-medium',
        state: 'Implemented',
        date: '2025-04-01T09:15:00.000Z',
      },
      {
        team: 'true',
        activityId: 'x',
        state: 'Planned',
        date: '2025-01-01T00:00:00.000Z',
      },
      {
        team: 'Team: "A" #1',
        activityId: 'x',
        state: 'Started',
        date: '2025-01-02T00:00:00.000Z',
      },
      {
        team: '1e3',
        activityId: 'x',
        state: 'Started',
        date: '2025-01-03T00:00:00.000Z',
      },
    ];
    const yaml = teamProgressYaml(toTeamProgress(entries, STATES));
    expect(yaml).toContain('      Planned: 2025-01-01\n');
    const read = parseTeamProgress(yaml, {
      states: STATES,
      now: new Date('2026-01-01'),
    });
    const key = (e: {
      team: string;
      activityId: string;
      state: string;
      date: string;
    }) => `${e.activityId}|${e.team}|${e.state}|${e.date}`;
    expect(read.map(key).sort()).toEqual(entries.map(key).sort());
  });
});
