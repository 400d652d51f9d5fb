import { tinyModel } from '../__testUtils__/tinyModel';
import { nextSteps } from './nextSteps';
import { scoreEntity } from './scoreEntity';
import { EvidenceItem } from './types';

const now = new Date('2026-06-01T00:00:00Z');
const model = tinyModel();
const ev = (activityId: string, expiresAt?: string): EvidenceItem => ({
  activityId,
  source: 'annotation',
  observedAt: '2026-05-01T00:00:00Z',
  expiresAt,
});

describe('nextSteps', () => {
  it('proposes the level-1 activities first, ranked by usefulness then difficulty', () => {
    const score = scoreEntity({ model, evidence: [], now });
    const steps = nextSteps(model, score);
    // Only the activities of the level just above each sub-dimension's level are candidates.
    expect(steps.map(s => s.activityId)).toEqual(['c1', 'a1', 'a2', 'b1']);
    expect(steps[0]).toMatchObject({
      raisesToLevel: 1,
      remainingForLevel: 1,
      dependenciesMet: true,
      towardTarget: false,
      usefulness: 5,
      difficulty: 2,
    });
    expect(steps[0].why).toBe(
      'Last activity missing for level 1 of Static. Its dependencies are met. Usefulness 5/5, difficulty 2/5.',
    );
    expect(steps[1].why).toContain(
      'One of 2 activities missing for level 1 of Pipeline.',
    );
  });

  it('ranks activities whose dependencies are met before those that are not', () => {
    // Pipeline is at 0 (a1's evidence expired), Release at 1, Static at 1.
    // Candidates: a1 (level 1); b2, c2, c3 (level 2), b2 waiting on c2.
    const score = scoreEntity({
      model,
      evidence: [
        ev('a2'),
        ev('b1'),
        ev('c1'),
        ev('a1', '2026-01-01T00:00:00Z'),
      ],
      now,
    });
    const steps = nextSteps(model, score);
    expect(steps.map(s => s.activityId)).toEqual(['a1', 'c3', 'c2', 'b2']);
    expect(steps[0].why).toContain('Its evidence has expired; renew it.');
    expect(steps[3]).toMatchObject({
      dependenciesMet: false,
      unmetDependencyIds: ['c2'],
    });
    expect(steps[3].why).toContain('First needs: Dependency scanning.');
    expect(
      nextSteps(model, score, { limit: 2 }).map(s => s.activityId),
    ).toEqual(['a1', 'c3']);
  });

  it('breaks usefulness ties by lower difficulty and counts not-applicable dependencies as met', () => {
    // c1 does not apply, so Static's level 1 is complete and c2's dependency counts as met.
    const score = scoreEntity({
      model,
      evidence: [ev('a1'), ev('a2'), ev('b1')],
      notApplicable: ['c1'],
      now,
    });
    const steps = nextSteps(model, score);
    // usefulness 5: c3 (difficulty 1) before a3 (difficulty 4); then c2 (3); b2 waits on c2
    expect(steps.map(s => s.activityId)).toEqual(['c3', 'a3', 'c2', 'b2']);
    expect(steps.find(s => s.activityId === 'c2')!.dependenciesMet).toBe(true);
  });

  it('proposes nothing for a sub-dimension at level 5', () => {
    const score = scoreEntity({
      model,
      evidence: model.activities.map(a => ev(a.id)),
      now,
    });
    expect(nextSteps(model, score)).toEqual([]);
  });

  it('names unmet dependencies and flags steps toward the target', () => {
    const score = scoreEntity({
      model,
      evidence: [
        ev('a2'),
        ev('b1'),
        ev('c1'),
        ev('a1'),
        ev('a3', '2026-01-01T00:00:00Z'),
      ],
      now,
    });
    const steps = nextSteps(model, score, { target: { level: 2 } });
    const a3 = steps.find(s => s.activityId === 'a3')!;
    expect(a3.towardTarget).toBe(true);
    expect(a3.why).toContain('Needed to reach the target.');
  });
});
