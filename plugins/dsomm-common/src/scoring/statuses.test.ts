import { getBuiltInModel } from '../model/builtInModel';
import { STATUS_CODE, decideStatuses } from './statuses';
import { EvidenceItem } from './types';

const now = new Date('2026-06-01T00:00:00Z');
const model = getBuiltInModel();
const ids = model.activities.map(a => a.id);

const shared = (activityId: string): EvidenceItem =>
  Object.freeze({
    activityId,
    source: 'annotation' as const,
    observedAt: '2026-05-01T00:00:00Z',
  });

describe('decideStatuses', () => {
  it('gives every entity statuses of its own, also over many entities', () => {
    const items = ids.map(shared);
    const decided = Array.from({ length: 500 }, (_, i) =>
      decideStatuses({ model, evidence: [items[i % ids.length]], now }),
    );
    decided.forEach((d, i) => {
      const expected = new Uint8Array(ids.length);
      expected[i % ids.length] = STATUS_CODE.implemented;
      expect(Array.from(d.statuses)).toEqual(Array.from(expected));
      expect(d.activities.map(a => a.activityId)).toEqual([
        ids[i % ids.length],
      ]);
    });
    // Writing to one leaves the others as they were.
    decided[0].statuses.fill(9);
    expect(decided[1].statuses[0]).toBe(STATUS_CODE.missing);
  });

  it('reuses the score of an item shared by entities one after another, and nothing else', () => {
    const item = shared(ids[3]);
    const a = decideStatuses({ model, evidence: [item], now });
    const b = decideStatuses({ model, evidence: [item], now });
    expect(b.activities[0]).toBe(a.activities[0]);
    // Another item for the same activity, or one not frozen, gets its own score.
    const other = shared(ids[3]);
    const c = decideStatuses({ model, evidence: [other], now });
    expect(c.activities[0]).not.toBe(a.activities[0]);
    expect(c.activities[0].evidence[0]).toBe(other);
    const plain = { ...item };
    const d = decideStatuses({ model, evidence: [plain], now });
    expect(d.activities[0].evidence[0]).toBe(plain);
    // ... and with a second item, both are listed.
    const e = decideStatuses({ model, evidence: [item, other], now });
    expect(e.activities[0].evidence).toEqual([item, other]);
  });

  it('forgets the evidence of an entity whose scoring failed', () => {
    const broken = [shared(ids[0]), null as unknown as EvidenceItem];
    expect(() => decideStatuses({ model, evidence: broken, now })).toThrow();
    const next = decideStatuses({ model, evidence: [], now });
    expect(next.activities).toEqual([]);
    expect(next.statuses.every(s => s === STATUS_CODE.missing)).toBe(true);
  });
});
