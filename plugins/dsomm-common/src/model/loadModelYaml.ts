import { Document, parseAllDocuments, visit, YAMLError } from 'yaml';
import { assembleModel, ModelParts } from './assemble';
import { getBuiltInModel } from './builtInModel';
import {
  Activity,
  ActivityReferences,
  ActivityTexts,
  Difficulty,
  DsommModel,
  Level,
} from './types';
import { activityUrl } from './url';

/** Where in a model file a {@link ModelLoadError} was found. */
export interface ModelLoadErrorDetails {
  file: string;
  /** Name of the activity at fault, when one is. */
  activity?: string;
  /** Attribute at fault, as a path such as `difficultyOfImplementation.time`. */
  field?: string;
  /** 1-based line of a YAML syntax error. */
  line?: number;
}

/** A model file that cannot be loaded; the message names the file, and the activity and field where known. */
export class ModelLoadError extends Error {
  readonly file: string;
  readonly activity?: string;
  readonly field?: string;
  readonly line?: number;

  constructor(
    details: ModelLoadErrorDetails,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${details.file}: ${problem}`, options);
    this.name = 'ModelLoadError';
    this.file = details.file;
    this.activity = details.activity;
    this.field = details.field;
    this.line = details.line;
  }
}

/**
 * Used when an activity omits a 1-5 rating other than its level. Current DSOMM files rate every
 * activity, but older or hand-edited ones leave ratings out on some; the middle of the scale
 * keeps such activities loadable without ranking them first or last.
 */
const DEFAULT_RATING = 3;

const TEXT_FIELDS = ['description', 'risk', 'measure', 'assessment'] as const;

/** DSOMM tags activities without a tag as `none`; the built-in model leaves such lists empty. */
const NO_TAG = 'none';

/**
 * An ISO 27001 control id such as `8.10` or `12.1.1`. DSOMM's ISO lists also hold notes
 * ("Not explicitly covered by ISO 27001"); like the built-in model, only ids count as references.
 */
const ISO_CONTROL_ID = /^\d+(\.\d+)*$/;

/** A YAML mapping after conversion: keys in file order. */
type RawMap = Map<unknown, unknown>;

interface RawActivity {
  dimension: string;
  subDimension: string;
  name: string;
  attributes: RawMap;
}

/** Error location for one activity. */
interface ActivityContext {
  file: string;
  name: string;
}

/**
 * Parses DSOMM's `model.yaml` (a `meta` document, then
 * `dimension -> sub-dimension -> activity -> attributes`) into a checked model. DSOMM's level names are not in the file, so the built-in
 * ones are used. Throws {@link ModelLoadError} for anything it cannot use.
 */
export function parseModelYaml(text: string, file: string): DsommModel {
  const [metaDocument, modelDocument] = readDocuments(text, file);
  const meta = readMeta(metaDocument, file);
  const { dimensions, rawActivities } = readModelMap(modelDocument, file);
  const activities = resolveDependencyNames(
    rawActivities.map(raw => readActivity(raw, file)),
  );
  return assembleInFile(
    {
      ...meta,
      source: file,
      levels: { ...getBuiltInModel().levels },
      dimensions,
      activities,
    },
    file,
  );
}

function readDocuments(text: string, file: string): unknown[] {
  const documents = parseAllDocuments(text);
  for (const document of documents) {
    if (document.errors.length > 0) {
      throw syntaxError(document.errors[0], file);
    }
  }
  if (documents.length !== 2) {
    throw new ModelLoadError(
      { file },
      `expected two YAML documents, first "meta" then the model, found ${documents.length}`,
    );
  }
  return documents.map(document => toPlainValue(document, file));
}

function syntaxError(error: YAMLError, file: string): ModelLoadError {
  const position = error.linePos?.[0];
  // yaml appends the position and a source excerpt; the position is reported separately here.
  const reason = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '');
  const where = position
    ? ` at line ${position.line}, column ${position.col}`
    : '';
  return new ModelLoadError(
    { file, line: position?.line },
    `YAML syntax error${where}: ${reason}`,
  );
}

/**
 * Converts a document to plain values in which every scalar is a string or null. Plain scalars
 * are read as their source text because ids such as ISO `8.10` would otherwise become the float
 * 8.1; null stays null so that `~` and empty values read as absent.
 */
function toPlainValue(document: Document.Parsed, file: string): unknown {
  visit(document, {
    Scalar(_key, node) {
      if (node.value !== null && typeof node.value !== 'string') {
        node.value = node.source ?? String(node.value);
      }
    },
  });
  try {
    return document.toJS({ mapAsMap: true, maxAliasCount: 100 });
  } catch (error) {
    throw new ModelLoadError({ file }, `cannot read YAML: ${error.message}`, {
      cause: error,
    });
  }
}

function readMeta(
  value: unknown,
  file: string,
): { version: string; released?: string } {
  const meta = isRawMap(value) ? value.get('meta') : undefined;
  if (!isRawMap(meta)) {
    throw new ModelLoadError(
      { file, field: 'meta' },
      `the first YAML document must hold a map "meta" with the model version, got ${describe(
        meta ?? value,
      )}`,
    );
  }
  const version = meta.get('version');
  if (!isText(version)) {
    throw new ModelLoadError(
      { file, field: 'meta.version' },
      `field "meta.version" is required, got ${describe(version)}`,
    );
  }
  const released = meta.get('released');
  return { version, released: isText(released) ? released : undefined };
}

function readModelMap(
  value: unknown,
  file: string,
): { dimensions: ModelParts['dimensions']; rawActivities: RawActivity[] } {
  const dimensions: ModelParts['dimensions'] = [];
  const rawActivities: RawActivity[] = [];
  const model = expectMap(value, file, 'the model document', 'dimensions');
  for (const [dimension, subs] of namedEntries(model, file, 'dimension')) {
    const subMap = expectMap(
      subs,
      file,
      `dimension "${dimension}"`,
      'sub-dimensions',
    );
    const subDimensions: string[] = [];
    for (const [subDimension, acts] of namedEntries(
      subMap,
      file,
      'sub-dimension',
    )) {
      subDimensions.push(subDimension);
      const activityMap = expectMap(
        acts,
        file,
        `sub-dimension "${subDimension}"`,
        'activities',
      );
      for (const [name, attributes] of namedEntries(
        activityMap,
        file,
        'activity',
      )) {
        if (!isRawMap(attributes)) {
          throw new ModelLoadError(
            { file, activity: name },
            `activity "${name}" must be a map of attributes, got ${describe(
              attributes,
            )}`,
          );
        }
        rawActivities.push({ dimension, subDimension, name, attributes });
      }
    }
    dimensions.push({ name: dimension, subDimensions });
  }
  if (rawActivities.length === 0) {
    throw new ModelLoadError({ file }, 'the model holds no activities');
  }
  return { dimensions, rawActivities };
}

function expectMap(
  value: unknown,
  file: string,
  what: string,
  of: string,
): RawMap {
  if (!isRawMap(value)) {
    throw new ModelLoadError(
      { file },
      `${what} must be a map of ${of}, got ${describe(value)}`,
    );
  }
  return value;
}

/** Entries of a map whose keys are names; a missing or non-text name is an error. */
function namedEntries(
  map: RawMap,
  file: string,
  kind: string,
): [string, unknown][] {
  return [...map].map(([key, value]) => {
    if (!isText(key)) {
      throw new ModelLoadError(
        { file },
        `a ${kind} name must be text, got ${describe(key)}`,
      );
    }
    return [key, value];
  });
}

function readActivity(raw: RawActivity, file: string): Omit<Activity, 'key'> {
  const context: ActivityContext = { file, name: raw.name };
  const get = (field: string) => raw.attributes.get(field);
  const id = readUuid(context, get('uuid'));
  const texts = readTexts(context, raw.attributes);
  return {
    id,
    name: raw.name,
    dimension: raw.dimension,
    subDimension: raw.subDimension,
    level: readRating(context, 'level', get('level')) as Level,
    difficulty: readDifficulty(context, get('difficultyOfImplementation')),
    usefulness: readRating(
      context,
      'usefulness',
      get('usefulness'),
      DEFAULT_RATING,
    ),
    dependsOn: readTextList(context, 'dependsOn', get('dependsOn')),
    tags: readTextList(context, 'tags', get('tags')).filter(
      tag => tag !== NO_TAG,
    ),
    references: readReferences(context, get('references')),
    tools: readTools(context, get('implementation')),
    url: activityUrl(id),
    ...(texts ? { texts } : {}),
  };
}

function readUuid(context: ActivityContext, value: unknown): string {
  if (isAbsent(value)) {
    throw fieldError(context, 'uuid', 'is required');
  }
  if (!isText(value)) {
    throw fieldError(context, 'uuid', `must be text, got ${describe(value)}`);
  }
  return value;
}

/** Reads a 1-5 rating; without a fallback the field is required. */
function readRating(
  context: ActivityContext,
  field: string,
  value: unknown,
  fallback?: number,
): number {
  if (isAbsent(value)) {
    if (fallback === undefined) {
      throw fieldError(context, field, 'is required');
    }
    return fallback;
  }
  if (typeof value !== 'string' || !/^[1-5]$/.test(value.trim())) {
    throw fieldError(
      context,
      field,
      `must be an integer 1-5, got ${describe(value)}`,
    );
  }
  return Number(value);
}

function readDifficulty(context: ActivityContext, value: unknown): Difficulty {
  const field = 'difficultyOfImplementation';
  const map = readOptionalMap(context, field, value);
  const rating = (part: keyof Difficulty) =>
    readRating(context, `${field}.${part}`, map.get(part), DEFAULT_RATING);
  return {
    knowledge: rating('knowledge'),
    time: rating('time'),
    resources: rating('resources'),
  };
}

function readReferences(
  context: ActivityContext,
  value: unknown,
): ActivityReferences {
  const map = readOptionalMap(context, 'references', value);
  const list = (key: string) =>
    readTextList(context, `references.${key}`, map.get(key));
  const isoIds = (key: string) =>
    list(key).filter(entry => ISO_CONTROL_ID.test(entry));
  // Current files give openCRE as a list of links; a single link is read the same way.
  const [openCRE] = list('openCRE');
  return {
    samm2: list('samm2'),
    'iso27001-2017': isoIds('iso27001-2017'),
    'iso27001-2022': isoIds('iso27001-2022'),
    ...(openCRE ? { openCRE } : {}),
  };
}

/** Names of the tools listed under `implementation`, each once, in file order. */
function readTools(context: ActivityContext, value: unknown): string[] {
  const field = 'implementation';
  if (isAbsent(value)) return [];
  if (!Array.isArray(value)) {
    throw fieldError(context, field, `must be a list, got ${describe(value)}`);
  }
  const names = value.flatMap((item, index) => {
    if (item === null) return [];
    // A plain name is taken as is, so hand-written files may list tools briefly.
    const name = isRawMap(item) ? item.get('name') : item;
    if (!isText(name)) {
      throw fieldError(
        context,
        `${field}[${index}].name`,
        `must be text, got ${describe(name)}`,
      );
    }
    return [name];
  });
  return [...new Set(names)];
}

/** The texts present; undefined when the activity has none. */
function readTexts(
  context: ActivityContext,
  attributes: RawMap,
): ActivityTexts | undefined {
  const texts: ActivityTexts = {};
  for (const field of TEXT_FIELDS) {
    const value = attributes.get(field);
    if (isAbsent(value)) continue;
    if (typeof value !== 'string') {
      throw fieldError(context, field, `must be text, got ${describe(value)}`);
    }
    texts[field] = value;
  }
  return Object.keys(texts).length > 0 ? texts : undefined;
}

/**
 * Reads a list of text. A single text counts as a one-item list and null items are skipped, so
 * that small slips in a published file do not block loading it.
 */
function readTextList(
  context: ActivityContext,
  field: string,
  value: unknown,
): string[] {
  if (isAbsent(value)) return [];
  if (isText(value)) return [value];
  if (!Array.isArray(value)) {
    throw fieldError(
      context,
      field,
      `must be a list of text, got ${describe(value)}`,
    );
  }
  return value.flatMap((item, index) => {
    if (item === null) return [];
    if (!isText(item)) {
      throw fieldError(
        context,
        `${field}[${index}]`,
        `must be text, got ${describe(item)}`,
      );
    }
    return [item];
  });
}

function readOptionalMap(
  context: ActivityContext,
  field: string,
  value: unknown,
): RawMap {
  if (isAbsent(value)) return new Map();
  if (!isRawMap(value)) {
    throw fieldError(context, field, `must be a map, got ${describe(value)}`);
  }
  return value;
}

/**
 * Some files list `dependsOn` by activity name rather than uuid. A name of an activity in the
 * file is replaced by its uuid; anything else is kept for assembleModel to reject.
 */
function resolveDependencyNames(
  activities: Omit<Activity, 'key'>[],
): Omit<Activity, 'key'>[] {
  const ids = new Set(activities.map(a => a.id));
  const idByName = new Map(activities.map(a => [a.name, a.id]));
  const resolve = (dep: string) =>
    ids.has(dep) ? dep : idByName.get(dep) ?? dep;
  return activities.map(a => ({ ...a, dependsOn: a.dependsOn.map(resolve) }));
}

/** assembleModel's checks, with its errors turned into ModelLoadErrors naming the file. */
function assembleInFile(parts: ModelParts, file: string): DsommModel {
  try {
    return assembleModel(parts);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    // assembleModel starts each message with `activity "<name>" (<id>)`.
    const culprit = parts.activities.find(a =>
      error.message.startsWith(`activity "${a.name}" (${a.id})`),
    );
    const field = fieldOfAssembleProblem(error.message);
    throw new ModelLoadError(
      { file, activity: culprit?.name, field },
      field ? `${error.message} (field "${field}")` : error.message,
      { cause: error },
    );
  }
}

/** The model.yaml field behind an assembleModel message, where one field is. */
function fieldOfAssembleProblem(message: string): string | undefined {
  if (/: duplicate id$/.test(message)) return 'uuid';
  if (/: (dependsOn "|dependency cycle )/.test(message)) return 'dependsOn';
  if (/: level must be/.test(message)) return 'level';
  return undefined;
}

function fieldError(
  context: ActivityContext,
  field: string,
  problem: string,
): ModelLoadError {
  return new ModelLoadError(
    { file: context.file, activity: context.name, field },
    `activity "${context.name}": field "${field}" ${problem}`,
  );
}

function isRawMap(value: unknown): value is RawMap {
  return value instanceof Map;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Null, `~`, an empty value and an empty string all mean "not given". */
function isAbsent(value: unknown): value is null | undefined | '' {
  return value === undefined || value === null || value === '';
}

/** Short description of a value for error messages. */
function describe(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (isRawMap(value)) return 'a map';
  return JSON.stringify(value);
}
