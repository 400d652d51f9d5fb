import facts from './data/model-facts-4.3.1.json';
import { assembleModel } from './assemble';
import { activityUrl } from './url';
import { DsommModel, Level } from './types';

let cached: DsommModel | undefined;

/**
 * The DSOMM 4.3.1 model shipped with the plugin: names, ids, levels, ratings, dependencies,
 * references and tools, without DSOMM's descriptive texts (each activity links to its page).
 */
export function getBuiltInModel(): DsommModel {
  if (!cached) {
    cached = assembleModel({
      version: facts.source.version,
      released: facts.source.released,
      source: 'built-in',
      levels: facts.levels as Record<`${Level}`, string> as unknown as Record<
        Level,
        string
      >,
      dimensions: facts.dimensions,
      activities: facts.activities.map(a => ({
        id: a.uuid,
        name: a.name,
        dimension: a.dimension,
        subDimension: a.subDimension,
        level: a.level as Level,
        difficulty: a.difficulty,
        usefulness: a.usefulness,
        dependsOn: a.dependsOn,
        tags: a.tags,
        references: {
          samm2: a.references.samm2 ?? [],
          'iso27001-2017': a.references['iso27001-2017'] ?? [],
          'iso27001-2022': a.references['iso27001-2022'] ?? [],
        },
        tools: a.tools,
        url: activityUrl(a.uuid),
      })),
    });
  }
  return cached;
}
