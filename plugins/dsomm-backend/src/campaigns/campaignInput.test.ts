import { InputError } from '@backstage/errors';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { DsommModel } from '@dsomm/plugin-dsomm-common';
import { readGoal } from './campaignInput';

const model = getBuiltInModel();

describe('readGoal', () => {
  it('stores dimensions and sub-dimensions by name, given by name or key in any case', () => {
    expect(
      readGoal(
        {
          dimensions: {
            'build-and-deployment': 2,
            BUILD: 3,
            'static-depth-for-applications': 1,
            'Test KPI': 1,
          },
        },
        model,
      ),
    ).toEqual({
      dimensions: {
        'Build and Deployment': 2,
        Build: 3,
        'Static depth for applications': 1,
        'Test KPI': 1,
      },
    });
  });

  it('refuses unknown names, naming every one of them', () => {
    expect(() =>
      readGoal({ dimensions: { Build: 1, Bild: 2, 'No such': 1 } }, model),
    ).toThrow(
      /^body\.goal\.dimensions: unknown dimensions or sub-dimensions "Bild", "No such"; the model has dimensions .*Build and Deployment.* and sub-dimensions .*Static depth for applications/,
    );
    expect(() => readGoal({ dimensions: { Bild: 2 } }, model)).toThrow(
      InputError,
    );
  });

  it('refuses a sub-dimension name two dimensions share', () => {
    const twice: DsommModel = {
      ...model,
      dimensions: model.dimensions.map((d, i) =>
        i < 2
          ? {
              ...d,
              subDimensions: [
                ...d.subDimensions,
                {
                  name: 'Shared',
                  key: 'shared',
                  dimension: d.name,
                  activityIds: [],
                },
              ],
            }
          : d,
      ),
    };
    expect(() => readGoal({ dimensions: { shared: 1 } }, twice)).toThrow(
      `body.goal.dimensions: "shared" is a sub-dimension of ${model.dimensions[0].name} and ${model.dimensions[1].name}; a goal cannot tell them apart`,
    );
  });

  it('still checks each level', () => {
    expect(() => readGoal({ dimensions: { Build: 6 } }, model)).toThrow(
      'body.goal.dimensions.Build: must be a level from 1 to 5',
    );
  });
});
