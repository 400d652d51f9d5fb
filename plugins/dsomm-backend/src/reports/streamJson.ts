/**
 * A streaming JSON reader for scanner reports.
 *
 * It builds the document from the body's bytes, chunk by chunk, without first turning the
 * body into one string and without `JSON.parse`, and it leaves out what no report parser
 * reads, so that a 100 MB report does not need several copies of itself in memory:
 *
 * - Object members named in `dropKeys` (by default {@link DROPPED_KEYS}: code flows,
 *   snippets, hashes, licences, references, ...) are read for syntax only: their values are
 *   never built. At the top level such a member keeps its key with the value `null`, so that
 *   the list of top-level keys (which detection and error messages show) does not change.
 *   Objects under a key named in `mapKeys` are maps whose keys are data (npm audit's package
 *   names), so none of their members is dropped.
 * - Strings longer than `maxStringLength` UTF-16 units keep only their start (parsers cut
 *   titles to 300 characters anyway); the rest is read for syntax only. Object keys are cut
 *   the same way (a key is data in npm audit's map, so it must be bounded too).
 * - Nesting deeper than `maxDepth` (skipped values included: each level costs memory) and
 *   more than `maxValues` values built throw {@link ReportLimitError} naming the limit.
 *
 * Apart from that, the result is what `JSON.parse` gives for the same text (the body decoded
 * as UTF-8, invalid bytes becoming U+FFFD as `Buffer#toString` does), and it accepts and
 * refuses exactly the documents `JSON.parse` does. A leading byte order mark is not JSON: the
 * caller strips it. Nesting costs no call stack: the reader keeps its own stack. Syntax errors throw {@link JsonSyntaxError}, whose message gives the byte
 * offset of the problem.
 */

import { DEFAULT_REPORT_LIMITS, ReportLimitError } from './limits';

/** Strings longer than this keep only their first this many UTF-16 units. */
export const MAX_STRING_LENGTH = DEFAULT_REPORT_LIMITS.maxStringLength;

/**
 * Members no report parser reads (see ./parsers/*.ts), dropped while reading. Most are large:
 * SARIF code flows, snippets and notifications, Trivy layers and references, CycloneDX hashes
 * and licences, SPDX files and relationships. A key a parser reads, for any format and at any
 * depth, must not be in this list: `streamJson.test.ts` checks the parsers' sources for it.
 */
export const DROPPED_KEYS: ReadonlySet<string> = new Set([
  // SARIF 2.1.0 (result, run, location, invocation and rule members)
  'codeFlows',
  'threadFlows',
  'threadFlowLocations',
  'graphs',
  'graphTraversals',
  'stacks',
  'snippet',
  'contextRegion',
  'relatedLocations',
  'attachments',
  'fixes',
  'webRequest',
  'webResponse',
  'webRequests',
  'webResponses',
  'artifacts',
  'addresses',
  'toolExecutionNotifications',
  'toolConfigurationNotifications',
  'notifications',
  'taxonomies',
  'taxa',
  'relationships',
  'policies',
  'translations',
  'help',
  'fingerprints',
  'partialFingerprints',
  // Trivy
  'Layer',
  'References',
  'CVSS',
  'VendorSeverity',
  'DataSource',
  'Code',
  'Packages',
  'Licenses',
  'Metadata',
  // CycloneDX
  'hashes',
  'licenses',
  'externalReferences',
  'evidence',
  'pedigree',
  'swid',
  'releaseNotes',
  'signature',
  'dependencies',
  // SPDX 2.x
  'files',
  'snippets',
  'hasFiles',
  'checksums',
  'licenseInfoFromFiles',
  'hasExtractedLicensingInfos',
  'annotations',
  // Grype
  'matchDetails',
  'relatedVulnerabilities',
  'cvss',
  'cpes',
  'layers',
  // OSV-Scanner
  'references',
  'ranges',
  'versions',
  // Semgrep
  'lines',
  'metavars',
  'dataflow_trace',
  // Checkov
  'passed_checks',
  'skipped_checks',
  'code_block',
]);

