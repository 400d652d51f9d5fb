import { stringify } from 'yaml';
import { getBuiltInModel } from './builtInModel';
import { ModelLoadError, parseModelYaml } from './loadModelYaml';
import { Activity, DsommModel } from './types';

type Attributes = Record<string, unknown>;

/** The two documents of a model.yaml, as plain objects a test can change before writing. */
interface ModelFile {
  meta: Attributes;
  model: Record<string, Record<string, Record<string, Attributes>>>;
}

/**
 * Builds a model.yaml like DSOMM's from the built-in model, with invented placeholder texts:
 * DSOMM's own texts are under GPL/CC BY-SA and stay out of this repository.
 */
function modelFileFrom(source: DsommModel): ModelFile {
  const byId = new Map(source.activities.map(a => [a.id, a]));
  const model: ModelFile['model'] = {};
  for (const dimension of source.dimensions) {
    model[dimension.name] = {};
    for (const sub of dimension.subDimensions) {
      model[dimension.name][sub.name] = Object.fromEntries(
        sub.activityIds.map(id => [
          byId.get(id)!.name,
          attributesOf(byId.get(id)!),
        ]),
      );
    }
  }
  return {
    meta: {
      version: source.version,
      released: source.released,
      publisher: 'https://example.org/dsomm-data',
    },
    model,
  };
}

/** Attributes as DSOMM writes them: numbers as plain scalars, extra fields the loader ignores. */
function attributesOf(activity: Activity): Attributes {
  return {
    uuid: activity.id,
    description: `Text for ${activity.name}`,
    risk: `Risk of ${activity.name}`,
    measure: `Measure for ${activity.name}`,
    assessment: `Assessment of ${activity.name}`,
    difficultyOfImplementation: {
      knowledge: String(activity.difficulty.knowledge),
      time: String(activity.difficulty.time),
      resources: String(activity.difficulty.resources),
    },
    usefulness: String(activity.usefulness),
    level: String(activity.level),
    ...(activity.dependsOn.length > 0 ? { dependsOn: activity.dependsOn } : {}),
    tags: activity.tags.length > 0 ? activity.tags : ['none'],
    implementation: activity.tools.map((name, index) => ({
      uuid: `tool-${index}`,
      name,
      tags: [],
      url: 'https://example.org/tool',
      description: `About ${name}`,
    })),
    references: {
      samm2: activity.references.samm2,
      'iso27001-2017': activity.references['iso27001-2017'],
      'iso27001-2022': activity.references['iso27001-2022'],
      openCRE: [openCreLink(activity.name)],
    },
    comments: '',
    isImplemented: 'false',
    evidence: '',
  };
}

function openCreLink(name: string): string {
  return `https://www.opencre.org/node/standard/DSOMM/${encodeURIComponent(
    name,
  )}`;
}

/**
 * Writes the two documents. The failsafe schema writes every string plain where YAML allows it,
 * as DSOMM's file does, so `8.10` appears unquoted and would read as a float if misparsed.
 */
function toYaml(file: ModelFile): string {
  const document = (value: unknown) => stringify(value, { schema: 'failsafe' });
  return `---\n${document({ meta: file.meta })}---\n${document(file.model)}`;
}

const builtIn = getBuiltInModel();

function freshFile(): ModelFile {
  return modelFileFrom(builtIn);
}

/** The attributes of a named activity in a model file. */
function attributes(file: ModelFile, name: string): Attributes {
  for (const subs of Object.values(file.model)) {
    for (const activities of Object.values(subs)) {
      if (activities[name]) return activities[name];
    }
  }
  throw new Error(`no activity "${name}" in the fixture`);
}

function idOf(name: string): string {
  return builtIn.activities.find(a => a.name === name)!.id;
}

