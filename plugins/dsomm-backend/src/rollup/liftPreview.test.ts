import { indexModel } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { StoredStatuses, previewLift } from './liftPreview';

const model = getBuiltInModel();
const index = indexModel(model);
const id = (key: string) => index.byKey.get(key)!.id;
const LEVEL_1 = model.activities.filter(a => a.level === 1);
/** Sum of every activity's level: the score's denominator with nothing waived. */
const WEIGHT = model.activities.reduce((sum, a) => sum + a.level, 0);
const score = (implemented: number, weight = WEIGHT) =>
  Math.round((1000 * implemented) / weight) / 10;

/** Every level-1 activity implemented but `except`; own evidence unless listed as inherited. */
function component(
  except: string[],
  options: { inherited?: string[]; stale?: string[] } = {},
): StoredStatuses {
  const implemented: StoredStatuses['statuses'] = LEVEL_1.filter(
    a => !except.includes(a.key),
  ).map(a => ({
    activityId: a.id,
    status: 'implemented',
    ownEvidence: !options.inherited?.includes(a.key),
  }));
  return {
    target: { level: 1 },
    statuses: implemented.concat(
      (options.stale ?? []).map(key => ({
        activityId: id(key),
        status: 'stale' as const,
        ownEvidence: !options.inherited?.includes(key),
      })),
    ),
  };
}

describe('previewLift', () => {
  it('lifts a component whose only missing level-1 activity the scope marks implemented', () => {
    const outcome = previewLift(
      model,
      component(['version-control']),
      [id('version-control'), id('mfa-for-admins')],
      'implemented',
    );
    // mfa-for-admins is implemented already: only version-control changes.
    expect(outcome.changes).toEqual([id('version-control')]);
    expect(outcome.before).toEqual({
      overallLevel: 0,
      score: score(LEVEL_1.length - 1),
      meetsTarget: false,
    });
    expect(outcome.after).toEqual({
      overallLevel: 1,
      score: score(LEVEL_1.length),
      meetsTarget: true,
    });
  });

  it('adds evidence without a lift while another level-1 activity is still missing', () => {
    const outcome = previewLift(
      model,
      component(['version-control', 'mfa-for-admins']),
      [id('version-control')],
      'implemented',
    );
    expect(outcome.changes).toEqual([id('version-control')]);
    expect(outcome.before.overallLevel).toBe(0);
    expect(outcome.after.overallLevel).toBe(0);
    expect(outcome.after.score).toBe(score(LEVEL_1.length - 1));
    expect(outcome.after.meetsTarget).toBe(false);
  });

  it('turns a stale activity implemented, and leaves one that is not applicable as it is', () => {
    const stale = previewLift(
      model,
      component(['version-control'], { stale: ['version-control'] }),
      [id('version-control')],
      'implemented',
    );
    expect(stale.changes).toEqual([id('version-control')]);
    expect(stale.after.overallLevel).toBe(1);

    const waived: StoredStatuses = {
      target: { level: 1 },
      statuses: [
        {
          activityId: id('version-control'),
          status: 'not-applicable',
          ownEvidence: false,
        },
      ],
    };
    const outcome = previewLift(
      model,
      waived,
      [id('version-control')],
      'implemented',
    );
    expect(outcome.changes).toEqual([]);
    expect(outcome.after).toBe(outcome.before);
  });

  it('waives only where the component has no evidence of its own', () => {
    // version-control: missing; mfa-for-admins: implemented only through a scope;
    // centralized-system-logging: its own evidence; simple-scan (level 2): stale, its own.
    const stored = component(['version-control'], {
      inherited: ['mfa-for-admins'],
      stale: ['simple-scan'],
    });
    const outcome = previewLift(
      model,
      stored,
      [
        id('version-control'),
        id('mfa-for-admins'),
        id('centralized-system-logging'),
        id('simple-scan'),
      ],
      'not-applicable',
    );
    expect(outcome.changes).toEqual([
      id('version-control'),
      id('mfa-for-admins'),
    ]);
    expect(outcome.after.overallLevel).toBe(1);
    // Two level-1 activities leave the denominator; one of them was implemented.
    expect(outcome.after.score).toBe(score(LEVEL_1.length - 2, WEIGHT - 2));
  });

  it('ignores ids the model does not have', () => {
    const outcome = previewLift(
      model,
      component(['version-control']),
      ['no-such-activity'],
      'implemented',
    );
    expect(outcome.changes).toEqual([]);
    expect(outcome.after.overallLevel).toBe(0);
  });
});