/**
 * Keys whose object value is a map keyed by data, not by field names: npm audit's
 * `vulnerabilities` (package name to entry) and SARIF's `messageStrings` (message id to
 * template). None of the members of such an object is dropped, whatever its name.
 */
export const MAP_KEYS: ReadonlySet<string> = new Set([
  'vulnerabilities',
  'messageStrings',
]);

export interface StreamJsonOptions {
  /** Object members whose values are skipped; default {@link DROPPED_KEYS}. */
  dropKeys?: ReadonlySet<string>;
  /** Keys whose object values keep all their members; default {@link MAP_KEYS}. */
  mapKeys?: ReadonlySet<string>;
  /** Longest string value kept whole (UTF-16 units); default {@link MAX_STRING_LENGTH}. */
  maxStringLength?: number;
  /** Added to the byte offsets in error messages, e.g. the length of a stripped BOM. */
  byteOffset?: number;
  /** Deepest nesting of arrays and objects; default `DEFAULT_REPORT_LIMITS.maxDepth`. */
  maxDepth?: number;
  /** Most values built; default `DEFAULT_REPORT_LIMITS.maxJsonValues`. */
  maxValues?: number;
}

/** The input is not JSON. `offset` is the byte where the reader noticed. */
export class JsonSyntaxError extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = 'JsonSyntaxError';
    this.offset = offset;
  }
}

/**
 * Cuts a string to `limit` UTF-16 units, one fewer when the cut would split a surrogate pair.
 */
export function truncateString(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const last = text.charCodeAt(limit - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? limit - 1 : limit);
}

// Container kinds.
const ARRAY = 0;
const OBJECT = 1;

// What the reader expects next.
const VALUE = 0; // a value: at the start, after ':', after ',' in a list
const VALUE_OR_END = 1; // after '['
const KEY_OR_END = 2; // after '{'
const KEY = 3; // after ',' in an object
const COLON = 4; // after a key
const COMMA_OR_END = 5; // after a value in a list or an object
const DONE = 6; // after the document: whitespace only
const STRING = 7; // inside a string (key or value)
const NUMBER = 8; // inside a number
const LITERAL = 9; // inside true, false or null

const EXPECTED = [
  'a value',
  "a value or ']'",
  "a property name or '}'",
  'a property name',
  "':'",
  '', // COMMA_OR_END: depends on the container
  'the end of the document',
];

/** What a one-character escape stands for, by the byte after the backslash. */
const ESCAPED: (string | undefined)[] = new Array(256).fill(undefined);
ESCAPED[0x22] = '"';
ESCAPED[0x5c] = '\\';
ESCAPED[0x2f] = '/';
ESCAPED[0x62] = '\b';
ESCAPED[0x66] = '\f';
ESCAPED[0x6e] = '\n';
ESCAPED[0x72] = '\r';
ESCAPED[0x74] = '\t';

/** Hex digit values by byte, -1 for non-digits. */
const HEX = new Int8Array(256).fill(-1);
for (let d = 0; d < 10; d++) HEX[0x30 + d] = d;
for (let d = 0; d < 6; d++) {
  HEX[0x41 + d] = 10 + d;
  HEX[0x61 + d] = 10 + d;
}

/** Bytes that can be part of a number token (it is checked as a whole at its end). */
const NUMBER_BYTE = new Uint8Array(256);
for (const c of '0123456789+-.eE') NUMBER_BYTE[c.charCodeAt(0)] = 1;
const NUMBER_SYNTAX = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A string scratch buffer larger than this is not kept for the next string. */
const KEEP_SCRATCH = 1 << 20;

