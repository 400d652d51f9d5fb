import { StoredScore } from './rows';
import { detailWriter } from './detailCodec';
import { scoreDigest } from './scoreDigest';

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
const digestOf = (r: object, s: StoredScore) =>
  scoreDigest(r, detailWriter()(s).timeless);

describe('scoreDigest', () => {
  it('is the same for the same score computed at another time', () => {
    const a = digestOf(
      { ...row, computed_at: '1', stale_since: 'x', input_digest: 'p' },
      score(),
    );
    const b = digestOf(
      { ...row, computed_at: '2', stale_since: null, next_change_at: 'q' },
      score({ computedAt: '2026-06-02T10:00:00.000Z' }),
    );
    expect(a).toBe(b);
  });

  it('changes with any written value: a row column, the detail, a shared evidence item', () => {
    const base = digestOf(row, score());
    expect(digestOf({ ...row, score: 11 }, score())).not.toBe(base);
    expect(digestOf(row, score({ warnings: ['w'] }))).not.toBe(base);
    const other = Object.freeze({ ...evidence, observedAt: '2026-06-02' });
    expect(
      digestOf(
        row,
        score({
          activities: [
            { activityId: 'a', status: 'implemented', evidence: [other] },
          ],
        } as Partial<StoredScore>),
      ),
    ).not.toBe(base);
  });
});
