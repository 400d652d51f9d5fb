import fc from 'fast-check';
import { sharedJsonWriter } from './sharedJson';

/** Freezes some of the objects and arrays of a JSON-like value, chosen by `pick`. */
function freezeSome(value: unknown, pick: () => boolean): unknown {
  if (value === null || typeof value !== 'object') return value;
  const copy: any = Array.isArray(value)
    ? value.map(v => freezeSome(v, pick))
    : Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, freezeSome(v, pick)]),
      );
  return pick() ? Object.freeze(copy) : copy;
}

describe('sharedJsonWriter', () => {
  it('writes what JSON.stringify writes, frozen parts or not', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withDate: true,
          withNullPrototype: true,
          withSparseArray: true,
          withBoxedValues: false,
          withBigInt: false,
        }),
        fc.infiniteStream(fc.boolean()),
        (value, flips) => {
          const it = flips[Symbol.iterator]();
          const frozen = freezeSome(value, () => it.next().value as boolean);
          const write = sharedJsonWriter();
          expect(write(frozen)).toBe(JSON.stringify(frozen) ?? 'null');
          // The second time comes from what was kept, and is the same.
          expect(write(frozen)).toBe(JSON.stringify(frozen) ?? 'null');
        },
      ),
    );
  });

  it('reuses the text of a frozen object shared by many values', () => {
    const shared = Object.freeze({ activityId: 'a', evidence: ['x'] });
    const write = sharedJsonWriter();
    const first = { ref: 'one', activities: [shared] };
    const second = { ref: 'two', activities: [shared, { activityId: 'b' }] };
    expect(write(first)).toBe(JSON.stringify(first));
    expect(write(second)).toBe(JSON.stringify(second));
    const spy = jest.spyOn(Object, 'keys');
    write({ ref: 'three', activities: [shared] });
    // The wrapper and its array are walked, the shared object is not.
    expect(spy.mock.calls.some(([o]) => o === shared)).toBe(false);
    spy.mockRestore();
  });

  it('leaves out undefined and function values as JSON.stringify does', () => {
    const value = {
      a: undefined,
      b: () => 1,
      c: [undefined, () => 1, NaN, -0, Infinity],
      d: new Date('2026-11-29T00:00:00Z'),
      e: { toJSON: () => 'custom' },
    };
    expect(sharedJsonWriter()(value)).toBe(JSON.stringify(value));
  });
});