/** Parses and returns the ModelLoadError thrown; fails the test if none is. */
function loadError(text: string): ModelLoadError {
  try {
    parseModelYaml(text, 'model.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ModelLoadError);
    return error as ModelLoadError;
  }
  throw new Error('expected parseModelYaml to throw');
}

/** What a model.yaml and the built-in model share: everything but texts and openCRE links. */
function facts(activity: Activity) {
  return {
    id: activity.id,
    key: activity.key,
    name: activity.name,
    dimension: activity.dimension,
    subDimension: activity.subDimension,
    level: activity.level,
    difficulty: activity.difficulty,
    usefulness: activity.usefulness,
    dependsOn: activity.dependsOn,
    tags: activity.tags,
    samm2: activity.references.samm2,
    iso2017: activity.references['iso27001-2017'],
    iso2022: activity.references['iso27001-2022'],
    tools: activity.tools,
    url: activity.url,
  };
}

const PINNING = 'Pinning of artifacts';
const BUILD_PROCESS = 'Defined build process';

describe('parseModelYaml', () => {
  describe('a file generated from the built-in model', () => {
    const model = parseModelYaml(toYaml(freshFile()), 'model.yaml');

    it('has the same 194 activities, keys, levels, dependencies and references', () => {
      expect(model.activities).toHaveLength(194);
      expect(model.activities.map(facts)).toEqual(
        builtIn.activities.map(facts),
      );
    });

    it('keeps dimension and sub-dimension order and the level names', () => {
      expect(model.dimensions).toEqual(builtIn.dimensions);
      expect(model.levels).toEqual(builtIn.levels);
    });

    it('takes version and release date from meta and the source from the file name', () => {
      expect(model.version).toBe('4.3.1');
      expect(model.released).toBe('2026-05-19');
      expect(model.source).toBe('model.yaml');
    });

    it('carries the texts and the openCRE link', () => {
      const pinning = model.activities.find(a => a.name === PINNING)!;
      expect(pinning.texts).toEqual({
        description: `Text for ${PINNING}`,
        risk: `Risk of ${PINNING}`,
        measure: `Measure for ${PINNING}`,
        assessment: `Assessment of ${PINNING}`,
      });
      expect(pinning.references.openCRE).toBe(openCreLink(PINNING));
      expect(pinning.url).toBe(
        `https://dsomm.owasp.org/activity-description?uuid=${idOf(PINNING)}`,
      );
    });

    it('reads the tag "none" as no tags', () => {
      const build = model.activities.find(a => a.name === BUILD_PROCESS)!;
      expect(build.tags).toEqual([]);
    });
  });

  it('keeps numeric-looking ids and versions as written', () => {
    const file = freshFile();
    file.meta.version = '4.10';
    const pinning = attributes(file, PINNING);
    pinning.references = {
      samm2: ['I-SB-A-1'],
      'iso27001-2017': ['12.1.10', '8.20'],
      'iso27001-2022': ['8.10', '5.1', 'Not covered by ISO 27001'],
      openCRE: 'https://www.opencre.org/single-link',
    };
    const text = toYaml(file);
    expect(text).toContain('\n          - 8.10\n');
    expect(text).toContain('  version: 4.10\n');

    const model = parseModelYaml(text, 'model.yaml');
    expect(model.version).toBe('4.10');
    expect(model.activities.find(a => a.name === PINNING)!.references).toEqual({
      samm2: ['I-SB-A-1'],
      'iso27001-2017': ['12.1.10', '8.20'],
      'iso27001-2022': ['8.10', '5.1'],
      openCRE: 'https://www.opencre.org/single-link',
    });
  });

  it('loads a newer file with one more activity', () => {
    const file = freshFile();
    file.model['Build and Deployment'].Deployment['Canary checks'] = {
      uuid: 'c0ffee00-0000-4000-8000-000000000001',
      level: '3',
      description: 'Text for Canary checks',
      dependsOn: [idOf(PINNING)],
      references: { samm2: ['I-SD-A-3'] },
    };
    const model = parseModelYaml(toYaml(file), 'model-4.4.0.yaml');
    expect(model.activities).toHaveLength(195);
    const canary = model.activities.find(a => a.key === 'canary-checks')!;
    expect(canary).toMatchObject({
      id: 'c0ffee00-0000-4000-8000-000000000001',
      dimension: 'Build and Deployment',
      subDimension: 'Deployment',
      level: 3,
      dependsOn: [idOf(PINNING)],
      tags: [],
      tools: [],
      texts: { description: 'Text for Canary checks' },
      references: {
        samm2: ['I-SD-A-3'],
        'iso27001-2017': [],
        'iso27001-2022': [],
      },
    });
    // Older files omit ratings on some activities; they default to the middle of the scale.
    expect(canary.difficulty).toEqual({ knowledge: 3, time: 3, resources: 3 });
    expect(canary.usefulness).toBe(3);
  });

  it('resolves a dependency given by activity name to its uuid', () => {
    const file = freshFile();
    attributes(file, PINNING).dependsOn = [BUILD_PROCESS];
    const model = parseModelYaml(toYaml(file), 'model.yaml');
    expect(model.activities.find(a => a.name === PINNING)!.dependsOn).toEqual([
      idOf(BUILD_PROCESS),
    ]);
  });

  it('reads an empty or null implementation and a single tag as written', () => {
    const text = [
      '---',
      'meta:',
      '  version: 1.0.0',
      '---',
      'Culture:',
      '  Education:',
      '    Training:',
      '      uuid: t-1',
      '      level: 1',
      '      implementation: ~',
      '      tags: training',
      '    Coaching:',
      '      uuid: t-2',
      '      level: 2',
      '      implementation: ""',
      '      isImplemented: false',
      '      evidence: ""',
    ].join('\n');
    const model = parseModelYaml(text, 'small.yaml');
    expect(model.released).toBeUndefined();
    expect(
      model.activities.map(a => ({
        name: a.name,
        tools: a.tools,
        tags: a.tags,
      })),
    ).toEqual([
      { name: 'Training', tools: [], tags: ['training'] },
      { name: 'Coaching', tools: [], tags: [] },
    ]);
    expect(model.activities[0].texts).toBeUndefined();
  });

  describe('errors', () => {
    it('names file, activity and field for a missing uuid', () => {
      const file = freshFile();
      delete attributes(file, PINNING).uuid;
      const error = loadError(toYaml(file));
      expect(error.message).toBe(
        `model.yaml: activity "${PINNING}": field "uuid" is required`,
      );
      expect(error).toMatchObject({
        file: 'model.yaml',
        activity: PINNING,
        field: 'uuid',
      });
    });

    it.each([
      ['7', '"7"'],
      ['abc', '"abc"'],
      ['2.5', '"2.5"'],
    ])('rejects level %s', (level, shown) => {
      const file = freshFile();
      attributes(file, PINNING).level = level;
      const error = loadError(toYaml(file));
      expect(error.message).toBe(
        `model.yaml: activity "${PINNING}": field "level" must be an integer 1-5, got ${shown}`,
      );
      expect(error).toMatchObject({ activity: PINNING, field: 'level' });
    });

    it('rejects a missing level', () => {
      const file = freshFile();
      delete attributes(file, PINNING).level;
      expect(loadError(toYaml(file)).message).toBe(
        `model.yaml: activity "${PINNING}": field "level" is required`,
      );
    });

    it('rejects a difficulty rating outside 1-5', () => {
      const file = freshFile();
      attributes(file, PINNING).difficultyOfImplementation = { time: '9' };
      const error = loadError(toYaml(file));
      expect(error.message).toBe(
        `model.yaml: activity "${PINNING}": field "difficultyOfImplementation.time" must be an integer 1-5, got "9"`,
      );
      expect(error.field).toBe('difficultyOfImplementation.time');
    });

    it('rejects a duplicate uuid, naming the second activity', () => {
      const file = freshFile();
      attributes(file, PINNING).uuid = idOf(BUILD_PROCESS);
      const error = loadError(toYaml(file));
      expect(error.message).toBe(
        `model.yaml: activity "${PINNING}" (${idOf(
          BUILD_PROCESS,
        )}): duplicate id (field "uuid")`,
      );
      expect(error).toMatchObject({
        file: 'model.yaml',
        activity: PINNING,
        field: 'uuid',
      });
    });

    it('rejects a dependency on an unknown uuid', () => {
      const file = freshFile();
      attributes(file, PINNING).dependsOn = ['no-such-activity'];
      const error = loadError(toYaml(file));
      expect(error.message).toBe(
        `model.yaml: activity "${PINNING}" (${idOf(
          PINNING,
        )}): dependsOn "no-such-activity" is not an activity of the model (field "dependsOn")`,
      );
      expect(error).toMatchObject({ activity: PINNING, field: 'dependsOn' });
    });

    it('rejects a dependency cycle', () => {
      // Pinning of artifacts already depends on Defined build process.
      const file = freshFile();
      attributes(file, BUILD_PROCESS).dependsOn = [idOf(PINNING)];
      const error = loadError(toYaml(file));
      expect(error.message).toBe(
        `model.yaml: activity "${BUILD_PROCESS}" (${idOf(
          BUILD_PROCESS,
        )}): dependency cycle "${BUILD_PROCESS}" -> "${PINNING}" -> "${BUILD_PROCESS}" (field "dependsOn")`,
      );
      expect(error.activity).toBe(BUILD_PROCESS);
      expect(error.field).toBe('dependsOn');
    });

    it('names file and line of a YAML syntax error', () => {
      const text = [
        '---',
        'meta:',
        '  version: 1.0.0',
        '---',
        'Build and Deployment:',
        '  Build:',
        '    Defined build process:',
        '      uuid: [unclosed',
        '      level: 1',
      ].join('\n');
      const error = loadError(text);
      expect(error.message).toMatch(
        /^model\.yaml: YAML syntax error at line 9, column 7: Flow sequence/,
      );
      expect(error).toMatchObject({ file: 'model.yaml', line: 9 });
    });

    it('rejects a file without the meta document', () => {
      const file = freshFile();
      const error = loadError(stringify(file.model));
      expect(error.message).toBe(
        'model.yaml: expected two YAML documents, first "meta" then the model, found 1',
      );
    });

    it('rejects meta without a version', () => {
      const file = freshFile();
      delete file.meta.version;
      const error = loadError(toYaml(file));
      expect(error.message).toBe(
        'model.yaml: field "meta.version" is required, got nothing',
      );
      expect(error.field).toBe('meta.version');
    });

    it('rejects a dimension that is not a map', () => {
      const text = toYaml({
        meta: { version: '1.0.0' },
        model: { Culture: ['a', 'b'] } as unknown as ModelFile['model'],
      });
      expect(loadError(text).message).toBe(
        'model.yaml: dimension "Culture" must be a map of sub-dimensions, got a list',
      );
    });

    it('rejects activity attributes that are not a map', () => {
      const text = toYaml({
        meta: { version: '1.0.0' },
        model: {
          Culture: { Education: { Training: 'just text' } },
        } as unknown as ModelFile['model'],
      });
      const error = loadError(text);
      expect(error.message).toBe(
        'model.yaml: activity "Training" must be a map of attributes, got "just text"',
      );
      expect(error.activity).toBe('Training');
    });

    it('rejects a tool entry without a name', () => {
      const file = freshFile();
      attributes(file, PINNING).implementation = [{ uuid: 'x', url: 'u' }];
      const error = loadError(toYaml(file));
      expect(error.message).toBe(
        `model.yaml: activity "${PINNING}": field "implementation[0].name" must be text, got nothing`,
      );
    });
  });
});
