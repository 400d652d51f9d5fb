import { Entity } from '@backstage/catalog-model';
import { DsommModel } from '@dsomm/plugin-dsomm-common';
import { random } from './random';

const TIERS = ['critical', 'standard', 'standard', 'standard', 'experimental'];
const LIFECYCLES = [
  'production',
  'production',
  'production',
  'experimental',
  'deprecated',
];

/**
 * A synthetic org of N components across N/25 teams, N/50 systems and 10 domains. Entities
 * are made on demand from their index, the same each time, so a catalog of 50k components
 * costs the benchmark no memory and the peak RSS it prints is the plugin's.
 */
export interface SyntheticOrg {
  size: number;
  systems: Entity[];
  component(index: number): Entity;
}

export function syntheticOrg(n: number, model: DsommModel): SyntheticOrg {
  const byLevel = [1, 2, 3, 4, 5].map(level =>
    model.activities.filter(a => a.level === level).map(a => a.key),
  );
  const teams = Math.max(5, Math.round(n / 25));
  const systemCount = Math.max(3, Math.round(n / 50));
  const systems: Entity[] = [];
  for (let s = 0; s < systemCount; s++) {
    systems.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: `system-${s}`, namespace: 'default' },
      spec: { owner: `team-${s % teams}`, domain: `domain-${s % 10}` },
    });
  }
  return {
    size: n,
    systems,
    component: i =>
      syntheticComponent(i, byLevel, teams, systemCount, random(n * 7919 + i)),
  };
}

/**
 * One component with DSOMM annotations in realistic proportions: most list a dozen to a few
 * dozen activities, weighted toward low levels; a few list unknown keys or not-applicable
 * activities; some carry well-known integration annotations.
 */
function syntheticComponent(
  i: number,
  byLevel: string[][],
  teams: number,
  systems: number,
  rnd: () => number,
): Entity {
  const maturity = rnd();
  const implemented: string[] = [];
  byLevel.forEach((keys, index) => {
    // Mature components cover most low-level activities; high levels are rarer.
    const share = Math.max(0, maturity * 1.2 - index * 0.22);
    for (const key of keys) if (rnd() < share) implemented.push(key);
  });
  if (rnd() < 0.02) implemented.push('made-up-activity');
  const annotations: Record<string, string> = {
    'dsomm.owasp.org/implemented': implemented.join('\n'),
  };
  if (rnd() < 0.9)
    annotations['dsomm.owasp.org/tier'] = TIERS[i % TIERS.length];
  if (rnd() < 0.1) {
    annotations['dsomm.owasp.org/not-applicable'] =
      'blue-green-deployment,canary-deployment';
  }
  if (rnd() < 0.4) annotations['sonarqube.org/project-key'] = `svc-${i}`;
  if (rnd() < 0.3) annotations['github.com/project-slug'] = `org/svc-${i}`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: `svc-${i}`, namespace: 'default', annotations },
    spec: {
      type: 'service',
      lifecycle: LIFECYCLES[i % LIFECYCLES.length],
      owner: `team-${i % teams}`,
      system: `system-${i % systems}`,
    },
  };
}
