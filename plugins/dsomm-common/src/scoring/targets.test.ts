import { tinyModel } from '../__testUtils__/tinyModel';
import { scoreEntity } from './scoreEntity';
import { computeGap, targetForTier, targetLevelFor } from './targets';

const now = new Date('2026-06-01T00:00:00Z');
const model = tinyModel();
const evidence = ['a1', 'a2', 'a3', 'b1', 'c1'].map(activityId => ({
  activityId,
  source: 'annotation' as const,
  observedAt: '2026-05-01T00:00:00Z',
}));

describe('targets', () => {
  const config = {
    default: { level: 1 as const },
    tiers: {
      critical: { level: 3 as const, dimensions: { test: 2 as const } },
      standard: { level: 2 as const },
    },
  };

  it('picks the tier target, falling back to the default', () => {
    expect(targetForTier(config, 'critical')).toBe(config.tiers.critical);
    expect(targetForTier(config, 'unknown')).toBe(config.default);
    expect(targetForTier(config, undefined)).toBe(config.default);
    expect(targetForTier(config, 'toString')).toBe(config.default);
  });

  it('reads per-dimension levels by name or slug', () => {
    expect(targetLevelFor(config.tiers.critical, 'Test')).toBe(2);
    expect(targetLevelFor(config.tiers.critical, 'Build')).toBe(3);
    expect(
      targetLevelFor({ level: 1, dimensions: { Build: 4 } }, 'Build'),
    ).toBe(4);
  });

  it('lists per dimension the activities still missing up to the target', () => {
    const score = scoreEntity({ model, evidence, now });
    // Build: Pipeline 2, Release 1 -> 1. Test: Static 1 -> 1.
    const gap = computeGap(model, score, { level: 2 });
    expect(gap.meetsTarget).toBe(false);
    expect(gap.dimensions).toEqual([
      {
        dimension: 'Build',
        target: 2,
        achieved: 1,
        meetsTarget: false,
        missingActivityIds: ['b2'],
      },
      {
        dimension: 'Test',
        target: 2,
        achieved: 1,
        meetsTarget: false,
        missingActivityIds: ['c2', 'c3'],
      },
    ]);
  });

  it('meets a target when every dimension reaches its level', () => {
    const score = scoreEntity({ model, evidence, now });
    const gap = computeGap(model, score, { level: 1 });
    expect(gap.meetsTarget).toBe(true);
    expect(gap.dimensions.every(d => d.missingActivityIds.length === 0)).toBe(
      true,
    );
    const mixed = computeGap(model, score, {
      level: 1,
      dimensions: { test: 2 },
    });
    expect(mixed.meetsTarget).toBe(false);
    expect(mixed.dimensions.map(d => d.meetsTarget)).toEqual([true, false]);
  });

  it('counts stale activities as missing', () => {
    const score = scoreEntity({
      model,
      evidence: [
        ...evidence.filter(e => e.activityId !== 'c1'),
        { ...evidence[0], activityId: 'c1', expiresAt: '2026-01-01T00:00:00Z' },
      ],
      now,
    });
    const gap = computeGap(model, score, { level: 1 });
    expect(gap.dimensions[1]).toMatchObject({
      achieved: 0,
      missingActivityIds: ['c1'],
    });
  });
});
