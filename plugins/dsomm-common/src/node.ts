/**
 * Node-only part of the DSOMM common package: the built-in model facts (about 120 KB of JSON)
 * and the DSOMM YAML model loader with its `yaml` dependency. The backend loads the model
 * through these; the frontend receives the model from the backend's `GET /model`, so keeping
 * them out of the main entry point keeps them out of frontend bundles.
 *
 * @packageDocumentation
 */

// The model types in this entry point's signatures, so that it can be used on its own.
export type {
  Activity,
  ActivityReferences,
  ActivityTexts,
  Difficulty,
  Dimension,
  DsommModel,
  Level,
  SubDimension,
} from './model/types';
export { assembleModel } from './model/assemble';
export type { ModelParts } from './model/assemble';
export { getBuiltInModel } from './model/builtInModel';
export { parseModelYaml, ModelLoadError } from './model/loadModelYaml';
export type { ModelLoadErrorDetails } from './model/loadModelYaml';
