import fs from 'fs';
import path from 'path';
import fc from 'fast-check';
import { defaultReportParsers } from './parsers';
import { readReport } from './readReport';
import {
  DROPPED_KEYS,
  JsonStreamReader,
  JsonSyntaxError,
  MAP_KEYS,
  MAX_STRING_LENGTH,
  StreamJsonOptions,
  streamJson,
  truncateString,
} from './streamJson';

const root = path.resolve(__dirname, '__fixtures__');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

const fixtures = filesUnder(root)
  .filter(file => /\.(json|sarif)$/.test(file))
  .map(file => path.relative(root, file))
  .sort();

/** A fixture's bytes without its BOM (readReport strips it before streamJson). */
function bytesOf(name: string): Buffer {
  const body = fs.readFileSync(path.join(root, name));
  return body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf
    ? body.subarray(3)
    : body;
}

/** No pruning at all: a plain JSON reader. */
const ALL: StreamJsonOptions = {
  dropKeys: new Set(),
  maxStringLength: Infinity,
};

function setMember(target: Record<string, unknown>, key: string, v: unknown) {
  Object.defineProperty(target, key, {
    value: v,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/**
 * Reference pruning, written independently of the reader (recursive, so for fixtures
 * only): what streamJson should leave of a JSON.parse result.
 */
function prune(value: unknown, top = true, map = false): unknown {
  if (typeof value === 'string') {
    return truncateString(value, MAX_STRING_LENGTH);
  }
  if (Array.isArray(value)) return value.map(item => prune(item, false));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      if (!map && DROPPED_KEYS.has(key)) {
        if (top) setMember(out, key, null);
        continue;
      }
      setMember(out, key, prune(member, false, MAP_KEYS.has(key)));
    }
    return out;
  }
  return value;
}

/** Splits bytes into chunks of the given sizes, cycling through them. */
function chunked(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0, n = 0; at < bytes.length; n++) {
    const size = sizes.length ? sizes[n % sizes.length] : bytes.length;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

/** JSON.parse's verdict on a text: its value, or that it throws. */
function parsed(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function streamed(
  input: Uint8Array | Uint8Array[],
  options?: StreamJsonOptions,
): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: streamJson(input, options) };
  } catch (error) {
    // Nothing but a JsonSyntaxError may come out, whatever the input.
    if (!(error instanceof JsonSyntaxError)) throw error;
    expect(error.message).toMatch(/at byte \d+/);
    return { ok: false };
  }
}

/** What the JSON parsers make of a document: detection, then a summary or an error. */
function outcome(doc: unknown, format?: string) {
  const candidates = defaultReportParsers.filter(p => p.syntax === 'json');
  const parser = format
    ? candidates.find(p => p.format === format)
    : candidates.find(p => p.detect(doc));
  const keys =
    typeof doc === 'object' && doc !== null ? Object.keys(doc) : undefined;
  if (!parser) return { format: undefined, keys };
  try {
    return { format: parser.format, keys, summary: parser.parse(doc) };
  } catch (error) {
    return { format: parser.format, keys, error: String(error) };
  }
}

function hasNegativeZero(value: unknown): boolean {
  if (Object.is(value, -0)) return true;
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some(hasNegativeZero);
}

/** Every object in a document, iteratively. */
function objectsOf(doc: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const stack = [doc];
  while (stack.length) {
    const value = stack.pop();
    if (Array.isArray(value)) stack.push(...value);
    else if (typeof value === 'object' && value !== null) {
      out.push(value as Record<string, unknown>);
      stack.push(...Object.values(value));
    }
  }
  return out;
}

