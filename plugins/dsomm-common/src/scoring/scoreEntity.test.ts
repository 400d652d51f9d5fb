import { tinyModel } from '../__testUtils__/tinyModel';
import { achievedLevel } from './levels';
import { scoreEntity } from './scoreEntity';
import { isEvidenceValid } from './statuses';
import { EvidenceItem } from './types';

const now = new Date('2026-06-01T00:00:00Z');
const model = tinyModel();

function ev(
  activityId: string,
  extra: Partial<EvidenceItem> = {},
): EvidenceItem {
  return {
    activityId,
    source: 'annotation',
    observedAt: '2026-05-01T00:00:00Z',
    ...extra,
  };
}

function levels(score: ReturnType<typeof scoreEntity>) {
  return Object.fromEntries(
    score.dimensions.flatMap(d => [
      [d.dimension, d.level],
      ...d.subDimensions.map(s => [
        `${d.dimension}/${s.subDimension}`,
        s.level,
      ]),
    ]),
  );
}

describe('scoreEntity', () => {
  it('gives level 0 and score 0 without evidence', () => {
    const score = scoreEntity({ model, evidence: [], now });
    expect(score.overallLevel).toBe(0);
    expect(score.score).toBe(0);
    expect(score.activities.every(a => a.status === 'missing')).toBe(true);
    expect(score.dimensions[0].subDimensions[0].coverage).toEqual([
      { level: 1, implemented: 0, applicable: 2 },
      { level: 2, implemented: 0, applicable: 1 },
      { level: 3, implemented: 0, applicable: 1 },
      { level: 4, implemented: 0, applicable: 0 },
      { level: 5, implemented: 0, applicable: 0 },
    ]);
  });

  it('reaches level 1 everywhere when every level-1 activity is implemented', () => {
    const score = scoreEntity({
      model,
      evidence: ['a1', 'a2', 'b1', 'c1'].map(id => ev(id)),
      now,
    });
    expect(levels(score)).toEqual({
      Build: 1,
      'Build/Pipeline': 1,
      'Build/Release': 1,
      Test: 1,
      'Test/Static': 1,
    });
    expect(score.overallLevel).toBe(1);
    // weights: applicable 1+1+2+3 + 1+2 + 1+2+2 = 15; implemented 1+1+1+1 = 4
    expect(score.score).toBe(26.7);
  });

  it('takes the lowest sub-dimension as the dimension level and the lowest dimension overall', () => {
    const score = scoreEntity({
      model,
      evidence: ['a1', 'a2', 'a3', 'a4', 'b1', 'c1', 'c2', 'c3'].map(id =>
        ev(id),
      ),
      now,
    });
    // Pipeline complete up to 3 and nothing above: 5. Release stops at 1 (b2 missing).
    expect(levels(score)).toEqual({
      Build: 1,
      'Build/Pipeline': 5,
      'Build/Release': 1,
      Test: 5,
      'Test/Static': 5,
    });
    expect(score.overallLevel).toBe(1);
    // missing only b2 (weight 2) of 15
    expect(score.score).toBe(86.7);
  });

  it('does not count a level whose lower level is incomplete', () => {
    // a3 (level 2) is implemented but a2 (level 1) is not: Pipeline stays at 0
    const score = scoreEntity({ model, evidence: [ev('a1'), ev('a3')], now });
    expect(levels(score)['Build/Pipeline']).toBe(0);
  });

  it('marks evidence past its expiry as stale and does not count it', () => {
    const score = scoreEntity({
      model,
      evidence: [ev('a1', { expiresAt: '2026-05-31T23:59:59Z' }), ev('a2')],
      now,
    });
    const a1 = score.activities.find(a => a.activityId === 'a1')!;
    expect(a1.status).toBe('stale');
    expect(levels(score)['Build/Pipeline']).toBe(0);
  });

  it('counts an activity with one valid item among expired ones, valid evidence first', () => {
    const valid = ev('a1', {
      source: 'report',
      observedAt: '2026-01-01T00:00:00Z',
    });
    const expired = ev('a1', {
      source: 'attestation',
      observedAt: '2026-05-20T00:00:00Z',
      expiresAt: '2026-05-25T00:00:00Z',
    });
    const score = scoreEntity({ model, evidence: [expired, valid], now });
    const a1 = score.activities.find(a => a.activityId === 'a1')!;
    expect(a1.status).toBe('implemented');
    expect(a1.evidence).toEqual([valid, expired]);
  });

  it('excludes not-applicable activities from levels and score', () => {
    const score = scoreEntity({
      model,
      evidence: ['a1', 'a2', 'b1', 'c1'].map(id => ev(id)),
      notApplicable: ['a3', 'b2', 'a1'],
      now,
    });
    expect(score.activities.find(a => a.activityId === 'a1')!.status).toBe(
      'not-applicable',
    );
    // Pipeline: level 2 has nothing applicable, level 3 (a4) missing
    expect(levels(score)['Build/Pipeline']).toBe(2);
    // Release: b2 not applicable, nothing above: 5
    expect(levels(score)['Build/Release']).toBe(5);
    expect(score.overallLevel).toBe(1);
    // applicable: a2 1, a4 3, b1 1, c1 1, c2 2, c3 2 = 10; implemented a2, b1, c1 = 3
    expect(score.score).toBe(30);
  });

  it('ignores evidence for activities the model does not have', () => {
    const score = scoreEntity({ model, evidence: [ev('zzz')], now });
    expect(score.activities).toHaveLength(9);
    expect(score.score).toBe(0);
  });

  it('scores 100 with level 5 when nothing applies', () => {
    const score = scoreEntity({
      model,
      evidence: [],
      notApplicable: model.activities.map(a => a.id),
      now,
    });
    expect(score.score).toBe(100);
    expect(score.overallLevel).toBe(5);
  });
});

describe('isEvidenceValid', () => {
  it('is valid without expiry, until the expiry, and never with an unreadable one', () => {
    expect(isEvidenceValid(ev('a1'), now)).toBe(true);
    expect(
      isEvidenceValid(ev('a1', { expiresAt: '2026-06-01T00:00:01Z' }), now),
    ).toBe(true);
    expect(
      isEvidenceValid(ev('a1', { expiresAt: '2026-06-01T00:00:00Z' }), now),
    ).toBe(false);
    expect(isEvidenceValid(ev('a1', { expiresAt: 'soon' }), now)).toBe(false);
  });
});

describe('achievedLevel', () => {
  it('is the highest level up to which every level is complete', () => {
    const cov = (pairs: [number, number][]) =>
      pairs.map(([implemented, applicable], i) => ({
        level: (i + 1) as 1,
        implemented,
        applicable,
      }));
    expect(
      achievedLevel(
        cov([
          [0, 1],
          [0, 0],
          [0, 0],
          [0, 0],
          [0, 0],
        ]),
      ),
    ).toBe(0);
    expect(
      achievedLevel(
        cov([
          [2, 2],
          [1, 2],
          [1, 1],
          [0, 0],
          [0, 0],
        ]),
      ),
    ).toBe(1);
    expect(
      achievedLevel(
        cov([
          [2, 2],
          [2, 2],
          [0, 1],
          [0, 0],
          [0, 0],
        ]),
      ),
    ).toBe(2);
    expect(
      achievedLevel(
        cov([
          [1, 1],
          [0, 0],
          [1, 1],
          [0, 0],
          [0, 3],
        ]),
      ),
    ).toBe(4);
  });
});
