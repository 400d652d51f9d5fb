import { indexModel } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { evidenceRules } from './evidenceRules';

describe('evidenceRules', () => {
  const model = getBuiltInModel();
  const id = (key: string) => indexModel(model).resolve(key)!.id;

  it('names the activities of each rule and report category by id', () => {
    const rules = evidenceRules(
      model,
      [
        {
          annotation: 'jenkins.io/job-full-name',
          activities: ['defined-build-process'],
        },
        {
          annotation: 'example.com/both',
          activities: [id('version-control'), 'version-control', 'no-such'],
        },
      ],
      { secrets: ['test-for-stored-secrets-in-code'], dast: [] },
    );
    expect(rules).toEqual({
      annotations: [
        {
          annotation: 'jenkins.io/job-full-name',
          activityIds: [id('defined-build-process')],
        },
        // Duplicates and unknown names are left out.
        {
          annotation: 'example.com/both',
          activityIds: [id('version-control')],
        },
      ],
      reports: {
        secrets: [id('test-for-stored-secrets-in-code')],
        dast: [],
      },
    });
  });
});
