import { ConfigReader } from '@backstage/config';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { readDsommConfig } from '../config/readDsommConfig';
import { component, testConfig } from '../__testUtils__/entities';
import { errorMessage, unscoredEntity } from './unscoredEntity';

const model = getBuiltInModel();
const config = readDsommConfig(new ConfigReader(testConfig), model);
const now = new Date('2026-06-01T10:00:00Z');

describe('unscoredEntity', () => {
  it('stores every dimension at level 0 with the problem as its one warning', () => {
    const entity = component('broken', { owner: 'team-a' });
    entity.metadata.title = 'Broken service';
    const score = unscoredEntity(
      'component:default/broken',
      entity,
      'DSOMM could not score this entity: boom',
      { model, config, now },
    );
    expect(score.facts).toEqual({
      entityRef: 'component:default/broken',
      kind: 'component',
      namespace: 'default',
      name: 'broken',
      title: 'Broken service',
    });
    expect(Object.keys(score.dimensionLevels).sort()).toEqual(
      model.dimensions.map(d => d.name).sort(),
    );
    expect(Object.values(score.dimensionLevels)).toEqual(
      model.dimensions.map(() => 0),
    );
    expect(score).toMatchObject({
      overallLevel: 0,
      score: 0,
      activities: [],
      computedAt: now.toISOString(),
      modelVersion: model.version,
      // the default target of the test config is level 1
      target: { level: 1 },
      meetsTarget: false,
      warnings: ['DSOMM could not score this entity: boom'],
    });
  });

  it('keeps a title only when it is a string', () => {
    const entity = component('odd', {});
    (entity.metadata as any).title = { nested: true };
    const score = unscoredEntity('component:default/odd', entity, 'x', {
      model,
      config,
      now,
    });
    expect(score.facts.title).toBeUndefined();
  });
});

describe('errorMessage', () => {
  it('drops the statement knex puts before the database message, and bounds the length', () => {
    expect(
      errorMessage(
        new Error(
          "insert into `dsomm_scores` (`name`) values ('a - b') - refused by trigger",
        ),
      ),
    ).toBe('refused by trigger');
    expect(errorMessage(new TypeError('x.trim is not a function'))).toBe(
      'x.trim is not a function',
    );
    expect(errorMessage('plain')).toBe('plain');
    // an error from another realm is no `instanceof Error`, but has its message
    expect(
      errorMessage({
        name: 'SqliteError',
        message: 'insert into `t` values (1) - refused',
      }),
    ).toBe('refused');
    expect(errorMessage(new Error('y'.repeat(5000)))).toHaveLength(500);
  });
});
