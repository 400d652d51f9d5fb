import fc from 'fast-check';
import { sortEvidence } from './statuses';
import { EvidenceItem } from './types';

const now = new Date('2026-06-01T00:00:00Z');

/** The plain version this replaced: decorate, sort, undecorate. */
function plainSort(items: EvidenceItem[], nowMs: number): EvidenceItem[] {
  const valid = (item: EvidenceItem) => {
    if (item.expiresAt === undefined) return true;
    const expires = Date.parse(item.expiresAt);
    return !Number.isNaN(expires) && expires > nowMs;
  };
  return items
    .map(item => ({
      item,
      valid: valid(item),
      observed: Date.parse(item.observedAt) || 0,
    }))
    .sort(
      (a, b) => Number(b.valid) - Number(a.valid) || b.observed - a.observed,
    )
    .map(entry => entry.item);
}

const itemArb: fc.Arbitrary<EvidenceItem> = fc.record(
  {
    activityId: fc.constant('a'),
    source: fc.constantFrom('annotation' as const, 'report' as const),
    observedAt: fc.constantFrom(
      '2026-01-01T00:00:00Z',
      '2026-03-01T00:00:00Z',
      '2026-05-01T00:00:00.000Z',
      'not a time',
    ),
    expiresAt: fc.constantFrom(
      '2026-02-01T00:00:00Z',
      '2026-07-01T00:00:00Z',
      'never',
    ),
    // Tells equal-keyed items apart, so the test sees whether their order is kept.
    details: fc.record({ n: fc.nat() }),
  },
  { requiredKeys: ['activityId', 'source', 'observedAt', 'details'] },
);

describe('sortEvidence', () => {
  it('orders as the plain decorate-and-sort version, stably, short and long lists alike', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 30 }), items => {
        const expected = plainSort(items, now.getTime());
        const sorted = sortEvidence(items.slice(), now.getTime());
        expect(sorted).toHaveLength(expected.length);
        sorted.forEach((item, i) => expect(item).toBe(expected[i]));
      }),
      { numRuns: 500 },
    );
  });

  it('puts valid evidence before expired, then the newest first', () => {
    const old = {
      activityId: 'a',
      source: 'annotation' as const,
      observedAt: '2026-01-01T00:00:00Z',
    };
    const newer = { ...old, observedAt: '2026-04-01T00:00:00Z' };
    const expired = {
      ...old,
      observedAt: '2026-05-01T00:00:00Z',
      expiresAt: '2026-05-02T00:00:00Z',
    };
    expect(sortEvidence([expired, old, newer], now.getTime())).toEqual([
      newer,
      old,
      expired,
    ]);
  });
});
