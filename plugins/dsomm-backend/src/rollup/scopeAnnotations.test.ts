import { Entity } from '@backstage/catalog-model';
import { indexModel } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { readScopeAnnotations } from './scopeAnnotations';

const index = indexModel(getBuiltInModel());
const id = (key: string) => index.resolve(key)!.id;

const group = (annotations?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', ...(annotations ? { annotations } : {}) },
  spec: { type: 'team', children: [] },
});

describe('readScopeAnnotations', () => {
  it('reads both lists as ids, each once, and names unknown items', () => {
    expect(
      readScopeAnnotations(
        group({
          'dsomm.owasp.org/implemented': `version-control, ${id(
            'version-control',
          )}\nmfa-for-admins\n\nnope`,
          'dsomm.owasp.org/not-applicable': 'blue-green-deployment',
          'sonarqube.org/project-key': 'team-a',
        }),
        index,
      ),
    ).toEqual({
      implemented: [id('version-control'), id('mfa-for-admins')],
      notApplicable: [id('blue-green-deployment')],
      warnings: ['dsomm.owasp.org/implemented: unknown activity "nope"'],
    });
  });

  it('gives empty lists for a scope without annotations', () => {
    expect(readScopeAnnotations(group(), index)).toEqual({
      implemented: [],
      notApplicable: [],
      warnings: [],
    });
  });
});
