/**
 * The entity fields the plugin's scoring reads, asked of the catalog with its `fields` option
 * so a full recompute does not pull whole entities (with their relations, descriptions, links
 * and processing annotations: about 25 MB at 10,000 components) only to read a few of them.
 * catalogFields.test.ts fails when scoring reads a field these lists leave out, or when a
 * listed field stops mattering.
 */

/** Fields of a scored Component. */
export const SCORED_ENTITY_FIELDS = [
  // Its entity ref (stringifyEntityRef): the key its score is stored under.
  'kind',
  'metadata.name',
  'metadata.namespace',
  // Shown on the scorecard; kept by an unscored entity's score too.
  'metadata.title',
  // Evidence (implemented, not applicable, rule annotations), their sightings, and the tier.
  'metadata.annotations',
  // The tier, when `dsomm.tiers.label` names a label.
  'metadata.labels',
  // Its place in the scope tree (owner group, system) and the scorecard's facts.
  'spec.owner',
  'spec.system',
  // Facts the scorecard filters by; the lifecycle also maps to a tier.
  'spec.type',
  'spec.lifecycle',
];

/** Fields of the Groups, Systems and Domains that make the scope tree. */
export const SCOPE_ENTITY_FIELDS = [
  // The scope's entity ref, under which its evidence is stored.
  'kind',
  'metadata.name',
  'metadata.namespace',
  // Evidence the scope hands down to the components below it.
  'metadata.annotations',
  // A group's place in the group tree: links may be given from either end.
  'spec.parent',
  'spec.children',
  // A system's domain.
  'spec.domain',
];
