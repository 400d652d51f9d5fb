import { indexModel } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { readPreviewInput } from './previewInput';

const model = getBuiltInModel();
const id = (key: string) => indexModel(model).byKey.get(key)!.id;

describe('readPreviewInput', () => {
  it('resolves keys and ids to ids, each once', () => {
    expect(
      readPreviewInput(
        {
          activities: ['version-control', id('version-control'), 'simple-scan'],
          status: 'implemented',
        },
        model,
      ),
    ).toEqual({
      activities: [id('version-control'), id('simple-scan')],
      status: 'implemented',
    });
  });

  it('names the unknown activities', () => {
    expect(() =>
      readPreviewInput(
        {
          activities: ['version-control', 'nope', 'nor-this'],
          status: 'implemented',
        },
        model,
      ),
    ).toThrow('body.activities: unknown activities "nope", "nor-this"');
  });

  it('refuses more activities than the model has, before resolving any', () => {
    const tooMany = [...model.activities.map(a => a.id), 'x'];
    expect(() =>
      readPreviewInput({ activities: tooMany, status: 'implemented' }, model),
    ).toThrow(
      `body.activities: must list at most ${model.activities.length} activities; got ${tooMany.length}`,
    );
  });

  it.each([
    [[], 'body: must be a JSON object'],
    [
      { activities: [], status: 'implemented' },
      'body.activities: must be a non-empty list',
    ],
    [
      { activities: 'version-control', status: 'implemented' },
      'body.activities: must be a non-empty list',
    ],
    [{ activities: [1], status: 'implemented' }, 'body.activities: every item'],
    [
      { activities: ['x'.repeat(201)], status: 'implemented' },
      'body.activities: every item',
    ],
    [
      { activities: ['version-control'], status: 'done' },
      'body.status: must be one of implemented, not-applicable',
    ],
    [{ activities: ['version-control'] }, 'body.status: must be one of'],
    [
      { activities: ['version-control'], status: 'implemented', extra: 1 },
      'body.extra: unknown field',
    ],
  ])('refuses %j', (body, message) => {
    expect(() => readPreviewInput(body, model)).toThrow(message);
  });
});
