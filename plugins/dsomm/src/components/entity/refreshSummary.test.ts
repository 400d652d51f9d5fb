import { refreshSummary } from './refreshSummary';

const base = {
  overallLevel: 1 as const,
  score: 14.44,
  meetsTarget: false,
  assessed: true,
  warnings: [],
};

describe('refreshSummary', () => {
  it('says up to date when nothing shown moved', () => {
    expect(refreshSummary(base, { ...base, score: 14.41 })).toEqual({
      title: 'Up to date: the refresh changed nothing.',
      lines: [],
    });
  });

  it('lists what changed', () => {
    expect(
      refreshSummary(base, {
        ...base,
        overallLevel: 2,
        score: 31.06,
        meetsTarget: true,
        warnings: ['unknown activity key "x"'] as string[],
      } as never),
    ).toEqual({
      title: 'Refreshed.',
      lines: [
        'Level 1 -> 2.',
        'Score 14.4 -> 31.1 of 100.',
        'Now meets its target.',
        '1 problem while scoring (was 0).',
      ],
    });
  });

  it('tells when the first evidence arrives', () => {
    expect(refreshSummary({ ...base, assessed: false }, base).lines).toEqual([
      'First evidence found: assessed.',
    ]);
  });
});
