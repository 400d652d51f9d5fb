import { StatusCache, doneActivities } from './statusCache';

const summary = (computedAt: string) => ({
  computedAt,
  target: { level: 1 as const },
  done: new Set(['a']),
  cells: new Uint16Array(0),
});

describe('doneActivities', () => {
  it('keeps implemented and not-applicable activities, not stale or missing ones', () => {
    expect(
      doneActivities([
        { activityId: 'a', status: 'implemented' },
        { activityId: 'b', status: 'not-applicable' },
        { activityId: 'c', status: 'stale' },
        { activityId: 'd', status: 'missing' },
      ]),
    ).toEqual(new Set(['a', 'b']));
  });
});

describe('StatusCache', () => {
  it('answers only for the score it was read from', () => {
    const cache = new StatusCache();
    cache.set('c1', summary('t1'));
    expect(cache.get('c1', 't1')?.computedAt).toBe('t1');
    expect(cache.get('c1', 't2')).toBeUndefined();
    expect(cache.peek('c1')?.computedAt).toBe('t1');
    cache.set('c1', summary('t2'));
    expect(cache.get('c1', 't2')?.computedAt).toBe('t2');
    expect(cache.size).toBe(1);
  });

  it('drops the entry read longest ago when full', () => {
    const cache = new StatusCache(2);
    cache.set('c1', summary('t'));
    cache.set('c2', summary('t'));
    // c1 is read, so c2 is now the oldest.
    expect(cache.get('c1', 't')).toBeDefined();
    cache.set('c3', summary('t'));
    expect(cache.size).toBe(2);
    expect(cache.peek('c2')).toBeUndefined();
    expect(cache.peek('c1')).toBeDefined();
    expect(cache.peek('c3')).toBeDefined();
  });
});
