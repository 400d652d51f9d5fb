import { assembleModel } from '../model/assemble';
import { activityUrl } from '../model/url';
import { Activity, DsommModel, Level } from '../model/types';

type Spec = [
  id: string,
  name: string,
  dimension: string,
  subDimension: string,
  level: Level,
  usefulness: number,
  difficulty: number,
  dependsOn?: string[],
];

const specs: Spec[] = [
  ['a1', 'Defined pipeline', 'Build', 'Pipeline', 1, 4, 2],
  ['a2', 'Pinned tools', 'Build', 'Pipeline', 1, 3, 1],
  ['a3', 'Signed artifacts', 'Build', 'Pipeline', 2, 5, 4, ['a1']],
  ['a4', 'Reproducible builds', 'Build', 'Pipeline', 3, 2, 5, ['a3']],
  ['b1', 'Release notes', 'Build', 'Release', 1, 2, 1],
  ['b2', 'Canary release', 'Build', 'Release', 2, 3, 3, ['c2']],
  ['c1', 'Code scanning', 'Test', 'Static', 1, 5, 2],
  ['c2', 'Dependency scanning', 'Test', 'Static', 2, 3, 3, ['c1']],
  ['c3', 'Secret scanning', 'Test', 'Static', 2, 5, 1],
];

/** A small hand-made model whose scores are easy to compute by hand. */
export function tinyModel(): DsommModel {
  return assembleModel({
    version: 'test',
    source: 'test',
    levels: { 1: 'one', 2: 'two', 3: 'three', 4: 'four', 5: 'five' },
    dimensions: [
      { name: 'Build', subDimensions: ['Pipeline', 'Release'] },
      { name: 'Test', subDimensions: ['Static'] },
    ],
    activities: specs.map(
      ([id, name, dimension, subDimension, level, usefulness, d, deps]) =>
        ({
          id,
          name,
          dimension,
          subDimension,
          level,
          usefulness,
          difficulty: { knowledge: d, time: d, resources: d },
          dependsOn: deps ?? [],
          tags: [],
          references: { samm2: [], 'iso27001-2017': [], 'iso27001-2022': [] },
          tools: [],
          url: activityUrl(id),
        } satisfies Omit<Activity, 'key'>),
    ),
  });
}
