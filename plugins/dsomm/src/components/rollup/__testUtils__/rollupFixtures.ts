import { Entity } from '@backstage/catalog-model';
import { ScopeRollupResponse } from '@dsomm/plugin-dsomm-common';
import teamPaymentsRollup from '../__fixtures__/team-payments.rollup.json';

/** A roll-up of team-payments over the fixture model's activities, cloned per call. */
export function teamPaymentsRollupFixture(): ScopeRollupResponse {
  return JSON.parse(JSON.stringify(teamPaymentsRollup));
}

export function groupEntity(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [] },
  };
}
