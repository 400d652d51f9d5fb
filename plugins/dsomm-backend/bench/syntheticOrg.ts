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
 * A synthetic org of N components across N/25 teams (in departments of ten teams), N/50
 * systems and 10 domains. Components are made on demand from their index, the same each
 * time, so a catalog of 50k components costs the benchmark no memory and the peak RSS it
 * prints is the plugin's.
 *
 * Evidence sits where a real organisation keeps it: most Culture and Organization practices
 * on the team groups (and a few on departments), some platform practices (build, deployment,
 * infrastructure, logging, monitoring) on a third of the domains and a fifth of the systems;
 * components list mostly what is their own.
 */
export interface SyntheticOrg {
  size: number;
  groups: Entity[];
  systems: Entity[];
  domains: Entity[];
  component(index: number): Entity;
}

const CULTURE = 'Culture and Organization';
const PLATFORM_SUBDIMENSIONS = new Set([
  'Build',
  'Deployment',
  'Patch Management',
  'Infrastructure Hardening',
  'Logging',
  'Monitoring',
]);

function entity(
  kind: string,
  name: string,
  spec: NonNullable<Entity['spec']>,
  implemented: string[],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      ...(implemented.length > 0
        ? {
            annotations: {
              'dsomm.owasp.org/implemented': implemented.join('\n'),
            },
          }
        : {}),
    },
    spec,
  };
}

/** Keys of `keys` picked with a chance falling with their level (index 0 is level 1). */
function pick(byLevel: string[][], maturity: number, rnd: () => number) {
  const picked: string[] = [];
  byLevel.forEach((keys, index) => {
    const share = Math.max(0, maturity * 1.2 - index * 0.25);
    for (const key of keys) if (rnd() < share) picked.push(key);
  });
  return picked;
}

export function syntheticOrg(n: number, model: DsommModel): SyntheticOrg {
  const levelsOf = (filter: (a: DsommModel['activities'][0]) => boolean) =>
    [1, 2, 3, 4, 5].map(level =>
      model.activities
        .filter(a => a.level === level && filter(a))
        .map(a => a.key),
    );
  const own = levelsOf(a => a.dimension !== CULTURE);
  const culture = levelsOf(a => a.dimension === CULTURE);
  const platform = levelsOf(a => PLATFORM_SUBDIMENSIONS.has(a.subDimension));
  const rnd = random(n * 104729);
  const teams = Math.max(5, Math.round(n / 25));
  const departments = Math.max(1, Math.round(teams / 10));
  const groups: Entity[] = [];
  for (let d = 0; d < departments; d++) {
    groups.push(
      entity(
        'Group',
        `department-${d}`,
        { type: 'department', children: [] },
        // department-wide trainings and policies: the basics only
        pick(culture.slice(0, 1), rnd() * 0.6, rnd),
      ),
    );
  }
  for (let t = 0; t < teams; t++) {
    groups.push(
      entity(
        'Group',
        `team-${t}`,
        { type: 'team', parent: `department-${t % departments}`, children: [] },
        pick(culture, rnd(), rnd),
      ),
    );
  }
  const domains: Entity[] = [];
  for (let d = 0; d < 10; d++) {
    domains.push(
      entity(
        'Domain',
        `domain-${d}`,
        { owner: `department-${d % departments}` },
        rnd() < 0.33 ? pick(platform.slice(0, 2), rnd(), rnd) : [],
      ),
    );
  }
  const systemCount = Math.max(3, Math.round(n / 50));
  const systems: Entity[] = [];
  for (let s = 0; s < systemCount; s++) {
    systems.push(
      entity(
        'System',
        `system-${s}`,
        { owner: `team-${s % teams}`, domain: `domain-${s % 10}` },
        rnd() < 0.2 ? pick(platform.slice(0, 2), rnd() * 0.7, rnd) : [],
      ),
    );
  }
  return {
    size: n,
    groups,
    systems,
    domains,
    component: i =>
      syntheticComponent(
        i,
        own,
        culture,
        teams,
        systemCount,
        random(n * 7919 + i),
      ),
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
  culture: string[][],
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
  // A few components still list culture practices of their own (e.g. a threat model).
  if (rnd() < 0.1) implemented.push(...pick(culture.slice(0, 2), 0.3, rnd));
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
