import { ProgressSyntaxError, UnprocessableProgressError } from './errors';
import {
  keyPath,
  normalizeProgressDate,
  parseTeamProgress,
} from './parseTeamProgress';

const STATES = ['Planned', 'Started', 'Implemented'];
const now = new Date('2026-11-29T12:00:00.000Z');
const parse = (text: string, states = STATES) =>
  parseTeamProgress(text, { states, now });

/** The error `fn` throws; fails the test when it throws none. */
function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('parseTeamProgress', () => {
  it("reads DSOMM app's team-progress.yaml, plain dates as UTC midnight", () => {
    const text = [
      'progress:',
      '  a340f46b-6360-4cb8-847b-a0d3483d09d3:  # Building and testing of artifacts',
      "    'Team A':",
      "      'Planned': 2025-01-01",
      "      'Started': 2025-02-01",
      '    Team D:',
      '      Implemented: 2025-05-01T10:30:00+02:00',
    ].join('\n');
    expect(parse(text)).toEqual([
      {
        activityId: 'a340f46b-6360-4cb8-847b-a0d3483d09d3',
        team: 'Team A',
        state: 'Planned',
        date: '2025-01-01T00:00:00.000Z',
      },
      {
        activityId: 'a340f46b-6360-4cb8-847b-a0d3483d09d3',
        team: 'Team A',
        state: 'Started',
        date: '2025-02-01T00:00:00.000Z',
      },
      {
        activityId: 'a340f46b-6360-4cb8-847b-a0d3483d09d3',
        team: 'Team D',
        state: 'Implemented',
        date: '2025-05-01T08:30:00.000Z',
      },
    ]);
  });

  it('reads the same as JSON, and the two real ids that are not UUIDs', () => {
    const json = JSON.stringify({
      progress: {
        'f0e01814-3b88-4bd0-a3a9-f91db001d20b-medium': {
          'Team A': { Implemented: '2025-03-04' },
        },
        'f0e01814-3b88-4bd0-a3a9-f91db001d20b-advanced': {
          'Team A': { Planned: '2025-03-05' },
        },
      },
    });
    expect(parse(json).map(e => [e.activityId, e.state, e.date])).toEqual([
      [
        'f0e01814-3b88-4bd0-a3a9-f91db001d20b-medium',
        'Implemented',
        '2025-03-04T00:00:00.000Z',
      ],
      [
        'f0e01814-3b88-4bd0-a3a9-f91db001d20b-advanced',
        'Planned',
        '2025-03-05T00:00:00.000Z',
      ],
    ]);
  });

  it('takes an empty progress as no entries', () => {
    expect(parse('progress:\n')).toEqual([]);
    expect(parse('progress: {}\n')).toEqual([]);
    expect(parse('{"progress": {"x": {}}}')).toEqual([]);
    expect(parse('progress:\n  x:\n    Team A:\n')).toEqual([]);
  });

  it('uses the configured state names', () => {
    const text =
      'progress:\n  id1:\n    T:\n      Idea: 2025-01-01\n      Done: 2025-02-01\n';
    expect(parse(text, ['Idea', 'Done']).map(e => e.state)).toEqual([
      'Idea',
      'Done',
    ]);
    const error = errorOf(() => parse(text));
    expect(error).toBeInstanceOf(UnprocessableProgressError);
    expect(error.message).toBe(
      'progress.id1.T.Idea: unknown state; expected one of Planned, Started, Implemented (dsomm.progress.states) (line 4)',
    );
  });

  it('answers bad YAML with a 400 naming the line', () => {
    const cases: [string, RegExp][] = [
      ['progress:\n  a:\n    T: [1, 2\n', /at line 4, column 1/],
      [
        "progress:\n  a:\n    'T:\n",
        /at line 4, column 1: Missing closing 'quote/,
      ],
      ['progress: {}\n---\nprogress: {}\n', /at line 2/],
      [
        `progress: ${'['.repeat(500_000)}`,
        /at line 1: collections nest deeper than 16 levels/,
      ],
    ];
    for (const [text, message] of cases) {
      const error = errorOf(() => parse(text));
      expect(error).toBeInstanceOf(ProgressSyntaxError);
      expect((error as ProgressSyntaxError).name).toBe('InputError');
      expect(error.message).toMatch(/^Team progress is not valid YAML /);
      expect(error.message).toMatch(message);
    }
  });

  it('refuses tags, language types included', () => {
    for (const [text, line] of [
      ['progress:\n  a:\n    T:\n      Planned: !!binary aGk=\n', 4],
      ['progress: !!js/function "function(){}"\n', 1],
      ['progress:\n  a: !custom\n    T: {}\n', 2],
    ] as const) {
      const error = errorOf(() => parse(text));
      expect(error).toBeInstanceOf(ProgressSyntaxError);
      expect(error.message).toContain(`line ${line}`);
    }
  });

  it('bounds alias expansion (a billion laughs stops early)', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      lines.push(
        `${next}: &${next} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`,
      );
    }
    lines.push('progress: *i');
    const error = errorOf(() => parse(lines.join('\n')));
    expect(error).toBeInstanceOf(ProgressSyntaxError);
    expect(error.message).toMatch(/alias/i);
  });

  it('follows a few aliases, as YAML allows', () => {
    const text = [
      'progress:',
      '  id1:',
      '    Team A: &done',
      '      Implemented: 2025-01-01',
      '  id2:',
      '    Team A: *done',
    ].join('\n');
    expect(parse(text).map(e => e.activityId)).toEqual(['id1', 'id2']);
  });

  it('answers a wrong shape with a 422 naming the key and line', () => {
    const cases: [string, string][] = [
      ['', 'progress: is required; the document is empty'],
      [
        '- a\n- b\n',
        '(document): must be a mapping of top-level keys (line 1)',
      ],
      ['progress:\n  a: {}\n  a: {}\n', 'progress.a: appears twice (line 3)'],
      [
        'progress:\n  a:\n    1: {}\n    "1": {}\n',
        'progress.a.1: appears twice (line 4)',
      ],
      ['teams: []\n', 'teams: unknown key; expected only "progress" (line 1)'],
      [
        'progress: [a, b]\n',
        'progress: must be a mapping of activity ids (line 1)',
      ],
      [
        'progress:\n  id1: yes\n',
        'progress.id1: must be a mapping of team names (line 2)',
      ],
      [
        'progress:\n  id1:\n    Team A:\n      - Planned\n',
        'progress.id1["Team A"]: must be a mapping of state names (line 4)',
      ],
      [
        'progress:\n  id1:\n    Team A:\n      Planned: soon\n',
        'progress.id1["Team A"].Planned: must be a date such as 2025-01-31 or an ISO 8601 date-time (line 4)',
      ],
      [
        'progress:\n  id1:\n    Team A:\n      Planned: 2025-02-30\n',
        'progress.id1["Team A"].Planned: must be a date',
      ],
      [
        'progress:\n  id1:\n    Team A:\n      Planned: 20250101\n',
        'progress.id1["Team A"].Planned: must be a date',
      ],
      [
        'progress:\n  id1:\n    Team A:\n      Implemented: 2031-01-01\n',
        'progress.id1["Team A"].Implemented: 2031-01-01 is in the future (line 4)',
      ],
      [
        'progress:\n  id1:\n    "  ":\n      Planned: 2025-01-01\n',
        'progress.id1["  "]: must be 1-200 characters, not blank (line 3)',
      ],
      [
        'progress:\n  id1:\n    [a, b]:\n      Planned: 2025-01-01\n',
        'progress.id1: team names must be plain names (line 3)',
      ],
    ];
    for (const [text, message] of cases) {
      const error = errorOf(() => parse(text));
      expect(error).toBeInstanceOf(UnprocessableProgressError);
      expect((error as UnprocessableProgressError).statusCode).toBe(422);
      expect(error.message).toContain(message);
    }
  });
});

describe('normalizeProgressDate', () => {
  it('accepts real dates and date-times only', () => {
    expect(normalizeProgressDate('2024-02-29')).toBe(
      '2024-02-29T00:00:00.000Z',
    );
    expect(normalizeProgressDate('2025-02-29')).toBeUndefined();
    expect(normalizeProgressDate('2025-01-01T00:00:00Z')).toBe(
      '2025-01-01T00:00:00.000Z',
    );
    expect(normalizeProgressDate('2025-01-01 12:00:00+01:00')).toBe(
      '2025-01-01T11:00:00.000Z',
    );
    expect(normalizeProgressDate('2025-01-01T25:00:00Z')).toBeUndefined();
    expect(normalizeProgressDate('1 Jan 2025')).toBeUndefined();
  });
});

describe('keyPath', () => {
  it('quotes parts that are not plain', () => {
    expect(keyPath(['progress', 'id-1', 'Team A', 'Planned'])).toBe(
      'progress.id-1["Team A"].Planned',
    );
  });
});
