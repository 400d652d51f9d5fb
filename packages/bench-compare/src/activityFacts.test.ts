import { Entity } from '@backstage/catalog-model';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { ScopeEvidence, listedActivities } from './activityFacts';

const model = getBuiltInModel();

function entity(
  kind: string,
  name: string,
  spec: object,
  implemented?: string,
  notApplicable?: string,
): Entity {
  const annotations: Record<string, string> = {};
  if (implemented) annotations['dsomm.owasp.org/implemented'] = implemented;
  if (notApplicable)
    annotations['dsomm.owasp.org/not-applicable'] = notApplicable;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec,
  };
}

const trueKeys = (facts: Record<string, boolean>) =>
  Object.keys(facts)
    .filter(k => facts[k])
    .sort();

describe('listedActivities', () => {
  it('reads keys and ids split on commas and new lines, dropping unknown entries', () => {
    const byId = model.activities.find(a => a.key === 'backup')!.id;
    expect(
      listedActivities(
        model,
        ` version-control,\n${byId}\r\nmade-up-activity,,`,
      ),
    ).toEqual(['version-control', 'backup']);
    expect(listedActivities(model, undefined)).toEqual([]);
  });
});

describe('ScopeEvidence', () => {
  it('gives a component its own, its scopes and the organisation practices, and nothing else', () => {
    const scopes = new ScopeEvidence(model, ['a-patch-policy-is-defined']);
    scopes.add(
      entity(
        'Group',
        'department-0',
        { type: 'department' },
        'regular-security-training-for-all',
      ),
    );
    scopes.add(
      entity(
        'Group',
        'team-0',
        { type: 'team', parent: 'department-0' },
        'security-code-review',
      ),
    );
    scopes.add(
      entity(
        'Domain',
        'domain-0',
        { owner: 'department-0' },
        'centralized-system-logging',
      ),
    );
    scopes.add(
      entity(
        'System',
        'system-0',
        { owner: 'team-0', domain: 'domain-0' },
        'backup',
      ),
    );
    // A team that is not the component's owner.
    scopes.add(
      entity(
        'Group',
        'team-1',
        { type: 'team', parent: 'department-0' },
        'monitoring-of-costs',
      ),
    );

    const facts = scopes.factsOf(
      entity(
        'Component',
        'svc-0',
        { owner: 'team-0', system: 'system-0' },
        'version-control',
        'blue-green-deployment',
      ),
    );
    expect(Object.keys(facts)).toHaveLength(194);
    expect(trueKeys(facts)).toEqual(
      [
        'a-patch-policy-is-defined',
        'backup',
        'blue-green-deployment',
        'centralized-system-logging',
        'regular-security-training-for-all',
        'security-code-review',
        'version-control',
      ].sort(),
    );
  });

  it('reads group references with a kind and ignores unknown owners', () => {
    const scopes = new ScopeEvidence(model, []);
    scopes.add(entity('Group', 'team-0', { type: 'team' }, 'backup'));
    expect(
      trueKeys(
        scopes.factsOf(
          entity('Component', 'a', { owner: 'group:default/team-0' }),
        ),
      ),
    ).toEqual(['backup']);
    expect(
      trueKeys(
        scopes.factsOf(
          entity('Component', 'b', { owner: 'user:default/someone' }),
        ),
      ),
    ).toEqual([]);
  });
});
