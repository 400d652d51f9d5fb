import { StoredScore } from './rows';
import { scoreDigest, scoreDigestWriter } from './scoreDigest';

const evidence = Object.freeze({
  activityId: 'a',
  source: 'attestation',
  observedAt: '2026-06-01T00:00:00.000Z',
});
const score = (over: Partial<StoredScore> = {}): StoredScore =>
  ({
    facts: { entityRef: 'component:default/a', name: 'a' },
    modelVersion: '1',
    computedAt: '2026-06-01T10:00:00.000Z',
    overallLevel: 1,
    score: 10,
    dimensionLevels: {},
    activities: [
      { activityId: 'a', status: 'implemented', evidence: [evidence] },
    ],
    warnings: [],
    ...over,
  } as unknown as StoredScore);
const row = { entity_ref: 'component:default/a', score: 10 };

describe('scoreDigest', () => {
  it('is the same for the same score computed at another time', () => {
    const a = scoreDigest(
      { ...row, computed_at: '1', stale_since: 'x' },
      score(),
      scoreDigestWriter(),
    );
    const b = scoreDigest(
      { ...row, computed_at: '2', stale_since: null },
      score({ computedAt: '2026-06-02T10:00:00.000Z' }),
      scoreDigestWriter(),
    );
    expect(a).toBe(b);
  });

  it('changes with any written value: a row column, the detail, a shared evidence item', () => {
    const write = scoreDigestWriter();
    const base = scoreDigest(row, score(), write);
    expect(scoreDigest({ ...row, score: 11 }, score(), write)).not.toBe(base);
    expect(scoreDigest(row, score({ warnings: ['w'] }), write)).not.toBe(base);
    const other = Object.freeze({ ...evidence, observedAt: '2026-06-02' });
    expect(
      scoreDigest(
        row,
        score({
          activities: [
            { activityId: 'a', status: 'implemented', evidence: [other] },
          ],
        } as Partial<StoredScore>),
        write,
      ),
    ).not.toBe(base);
  });
});