function show(byte: number): string {
  return byte > 0x20 && byte < 0x7f
    ? `'${String.fromCharCode(byte)}'`
    : `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

function toBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk)
    ? chunk
    : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * Decodes the bytes of a string (between its quotes; escapes already checked), reading at
 * most `rawCap` bytes, and cuts the text to `limit` units.
 */
function decode(
  buf: Buffer,
  start: number,
  end: number,
  escaped: boolean,
  limit: number,
  rawCap: number,
): string {
  const stop = end - start > rawCap ? start + rawCap : end;
  let text: string;
  if (!escaped) {
    text = buf.toString('utf8', start, stop);
  } else {
    text = '';
    // Bounded, so that looking for the next backslash never reads past the string.
    const bytes = buf.subarray(0, stop);
    let from = start;
    while (from < stop) {
      const slash = bytes.indexOf(0x5c, from);
      if (slash < 0) break;
      if (slash > from) text += buf.toString('utf8', from, slash);
      if (text.length > limit) return truncateString(text, limit);
      const kind = buf[slash + 1];
      if (kind === 0x75) {
        // Only a cut made by `rawCap` can leave an escape incomplete.
        if (slash + 6 > stop) return truncateString(text, limit);
        text += String.fromCharCode(
          (HEX[buf[slash + 2]] << 12) |
            (HEX[buf[slash + 3]] << 8) |
            (HEX[buf[slash + 4]] << 4) |
            HEX[buf[slash + 5]],
        );
        from = slash + 6;
      } else {
        if (slash + 2 > stop) return truncateString(text, limit);
        text += ESCAPED[kind]!;
        from = slash + 2;
      }
    }
    if (from < stop) text += buf.toString('utf8', from, stop);
  }
  return truncateString(text, limit);
}

/**
 * Reads one JSON document from chunks of bytes: `write` each chunk, then `end` gives the
 * document. Any error is a {@link JsonSyntaxError}; after one, the reader is unusable.
 */
export class JsonStreamReader {
  private readonly dropKeys: ReadonlySet<string>;
  private readonly mapKeys: ReadonlySet<string>;
  private readonly maxString: number;
  /** Raw bytes enough for `maxString` units (an escape is at most 6 bytes a unit). */
  private readonly rawCap: number;
  private readonly base: number;
  private readonly maxDepth: number;
  private readonly maxValues: number;
  /** Values built so far (not counting those of dropped members). */
  private values = 0;

  private state = VALUE;
  /** Bytes of earlier chunks. */
  private offset = 0;
  private failure: JsonSyntaxError | undefined;
  private ended = false;
  private root: unknown = undefined;

  // The stack of open containers, by depth. `kinds` covers every level; `containers`,
  // `keys` (the current key of an object) and `keepAll` only levels that are being built.
  private depth = 0;
  private readonly kinds: number[] = [];
  private readonly containers: unknown[] = [];
  private readonly keys: (string | undefined)[] = [];
  private readonly keepAll: boolean[] = [];
  /** Inside a dropped value, which started at depth `skipBase`. */
  private skipping = false;
  private skipBase = 0;

  // The token in progress when a chunk ends inside one.
  private tokenStart = 0;
  private strKey = false;
  /** 0: plain text; 1: after a backslash; 5..2: after `\u`, 4..1 hex digits to go. */
  private strEsc = 0;
  private strEscaped = false;
  private strStart = 0;
  private strSpans = false;
  private scratch: Buffer | undefined;
  private scratchLength = 0;
  private numberText = '';
  private literal = '';
  private literalAt = 0;
  private literalValue: unknown = null;

  constructor(options: StreamJsonOptions = {}) {
    this.dropKeys = options.dropKeys ?? DROPPED_KEYS;
    this.mapKeys = options.mapKeys ?? MAP_KEYS;
    const max = options.maxStringLength ?? MAX_STRING_LENGTH;
    if (!(max >= 1)) {
      throw new RangeError('maxStringLength must be at least 1');
    }
    this.maxString = max;
    this.rawCap = max * 6 + 8;
    this.base = options.byteOffset ?? 0;
    this.maxDepth = options.maxDepth ?? DEFAULT_REPORT_LIMITS.maxDepth;
    this.maxValues = options.maxValues ?? DEFAULT_REPORT_LIMITS.maxJsonValues;
  }

  /** Reads the next chunk of the document. */
  write(chunk: Uint8Array): void {
    if (this.failure) throw this.failure;
    if (this.ended) throw new Error('JsonStreamReader: write after end');
    const buf = toBuffer(chunk);
    try {
      this.run(buf);
    } catch (error) {
      if (error instanceof JsonSyntaxError) this.failure = error;
      throw error;
    }
    this.offset += buf.length;
  }

  /** The document, once all of it was written. */
  end(): unknown {
    if (this.failure) throw this.failure;
    if (this.ended) throw new Error('JsonStreamReader: end after end');
    try {
      if (this.state === NUMBER) this.finishNumber(this.numberText);
      if (this.state !== DONE) {
        const at = this.base + this.offset;
        let where: string;
        if (this.state === STRING) {
          where = `in the string that starts at byte ${this.tokenStart}`;
        } else if (this.state === LITERAL) {
          where = `in '${this.literal}'`;
        } else {
          where = `expected ${this.expected()}`;
        }
        throw new JsonSyntaxError(
          `Unexpected end of input at byte ${at}, ${where}`,
          at,
        );
      }
    } catch (error) {
      if (error instanceof JsonSyntaxError) this.failure = error;
      throw error;
    }
    this.ended = true;
    const root = this.root;
    this.root = undefined;
    this.scratch = undefined;
    return root;
  }

  private expected(): string {
    if (this.state !== COMMA_OR_END) return EXPECTED[this.state];
    return this.kinds[this.depth - 1] === OBJECT ? "',' or '}'" : "',' or ']'";
  }

  private unexpected(byte: number, i: number): JsonSyntaxError {
    const at = this.base + this.offset + i;
    return new JsonSyntaxError(
      `Unexpected ${show(byte)} at byte ${at}, expected ${this.expected()}`,
      at,
    );
  }

  private run(buf: Buffer) {
    const len = buf.length;
    let i = 0;
    // Finish a token that the previous chunk cut.
    if (this.state === STRING) {
      this.strStart = 0;
      i = this.scanString(buf, 0);
    } else if (this.state === NUMBER) {
      i = this.scanNumber(buf, 0);
    } else if (this.state === LITERAL) {
      i = this.scanLiteral(buf, 0);
    }
    while (i < len) {
      const c = buf[i];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        i++;
        continue;
      }
      switch (this.state) {
        case VALUE_OR_END:
          if (c === 0x5d) {
            this.close();
            i++;
            break;
          }
          i = this.startValue(buf, i, c);
          break;
        case VALUE:
          i = this.startValue(buf, i, c);
          break;
        case KEY_OR_END:
          if (c === 0x7d) {
            this.close();
            i++;
            break;
          }
          if (c !== 0x22) throw this.unexpected(c, i);
          i = this.startString(buf, i, true);
          break;
        case KEY:
          if (c !== 0x22) throw this.unexpected(c, i);
          i = this.startString(buf, i, true);
          break;
        case COLON:
          if (c !== 0x3a) throw this.unexpected(c, i);
          this.state = VALUE;
          i++;
          break;
        case COMMA_OR_END: {
          const kind = this.kinds[this.depth - 1];
          if (c === 0x2c) {
            this.state = kind === OBJECT ? KEY : VALUE;
          } else if (c === (kind === OBJECT ? 0x7d : 0x5d)) {
            this.close();
          } else {
            throw this.unexpected(c, i);
          }
          i++;
          break;
        }
        default:
          // DONE: only whitespace may follow the document.
          throw this.unexpected(c, i);
      }
    }
  }

  private startValue(buf: Buffer, i: number, c: number): number {
    switch (c) {
      case 0x22:
        return this.startString(buf, i, false);
      case 0x7b:
        this.open(OBJECT, i);
        this.state = KEY_OR_END;
        return i + 1;
      case 0x5b:
        this.open(ARRAY, i);
        this.state = VALUE_OR_END;
        return i + 1;
      case 0x74:
        return this.startLiteral(buf, i, 'true', true);
      case 0x66:
        return this.startLiteral(buf, i, 'false', false);
      case 0x6e:
        return this.startLiteral(buf, i, 'null', null);
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          this.tokenStart = this.base + this.offset + i;
          this.numberText = '';
          this.state = NUMBER;
          return this.scanNumber(buf, i);
        }
        throw this.unexpected(c, i);
    }
  }

  // ---- containers -------------------------------------------------------------------

  /** Opens a container whose bracket is at `i` in the current chunk. */
  private open(kind: number, i: number) {
    const d = this.depth;
    if (d >= this.maxDepth) {
      throw new ReportLimitError(
        `JSON nests deeper than ${this.maxDepth} levels, at byte ${
          this.base + this.offset + i
        }`,
      );
    }
    this.kinds[d] = kind;
    this.depth = d + 1;
    if (this.skipping) return;
    if (kind === OBJECT) {
      this.containers[d] = {};
      this.keepAll[d] =
        d > 0 &&
        this.kinds[d - 1] === OBJECT &&
        this.mapKeys.has(this.keys[d - 1]!);
    } else {
      this.containers[d] = [];
    }
  }

  /** Closes the innermost container; the caller checked that the bracket matches it. */
  private close() {
    const d = this.depth - 1;
    this.depth = d;
    if (this.skipping) {
      if (d === this.skipBase) this.skipping = false;
      this.state = COMMA_OR_END;
      return;
    }
    const value = this.containers[d];
    this.containers[d] = undefined;
    this.keys[d] = undefined;
    this.emit(value);
  }

  /** A complete value: the document, or the next item or member of the open container. */
  private emit(value: unknown) {
    if (this.skipping) {
      if (this.depth === this.skipBase) this.skipping = false;
      this.state = COMMA_OR_END;
      return;
    }
    this.values += 1;
    if (this.values > this.maxValues) {
      throw new ReportLimitError(
        `JSON holds more than ${this.maxValues} values`,
      );
    }
    const d = this.depth - 1;
    if (d < 0) {
      this.root = value;
      this.state = DONE;
      return;
    }
    const container = this.containers[d];
    if (this.kinds[d] === ARRAY) {
      (container as unknown[]).push(value);
    } else {
      const key = this.keys[d]!;
      if (key === '__proto__') {
        // As JSON.parse does: an own property, not the prototype.
        Object.defineProperty(container, key, {
          value,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      } else {
        (container as Record<string, unknown>)[key] = value;
      }
    }
    this.state = COMMA_OR_END;
  }

  private setKey(key: string) {
    const d = this.depth - 1;
    this.state = COLON;
    if (this.keepAll[d] || !this.dropKeys.has(key)) {
      this.keys[d] = key;
    } else if (d === 0) {
      // A dropped top-level member keeps its key, with null for its value.
      this.keys[d] = key;
      this.emit(null);
      this.state = COLON;
      this.skipping = true;
      this.skipBase = this.depth;
    } else {
      this.skipping = true;
      this.skipBase = this.depth;
    }
  }

  // ---- strings ----------------------------------------------------------------------

  private startString(buf: Buffer, quote: number, key: boolean): number {
    this.tokenStart = this.base + this.offset + quote;
    this.strKey = key;
    this.strEsc = 0;
    this.strEscaped = false;
    this.strSpans = false;
    this.strStart = quote + 1;
    this.state = STRING;
    return this.scanString(buf, quote + 1);
  }

  /** Reads string bytes from `i`; returns where reading goes on (past the quote, or the end). */
  private scanString(buf: Buffer, from: number): number {
    const len = buf.length;
    let i = from;
    let esc = this.strEsc;
    for (;;) {
      if (esc === 0) {
        let c = 0;
        while (i < len) {
          c = buf[i];
          if (c === 0x22 || c === 0x5c || c < 0x20) break;
          i++;
        }
        if (i >= len) break;
        if (c === 0x22) {
          this.finishString(buf, i);
          return i + 1;
        }
        if (c === 0x5c) {
          esc = 1;
          this.strEscaped = true;
          i++;
          continue;
        }
        const at = this.base + this.offset + i;
        throw new JsonSyntaxError(
          `Unescaped control character ${show(c)} in a string at byte ${at}`,
          at,
        );
      }
      if (i >= len) break;
      const c = buf[i];
      if (esc === 1) {
        if (c === 0x75) {
          esc = 5;
        } else if (ESCAPED[c] !== undefined) {
          esc = 0;
        } else {
          const at = this.base + this.offset + i;
          throw new JsonSyntaxError(
            `Bad escape ${show(c)} in a string at byte ${at}`,
            at,
          );
        }
      } else if (HEX[c] < 0) {
        const at = this.base + this.offset + i;
        throw new JsonSyntaxError(
          `Bad \\u escape: ${show(c)} is not a hex digit, at byte ${at}`,
          at,
        );
      } else {
        esc = esc === 2 ? 0 : esc - 1;
      }
      i++;
    }
    // The chunk ends inside the string: keep what was read of it.
    this.strEsc = esc;
    this.keepRaw(buf, this.strStart, len);
    this.strSpans = true;
    return len;
  }

  /** Keeps raw string bytes for decoding at the string's end (not for a dropped value). */
  private keepRaw(buf: Buffer, from: number, to: number) {
    if (this.skipping) return;
    const n = Math.min(to - from, this.rawCap - this.scratchLength);
    if (n <= 0) return;
    const needed = this.scratchLength + n;
    let scratch = this.scratch;
    if (!scratch || scratch.length < needed) {
      const grown = Buffer.allocUnsafe(
        Math.max(needed, 2 * (scratch?.length ?? 0), 8192),
      );
      scratch?.copy(grown, 0, 0, this.scratchLength);
      scratch = grown;
      this.scratch = grown;
    }
    buf.copy(scratch, this.scratchLength, from, from + n);
    this.scratchLength = needed;
  }

  private finishString(buf: Buffer, end: number) {
    if (this.skipping) {
      if (this.strKey) this.state = COLON;
      else this.emit(undefined);
      return;
    }
    const limit = this.maxString;
    const cap = this.rawCap;
    let text: string;
    if (this.strSpans) {
      this.keepRaw(buf, 0, end);
      const scratch = this.scratch;
      text =
        scratch && this.scratchLength > 0
          ? decode(scratch, 0, this.scratchLength, this.strEscaped, limit, cap)
          : '';
      this.scratchLength = 0;
      if (scratch && scratch.length > KEEP_SCRATCH) this.scratch = undefined;
    } else {
      text = decode(buf, this.strStart, end, this.strEscaped, limit, cap);
    }
    if (this.strKey) this.setKey(text);
    else this.emit(text);
  }

  // ---- numbers and literals ---------------------------------------------------------

  private scanNumber(buf: Buffer, from: number): number {
    const len = buf.length;
    let i = from;
    while (i < len && NUMBER_BYTE[buf[i]] === 1) i++;
    const text = this.numberText + buf.toString('latin1', from, i);
    if (i < len) {
      this.numberText = '';
      this.finishNumber(text);
    } else {
      this.numberText = text;
    }
    return i;
  }

  private finishNumber(text: string) {
    if (!NUMBER_SYNTAX.test(text)) {
      const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
      throw new JsonSyntaxError(
        `Bad number '${shown}' at byte ${this.tokenStart}`,
        this.tokenStart,
      );
    }
    this.numberText = '';
    this.emit(Number(text));
  }

  private startLiteral(
    buf: Buffer,
    i: number,
    word: string,
    value: unknown,
  ): number {
    this.tokenStart = this.base + this.offset + i;
    this.literal = word;
    this.literalAt = 0;
    this.literalValue = value;
    this.state = LITERAL;
    return this.scanLiteral(buf, i);
  }

  private scanLiteral(buf: Buffer, from: number): number {
    const len = buf.length;
    const word = this.literal;
    let k = this.literalAt;
    let i = from;
    while (k < word.length && i < len) {
      if (buf[i] !== word.charCodeAt(k)) {
        const at = this.base + this.offset + i;
        throw new JsonSyntaxError(
          `Unexpected ${show(buf[i])} at byte ${at}, in '${word}'`,
          at,
        );
      }
      k++;
      i++;
    }
    this.literalAt = k;
    if (k === word.length) this.emit(this.literalValue);
    return i;
  }
}

/**
 * Reads one JSON document from a buffer, or from its chunks in order. See the module comment
 * for what is left out; pass `{ dropKeys: new Set(), maxStringLength: Infinity }` for all
 * of it.
 */
export function streamJson(
  input: Uint8Array | Iterable<Uint8Array>,
  options?: StreamJsonOptions,
): unknown {
  const reader = new JsonStreamReader(options);
  if (input instanceof Uint8Array) {
    reader.write(input);
  } else {
    for (const chunk of input) reader.write(chunk);
  }
  return reader.end();
}
