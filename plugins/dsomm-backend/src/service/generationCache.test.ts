import { GenerationCache } from './generationCache';

describe('GenerationCache', () => {
  it('keeps a value while the generation stays, and computes again when it moves', async () => {
    const cache = new GenerationCache<number>();
    let computed = 0;
    const compute = async () => ++computed;
    expect(await cache.get('k', 1, compute)).toBe(1);
    expect(await cache.get('k', 1, compute)).toBe(1);
    expect(await cache.get('k', 2, compute)).toBe(2);
    expect(await cache.get('other', 2, compute)).toBe(3);
    expect(computed).toBe(3);
  });

  it('shares one computation between concurrent asks and keeps no failure', async () => {
    const cache = new GenerationCache<string>();
    let calls = 0;
    let fail = true;
    const compute = async () => {
      calls += 1;
      await new Promise(resolve => setTimeout(resolve, 5));
      if (fail) throw new Error('scan failed');
      return 'ok';
    };
    const both = [cache.get('k', 1, compute), cache.get('k', 1, compute)];
    await expect(Promise.all(both)).rejects.toThrow('scan failed');
    expect(calls).toBe(1);
    fail = false;
    expect(await cache.get('k', 1, compute)).toBe('ok');
    expect(calls).toBe(2);
  });

  it('drops the oldest key beyond its capacity', async () => {
    const cache = new GenerationCache<string>(2);
    const computed: string[] = [];
    const compute = (key: string) => async () => {
      computed.push(key);
      return key;
    };
    await cache.get('a', 1, compute('a'));
    await cache.get('b', 1, compute('b'));
    await cache.get('c', 1, compute('c'));
    await cache.get('c', 1, compute('c'));
    await cache.get('b', 1, compute('b'));
    await cache.get('a', 1, compute('a'));
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });
});
