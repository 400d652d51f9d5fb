import { ConfigReader } from '@backstage/config';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { readDsommConfig } from '../config/readDsommConfig';
import { configObservedAt } from './loadScopes';

const model = getBuiltInModel();
const configWith = (annotation?: number) =>
  readDsommConfig(
    new ConfigReader({
      dsomm: annotation ? { evidence: { maxAgeDays: { annotation } } } : {},
    }),
    model,
  );

describe('configObservedAt', () => {
  it('is the start of the day, the same for every recompute of that day', () => {
    const config = configWith();
    expect(configObservedAt(new Date('2026-06-01T09:30:00Z'), config)).toBe(
      '2026-06-01T00:00:00.000Z',
    );
    expect(configObservedAt(new Date('2026-06-01T23:59:59Z'), config)).toBe(
      '2026-06-01T00:00:00.000Z',
    );
    expect(configObservedAt(new Date('2026-06-02T00:00:01Z'), config)).toBe(
      '2026-06-02T00:00:00.000Z',
    );
    expect(
      configObservedAt(new Date('2026-06-01T09:30:00Z'), configWith(1)),
    ).toBe('2026-06-01T00:00:00.000Z');
  });

  it('is now where an annotation age limit under a day would let the start of the day expire', () => {
    expect(
      configObservedAt(new Date('2026-06-01T09:30:00Z'), configWith(0.25)),
    ).toBe('2026-06-01T09:30:00.000Z');
  });
});