describe('streamJson', () => {
  it('has JSON fixtures to check against', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
  });

  describe.each(fixtures)('on fixture %s', name => {
    const bytes = bytesOf(name);
    const text = bytes.toString('utf8');

    it('reads what JSON.parse reads, less the dropped members', () => {
      const expected = prune(JSON.parse(text));
      expect(streamJson(bytes)).toStrictEqual(expected);
      for (const sizes of [[1], [7, 3, 64], [4096]]) {
        expect(streamJson(chunked(bytes, sizes))).toStrictEqual(expected);
      }
    });

    it('reads exactly what JSON.parse reads when nothing is dropped', () => {
      expect(streamJson(bytes, ALL)).toStrictEqual(JSON.parse(text));
      expect(streamJson(chunked(bytes, [5, 1, 300]), ALL)).toStrictEqual(
        JSON.parse(text),
      );
    });

    it('gives the parsers the same detection and summary as JSON.parse', () => {
      const format = text.trim() === 'null' ? 'trivy' : undefined;
      expect(outcome(streamJson(bytes), format)).toStrictEqual(
        outcome(JSON.parse(text), format),
      );
    });

    it('refuses every truncation with a syntax error, never hangs', () => {
      const cuts = new Set<number>([0, 1, bytes.length - 1]);
      for (let k = 1; k < 40; k++)
        cuts.add(Math.floor((bytes.length * k) / 40));
      for (const cut of cuts) {
        const prefix = bytes.subarray(0, cut);
        const expected = parsed(prefix.toString('utf8'));
        const actual = streamed(chunked(prefix, [997]), ALL);
        // Only a cut in trailing whitespace leaves valid JSON: then the same value.
        expect(actual).toStrictEqual(expected);
      }
    });
  });

  it('lists no key a parser reads, for any format at any depth', () => {
    // Every property name a parser (or readReport) reads appears in its source as `.name`
    // or as a quoted string ('name' in x, x['name'], lists of names); comments aside.
    const dir = __dirname;
    const sources = [
      ...fs
        .readdirSync(path.join(dir, 'parsers'))
        .filter(f => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map(f => path.join(dir, 'parsers', f)),
      ...['readReport.ts', 'summary.ts', 'guards.ts'].map(f =>
        path.join(dir, f),
      ),
    ];
    expect(sources.length).toBeGreaterThanOrEqual(14);
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const found: string[] = [];
    for (const file of sources) {
      const code = fs
        .readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      for (const key of DROPPED_KEYS) {
        const use = new RegExp(
          `\\.${escape(key)}(?![\\w$-])|['"\`]${escape(key)}['"\`]`,
        );
        if (use.test(code)) {
          found.push(`${path.basename(file)}: ${key}`);
        }
      }
    }
    expect(found).toEqual([]);
    // The map keys are read as maps (npm audit) or looked up by data (SARIF).
    expect(MAP_KEYS).toEqual(new Set(['vulnerabilities', 'messageStrings']));
  });

  it('leaves parsers unaffected by dropped members wherever they appear', () => {
    const docs = fixtures.map(name => bytesOf(name).toString('utf8'));
    const injection = fc.record({
      at: fc.nat(),
      key: fc.constantFrom(...DROPPED_KEYS),
      value: fc.jsonValue({ maxDepth: 2 }),
    });
    fc.assert(
      fc.property(
        fc.nat(docs.length - 1),
        fc.array(injection, { minLength: 1, maxLength: 6 }),
        (index, injections) => {
          const doc = JSON.parse(docs[index]);
          const objects = objectsOf(doc);
          if (objects.length === 0) return;
          for (const { at, key, value } of injections) {
            setMember(objects[at % objects.length], key, value);
          }
          const text = JSON.stringify(doc);
          const format = text === 'null' ? 'trivy' : undefined;
          expect(outcome(streamJson(Buffer.from(text)), format)).toStrictEqual(
            outcome(JSON.parse(text), format),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads any JSON value in chunks of any size as JSON.parse does', () => {
    const noDropped = (value: unknown) =>
      objectsOf(value).every(o =>
        Object.keys(o).every(k => !DROPPED_KEYS.has(k)),
      );
    const document = fc.jsonValue({ stringUnit: 'binary' }).filter(
      v =>
        noDropped(v) &&
        JSON.stringify(v).length < 20000 &&
        // Strings the reader keeps whole.
        !/"[^"]{1000}/.test(JSON.stringify(v)),
    );
    fc.assert(
      fc.property(
        document,
        fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 5 }),
        fc.constantFrom(undefined, 2, '\t'),
        (value, sizes, indent) => {
          const text = JSON.stringify(value, null, indent);
          const result = streamJson(chunked(Buffer.from(text), sizes));
          expect(result).toStrictEqual(JSON.parse(text));
          // JSON.stringify writes -0 as 0, the only value that does not come back.
          expect(result).toEqual(
            hasNegativeZero(value) ? JSON.parse(JSON.stringify(value)) : value,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('accepts exactly what JSON.parse accepts', () => {
    const jsonish = fc
      .array(
        fc.constantFrom(
          ...'{}[],:"\\ \n\t\r0123456789-+.eEtrufalsnxu/bAf'.split(''),
          '\u00e9',
          '\u2028',
          '\ud83d\ude00',
          '\u0001',
          '\ufeff',
          '\u00a0',
          'true',
          'null',
          '"a"',
          '\\u00e9',
          '\\ud800',
          '{"a":',
          '[1,',
        ),
        { maxLength: 30 },
      )
      .map(parts => parts.join(''));
    const mutated = fc
      .tuple(fc.json(), fc.nat(), fc.nat(3), fc.string({ maxLength: 2 }))
      .map(([text, at, drop, insert]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + drop);
      });
    fc.assert(
      fc.property(
        fc.oneof(jsonish, mutated, fc.json()),
        fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 4 }),
        (text, sizes) => {
          const bytes = Buffer.from(text);
          const expected = parsed(bytes.toString('utf8'));
          const actual = streamed(chunked(bytes, sizes), ALL);
          expect(actual).toStrictEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('decodes raw bytes, invalid UTF-8 included, as Buffer#toString does', () => {
    const bytes = fc.array(
      fc.constantFrom(
        0x22,
        0x5c,
        0x75,
        0x30,
        0x41,
        0x6e,
        0x20,
        0x0a,
        0x7b,
        0x7d,
        0x5b,
        0x5d,
        0x3a,
        0x2c,
        0xc3,
        0xa9,
        0xe2,
        0x82,
        0xac,
        0xf0,
        0x9f,
        0x98,
        0x80,
        0xff,
        0xc0,
        0xed,
        0xa0,
      ),
      { maxLength: 40 },
    );
    const wrapped = fc
      .tuple(bytes, fc.constantFrom('str', 'list', 'raw'))
      .map(([body, how]) => {
        const inner = Buffer.from(body);
        if (how === 'raw') return inner;
        if (how === 'str') {
          return Buffer.concat([Buffer.from('"'), inner, Buffer.from('"')]);
        }
        return Buffer.concat([Buffer.from('["'), inner, Buffer.from('"]')]);
      });
    fc.assert(
      fc.property(
        wrapped,
        fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 4 }),
        (buf, sizes) => {
          expect(streamed(chunked(buf, sizes), ALL)).toStrictEqual(
            parsed(buf.toString('utf8')),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['', 'Unexpected end of input at byte 0, expected a value'],
    ['  ', 'Unexpected end of input at byte 2, expected a value'],
    ['{"a": 1,', 'Unexpected end of input at byte 8, expected a property name'],
    ['[1,]', "Unexpected ']' at byte 3, expected a value"],
    ['{"a":1,}', "Unexpected '}' at byte 7, expected a property name"],
    ['{"a" 1}', "Unexpected '1' at byte 5, expected ':'"],
    ["{'a':1}", "Unexpected ''' at byte 1, expected a property name or '}'"],
    ['[1 2]', "Unexpected '2' at byte 3, expected ',' or ']'"],
    ['{"a":1]', "Unexpected ']' at byte 6, expected ',' or '}'"],
    ['[] []', "Unexpected '[' at byte 3, expected the end of the document"],
    ['01', "Bad number '01' at byte 0"],
    ['[1.]', "Bad number '1.' at byte 1"],
    ['-', "Bad number '-' at byte 0"],
    ['+1', "Unexpected '+' at byte 0, expected a value"],
    ['NaN', "Unexpected 'N' at byte 0, expected a value"],
    ['[tru]', "Unexpected ']' at byte 4, in 'true'"],
    ['nul', "Unexpected end of input at byte 3, in 'null'"],
    ['"a\\x"', "Bad escape 'x' in a string at byte 3"],
    ['"\\u12g4"', "Bad \\u escape: 'g' is not a hex digit, at byte 5"],
    ['"a\tb"', 'Unescaped control character byte 0x09 in a string at byte 2'],
    [
      '["abc',
      'Unexpected end of input at byte 5, in the string that starts at byte 1',
    ],
    ['\ufeff{}', 'Unexpected byte 0xef at byte 0, expected a value'],
    ['{"a":\u00a0 1}', 'Unexpected byte 0xc2 at byte 5, expected a value'],
  ])('refuses %j: %s', (text, message) => {
    expect(JSON.parse.bind(null, text)).toThrow();
    expect(() => streamJson(Buffer.from(text))).toThrow(
      new JsonSyntaxError(message, 0),
    );
    expect(() => streamJson(Buffer.from(text))).toThrow(JsonSyntaxError);
  });

  it('counts error offsets from byteOffset and across chunks', () => {
    expect(() =>
      streamJson(Buffer.from('{"a": 1,'), { byteOffset: 3 }),
    ).toThrow('Unexpected end of input at byte 11, expected a property name');
    let error: JsonSyntaxError | undefined;
    try {
      streamJson(chunked(Buffer.from('{"a": [1, 2, 3}'), [2, 3]));
    } catch (e) {
      error = e as JsonSyntaxError;
    }
    expect(error?.offset).toBe(14);
    expect(error?.message).toBe(
      "Unexpected '}' at byte 14, expected ',' or ']'",
    );
  });

  it('stays unusable after an error', () => {
    const reader = new JsonStreamReader();
    expect(() => reader.write(Buffer.from('[}'))).toThrow(JsonSyntaxError);
    expect(() => reader.write(Buffer.from(']'))).toThrow(
      "Unexpected '}' at byte 1",
    );
    expect(() => reader.end()).toThrow("Unexpected '}' at byte 1");
  });

  it('reads top-level scalars, null included, as JSON.parse does', () => {
    for (const text of [
      'null',
      ' true ',
      'false',
      '-0',
      '1e400',
      '"x"',
      '0.5E-3',
    ]) {
      expect(streamJson(Buffer.from(text))).toStrictEqual(JSON.parse(text));
    }
  });

  it('keeps a __proto__ key as an own property, as JSON.parse does', () => {
    const text = '{"a":{"__proto__":{"polluted":true}},"__proto__":[1]}';
    const doc = streamJson(Buffer.from(text)) as Record<string, any>;
    expect(doc).toStrictEqual(JSON.parse(text));
    expect(Object.getPrototypeOf(doc.a)).toBe(Object.prototype);
    expect(Object.keys(doc)).toEqual(['a', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  describe('deep nesting', () => {
    const depth = 100_000;
    // The reader can go this deep when asked; readReport bounds it (see limits below).
    const deep = { maxDepth: Infinity };

    it('refuses 100,000 unclosed brackets with an error, not a stack overflow', () => {
      expect(() => streamJson(Buffer.from('['.repeat(depth)), deep)).toThrow(
        `Unexpected end of input at byte ${depth}, expected a value or ']'`,
      );
      expect(() =>
        streamJson(Buffer.from(`${'{"a":'.repeat(depth)}1`), deep),
      ).toThrow(
        `Unexpected end of input at byte ${5 * depth + 1}, expected ',' or '}'`,
      );
      expect(() =>
        streamJson(
          Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth - 1)}}`),
          deep,
        ),
      ).toThrow(`Unexpected '}' at byte ${2 * depth - 1}, expected ',' or ']'`);
    });

    it('reads 100,000 levels as JSON.parse does, built or dropped', () => {
      const text = `${'['.repeat(depth)}${']'.repeat(depth)}`;
      expect(() => JSON.parse(text)).not.toThrow();
      let value = streamJson(chunked(Buffer.from(text), [4096]), deep);
      let levels = 0;
      while (Array.isArray(value)) {
        levels += 1;
        value = value[0];
      }
      expect(levels).toBe(depth);

      const dropped = `{"x":{"codeFlows":${text},"y":1}}`;
      expect(streamJson(Buffer.from(dropped), deep)).toStrictEqual({
        x: { y: 1 },
      });
    });
  });

  describe('pruning', () => {
    it('drops listed members below the top level, whatever their value', () => {
      const text = JSON.stringify({
        runs: [
          {
            results: [
              {
                ruleId: 'r1',
                codeFlows: [{ threadFlows: [{ locations: [1, 2, 3] }] }],
                relatedLocations: 'text',
                fixes: 12,
                stacks: null,
                graphs: { a: { b: [true] } },
                partialFingerprints: { 'primaryLocationLineHash/v1': 'x' },
              },
            ],
          },
        ],
      });
      expect(streamJson(Buffer.from(text))).toStrictEqual({
        runs: [{ results: [{ ruleId: 'r1' }] }],
      });
    });

    it('keeps dropped top-level members as null, so detection sees the same keys', () => {
      const doc = streamJson(
        Buffer.from('{"spdxVersion":"SPDX-2.3","files":[{"a":1}],"name":"x"}'),
      );
      expect(doc).toStrictEqual({
        spdxVersion: 'SPDX-2.3',
        files: null,
        name: 'x',
      });
      expect(Object.keys(doc as object)).toEqual([
        'spdxVersion',
        'files',
        'name',
      ]);
    });

    it('keeps every member of a map keyed by data (npm audit packages, SARIF messages)', () => {
      const text = JSON.stringify({
        auditReportVersion: 2,
        vulnerabilities: {
          snippet: { name: 'snippet', via: [], references: 'x' },
          lines: { name: 'lines', via: ['snippet'] },
        },
        rules: [{ messageStrings: { help: { text: 'Fix {0}' } }, help: {} }],
      });
      expect(streamJson(Buffer.from(text))).toStrictEqual({
        auditReportVersion: 2,
        vulnerabilities: {
          snippet: { name: 'snippet', via: [] },
          lines: { name: 'lines', via: ['snippet'] },
        },
        rules: [{ messageStrings: { help: { text: 'Fix {0}' } } }],
      });
    });

    it('still refuses malformed JSON inside a dropped member', () => {
      for (const bad of ['[1,]', '{"a" 1}', '"\\q"', '01', '[', 'tru']) {
        const text = `{"x":{"codeFlows":${bad}}}`;
        expect(() => streamJson(Buffer.from(text))).toThrow(JsonSyntaxError);
        expect(() => streamJson(chunked(Buffer.from(text), [1]))).toThrow(
          JsonSyntaxError,
        );
      }
    });

    it('cuts long strings and keys to their start, in any chunking', () => {
      const long = `${'é'.repeat(700)}\\n${'\\u00e9x'.repeat(
        600,
      )}😀${'z'.repeat(5000)}`;
      const key = 'k'.repeat(3000);
      const text = `{"${key}":["${long}"]}`;
      const full = JSON.parse(text)[key][0] as string;
      const expected = {
        [truncateString(key, MAX_STRING_LENGTH)]: [
          truncateString(full, MAX_STRING_LENGTH),
        ],
      };
      expect(streamJson(Buffer.from(text))).toStrictEqual(expected);
      for (const sizes of [[1], [3, 7], [1000], [5000]]) {
        expect(streamJson(chunked(Buffer.from(text), sizes))).toStrictEqual(
          expected,
        );
      }
      expect(Object.keys(expected)[0].length).toBe(MAX_STRING_LENGTH);
      expect((Object.values(expected)[0][0] as string).length).toBe(
        MAX_STRING_LENGTH,
      );
    });

    it('does not split a surrogate pair when it cuts', () => {
      const text = JSON.stringify(`${'a'.repeat(999)}😀${'b'.repeat(10)}`);
      expect(streamJson(Buffer.from(text))).toBe('a'.repeat(999));
      expect(truncateString('abc', 10)).toBe('abc');
    });
  });
});

describe('readReport on streamJson', () => {
  const read = (name: string) => fs.readFileSync(path.join(root, name));

  it('reads JSON without turning the whole body into one string', () => {
    const body = read('sarif/codeQL-output.sarif');
    const lengths: number[] = [];
    const original = Buffer.prototype.toString;
    const spy = jest
      .spyOn(Buffer.prototype, 'toString')
      .mockImplementation(function toString(this: Buffer, ...args: unknown[]) {
        const [encoding, start, end] = args as [
          BufferEncoding?,
          number?,
          number?,
        ];
        lengths.push((end ?? this.length) - (start ?? 0));
        return original.call(this, encoding, start, end);
      });
    try {
      readReport(body, defaultReportParsers);
    } finally {
      spy.mockRestore();
    }
    expect(body.length).toBeGreaterThan(500_000);
    expect(Math.max(...lengths)).toBeLessThan(10_000);
  });

  it.each([
    ['\ufeff{"a": 1,', 'at byte 11, expected a property name'],
    ['\u00a0{"a": 1}', 'Unexpected byte 0xc2 at byte 0, expected a value'],
    ['{"a": 1}\u00a0', 'Unexpected byte 0xc2 at byte 8, expected the end'],
    ['\ufeff\ufeff[]', 'Unexpected byte 0xef at byte 3, expected a value'],
    ['\u3000null\u2028', 'Unexpected byte 0xe3 at byte 0, expected a value'],
  ])('answers %j with 400 and the byte offset', (text, message) => {
    let error: any;
    try {
      readReport(Buffer.from(text), defaultReportParsers);
    } catch (e) {
      error = e;
    }
    // Broken JSON is a bad request (InputError, 400), not an unknown media type.
    expect(error?.name).toBe('InputError');
    expect(error?.message).toMatch(
      /^Report body looks like JSON but does not parse: /,
    );
    expect(error?.message).toContain(message);
  });

  it.each([
    [' \n null \t', 'gitleaks'],
    ['\ufeffnull', 'gitleaks'],
    ['\ufeff \r\n[]', 'gitleaks'],
  ])('reads %j as a JSON report', (text, format) => {
    expect(readReport(Buffer.from(text), defaultReportParsers).format).toBe(
      format,
    );
  });

  it.each([
    ['', 'Report body is empty'],
    ['\ufeff \u00a0\u2003', 'Report body is empty'],
    ['nul', 'neither JSON nor XML'],
    ['null x', 'neither JSON nor XML'],
    ['\u00e9{}', 'neither JSON nor XML'],
    [Buffer.from([0xff, 0x7b, 0x7d]), 'neither JSON nor XML'],
  ])('refuses %j as neither JSON nor XML', (body, message) => {
    expect(() =>
      readReport(
        typeof body === 'string' ? Buffer.from(body) : body,
        defaultReportParsers,
      ),
    ).toThrow(message);
  });

  it('reads a SARIF result with a very long message to the same summary', () => {
    const doc = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'CodeQL', rules: [{ id: 'r' }] } },
          results: [
            {
              ruleId: 'r',
              message: { text: `${'  '.repeat(10)}${'word '.repeat(5000)}` },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'src/a.ts' },
                    region: { startLine: 3, snippet: { text: 'x' } },
                    contextRegion: { startLine: 1 },
                  },
                },
              ],
              codeFlows: [{ threadFlows: [] }],
            },
          ],
        },
      ],
    };
    const body = Buffer.from(JSON.stringify(doc));
    expect(readReport(body, defaultReportParsers)).toStrictEqual(
      outcome(doc).summary,
    );
  });
});
