import { Entity } from '@backstage/catalog-model';

export function component(
  name: string,
  spec: Record<string, unknown>,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', ...spec },
  };
}

/** A small catalog with a spread of DSOMM annotations and tiers. */
export function testCatalog(): Entity[] {
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'payments', namespace: 'default' },
      spec: { owner: 'team-a', domain: 'commerce' },
    },
    component(
      'alpha',
      { owner: 'team-a', system: 'payments' },
      {
        'dsomm.owasp.org/tier': 'critical',
        'dsomm.owasp.org/implemented': [
          'defined-build-process',
          'test-for-stored-secrets-in-code',
          'c6e3c812-56e2-41b0-ae01-b7afc41a004c',
        ].join(', '),
        'sonarqube.org/project-key': 'alpha',
      },
    ),
    component(
      'beta',
      { owner: 'group:default/team-b' },
      {
        'dsomm.owasp.org/tier': 'standard',
        'dsomm.owasp.org/implemented': 'version-control\nnot-a-real-activity\n',
        'dsomm.owasp.org/not-applicable': 'blue-green-deployment',
      },
    ),
    component('gamma', { owner: 'team-b', lifecycle: 'experimental' }),
  ];
}

/** Config used by the backend tests. */
export const testConfig = {
  dsomm: {
    targets: {
      default: { level: 1 },
      tiers: {
        critical: { level: 3, dimensions: { 'test-and-verification': 2 } },
        standard: { level: 2 },
        experimental: { level: 0 },
      },
    },
    tiers: { lifecycle: { experimental: 'experimental' } },
  },
};
