import { EntityLevelSummary } from '@dsomm/plugin-dsomm-common';
import { LevelSummaryLoader } from './LevelSummaryLoader';

const summary = (entityRef: string, level = 1): EntityLevelSummary => ({
  entityRef,
  overallLevel: level as EntityLevelSummary['overallLevel'],
  targetLevel: 2,
  meetsTarget: level >= 2,
  score: 10 * level,
  computedAt: '2026-11-01T00:00:00.000Z',
});

/** A backend that knows the refs starting with `component:default/known`. */
function backend() {
  return jest.fn(async (refs: string[]) => ({
    summaries: refs
      .filter(r => r.startsWith('component:default/known'))
      .map(r => summary(r)),
  }));
}

describe('LevelSummaryLoader', () => {
  it('fetches the refs asked for in one tick in one request, once each', async () => {
    const fetch = backend();
    const loader = new LevelSummaryLoader(fetch);
    const results = await Promise.all([
      loader.load('component:default/known-a'),
      loader.load('Component:default/Known-B'),
      loader.load('component:default/known-a'),
      loader.load('component:default/absent'),
    ]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith([
      'component:default/known-a',
      'component:default/known-b',
      'component:default/absent',
    ]);
    expect(results.map(r => r?.entityRef)).toEqual([
      'component:default/known-a',
      'component:default/known-b',
      'component:default/known-a',
      undefined,
    ]);
  });

  it('reuses answers until they expire, then asks again', async () => {
    const fetch = backend();
    let now = 1_000;
    const loader = new LevelSummaryLoader(fetch, {
      ttlMs: 500,
      now: () => now,
    });
    await loader.load('component:default/known-a');
    now += 499;
    await loader.load('component:default/known-a');
    expect(fetch).toHaveBeenCalledTimes(1);
    now += 1;
    await loader.load('component:default/known-a');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('splits a batch larger than the backend accepts', async () => {
    const fetch = backend();
    const loader = new LevelSummaryLoader(fetch, { maxBatch: 2 });
    const refs = ['a', 'b', 'c', 'd', 'e'].map(
      n => `component:default/known-${n}`,
    );
    const results = await Promise.all(refs.map(r => loader.load(r)));
    expect(fetch.mock.calls.map(([asked]) => asked)).toEqual([
      refs.slice(0, 2),
      refs.slice(2, 4),
      refs.slice(4),
    ]);
    expect(results.map(r => r?.entityRef)).toEqual(refs);
  });

  it('rejects every waiting cell when the request fails, and does not keep the failure', async () => {
    const fetch = jest
      .fn()
      .mockRejectedValueOnce(new Error('backend down'))
      .mockImplementation(backend());
    const loader = new LevelSummaryLoader(fetch);
    const a = loader.load('component:default/known-a');
    const b = loader.load('component:default/known-b');
    await expect(a).rejects.toThrow('backend down');
    await expect(b).rejects.toThrow('backend down');
    await expect(loader.load('component:default/known-a')).resolves.toEqual(
      summary('component:default/known-a'),
    );
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
