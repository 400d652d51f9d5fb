import { parseLevelSummaryRequest } from './levelSummaryRequest';

describe('parseLevelSummaryRequest', () => {
  it('parses, lower-cases and de-duplicates refs, completing short ones', () => {
    expect(
      parseLevelSummaryRequest({
        entityRefs: [
          'Alpha',
          'component:default/alpha',
          'team/Beta',
          'System:default/payments',
        ],
      }),
    ).toEqual([
      'component:default/alpha',
      'component:team/beta',
      'system:default/payments',
    ]);
    expect(parseLevelSummaryRequest({ entityRefs: [] })).toEqual([]);
  });

  it('names the limit and the count when there are too many refs', () => {
    const refs = ['a', 'b', 'c'];
    expect(parseLevelSummaryRequest({ entityRefs: refs }, 3)).toHaveLength(3);
    expect(() =>
      parseLevelSummaryRequest({ entityRefs: [...refs, 'd'] }, 3),
    ).toThrow('body.entityRefs: at most 3 refs per request; got 4');
  });

  it.each([
    [null, /^body: must be a JSON object/],
    [[], /^body: must be a JSON object/],
    [{}, /^body\.entityRefs: is required/],
    [{ entityRefs: { 0: 'a' } }, /^body\.entityRefs: is required/],
    [{ entityRefs: ['a'], other: 1 }, /^body\.other: unknown field/],
    [{ entityRefs: ['a', null] }, /^body\.entityRefs\[1\]: must be/],
    [{ entityRefs: ['  '] }, /^body\.entityRefs\[0\]: must be/],
    [{ entityRefs: ['a:b:c'] }, /^body\.entityRefs\[0\]: name "b:c" is not/],
    [{ entityRefs: ['a/b/c'] }, /^body\.entityRefs\[0\]: name "b\/c" is not/],
    [{ entityRefs: ['-x'] }, /^body\.entityRefs\[0\]: name "-x" is not/],
    [{ entityRefs: ['k:'] }, /^body\.entityRefs\[0\]: /],
    [{ entityRefs: ['x'.repeat(1000)] }, /^body\.entityRefs\[0\]: is not/],
  ])('refuses %j', (body, message) => {
    expect(() => parseLevelSummaryRequest(body)).toThrow(message);
  });
});
