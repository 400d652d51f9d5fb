import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, isObject } from './guards';
import {
  DEFAULT_REPORT_LIMITS,
  ReportLimitError,
  ReportLimits,
  cut,
} from './limits';
import { ReportParseError } from './ReportParseError';

function makeParser(maxStringLength: number, maxDepth: number) {
  const bounded = (_name: string, value: unknown) =>
    typeof value === 'string' ? cut(value, maxStringLength) : value;
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    // Keep every value as written: versions and ids such as 1.10 must not become numbers.
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    removeNSPrefix: true,
    // Text and attributes are kept cut, as JSON strings are (boundXml cuts the raw text;
    // this cuts what entities expand to).
    tagValueProcessor: bounded,
    attributeValueProcessor: bounded,
    // Our own scan refuses deeper documents first, with a clearer message.
    maxNestedTags: maxDepth + 1,
  });
}

const defaultParser = makeParser(
  DEFAULT_REPORT_LIMITS.maxStringLength,
  DEFAULT_REPORT_LIMITS.maxDepth,
);

/** The index just past `end` searched from `from`, or -1 when it never comes. */
function pastNext(text: string, end: string, from: number): number {
  const at = text.indexOf(end, from);
  return at < 0 ? -1 : at + end.length;
}

/**
 * Where to cut a run of raw XML text that starts at `from` so that it keeps `length`
 * characters or a few fewer: never inside an entity reference (`&amp;`) or a surrogate pair.
 */
function cutPoint(text: string, from: number, length: number): number {
  let at = from + length;
  // Entity references are short: look back a little for an '&' not yet closed by ';'.
  for (let k = at - 1; k >= from && k >= at - 32; k--) {
    const c = text.charCodeAt(k);
    if (c === 0x3b /* ; */) break;
    if (c === 0x26 /* & */) {
      at = k;
      break;
    }
  }
  const last = text.charCodeAt(at - 1);
  return last >= 0xd800 && last <= 0xdbff ? at - 1 : at;
}

/**
 * Reads the markup of an XML document in one linear pass, before the validator and the
 * parser see it: refuses a document over the depth, element, attribute or DOCTYPE limits,
 * and cuts text, CDATA sections, comments, processing instructions and attribute values longer than `maxStringLength` (the
 * parser takes far longer on one long string than on the same bytes of markup, and the rest
 * of such a string would be cut anyway). Returns the document with those strings cut.
 *
 * It does not judge well-formedness (the validator does): on anything it does not
 * understand it stops counting and cutting.
 */
export function boundXml(
  text: string,
  limits: Pick<
    ReportLimits,
    | 'maxDepth'
    | 'maxXmlElements'
    | 'maxXmlAttributes'
    | 'maxXmlDoctypeLength'
    | 'maxStringLength'
  >,
): string {
  const max = limits.maxStringLength;
  const pieces: string[] = [];
  /** Everything before `copied` is in `pieces` (or dropped). */
  let copied = 0;
  /** Drops the part of the run [from, to) beyond its first `max` characters. */
  const cutRun = (from: number, to: number) => {
    if (to - from <= max) return;
    const at = cutPoint(text, from, max);
    pieces.push(text.slice(copied, at));
    copied = to;
  };

  let depth = 0;
  let elements = 0;
  let attributes = 0;
  let i = text.indexOf('<');
  while (i >= 0 && i < text.length) {
    const next = text.charCodeAt(i + 1);
    let end: number;
    if (next === 0x2f /* / */) {
      depth -= 1;
      end = pastNext(text, '>', i);
    } else if (next === 0x3f /* ? */) {
      end = pastNext(text, '?>', i);
      if (end >= 0) cutRun(i + 2, end - 2);
    } else if (text.startsWith('<!--', i)) {
      end = pastNext(text, '-->', i);
      if (end >= 0) cutRun(i + 4, end - 3);
    } else if (text.startsWith('<![CDATA[', i)) {
      end = pastNext(text, ']]>', i);
      if (end >= 0) cutRun(i + 9, end - 3);
    } else if (next === 0x21 /* ! */) {
      // A DOCTYPE: its internal subset (between [ and ]) may hold '>'. Read only up to its
      // own '>' or '[', so that many declarations cost no more than their length.
      let j = i + 2;
      while (j < text.length && text[j] !== '>' && text[j] !== '[') j++;
      if (text[j] === '[') {
        const subsetEnd = text.indexOf(']', j);
        end = subsetEnd < 0 ? -1 : pastNext(text, '>', subsetEnd);
      } else {
        end = j < text.length ? j + 1 : -1;
      }
      if ((end < 0 ? text.length : end) - i > limits.maxXmlDoctypeLength) {
        throw new ReportLimitError(
          `XML DOCTYPE is longer than ${limits.maxXmlDoctypeLength} characters`,
        );
      }
    } else {
      // A start tag: find its '>' outside quoted attribute values.
      let j = i + 1;
      let quote = 0;
      let valueStart = 0;
      for (; j < text.length; j++) {
        const c = text.charCodeAt(j);
        if (quote) {
          if (c === quote) {
            quote = 0;
            cutRun(valueStart, j);
          }
        } else if (c === 0x22 || c === 0x27) {
          quote = c;
          valueStart = j + 1;
        } else if (c === 0x3e /* > */) {
          break;
        } else if (c === 0x3d /* = */) {
          attributes += 1;
        }
      }
      if (attributes > limits.maxXmlAttributes) {
        throw new ReportLimitError(
          `XML holds more than ${limits.maxXmlAttributes} attributes`,
        );
      }
      if (j >= text.length) break;
      elements += 1;
      if (elements > limits.maxXmlElements) {
        throw new ReportLimitError(
          `XML holds more than ${limits.maxXmlElements} elements`,
        );
      }
      const selfClosing = text.charCodeAt(j - 1) === 0x2f;
      if (!selfClosing) depth += 1;
      if (depth + (selfClosing ? 1 : 0) > limits.maxDepth) {
        throw new ReportLimitError(
          `XML nests deeper than ${limits.maxDepth} levels`,
        );
      }
      end = j + 1;
    }
    if (end < 0) break;
    i = text.indexOf('<', end);
    // The text between this markup and the next.
    cutRun(end, i < 0 ? text.length : i);
  }
  if (pieces.length === 0) return text;
  pieces.push(text.slice(copied));
  return pieces.join('');
}

/**
 * Parses XML into plain objects: elements become properties (an array when repeated),
 * attributes `@_name`, text `#text`. Throws ReportLimitError for a document over the limits
 * (see ./limits; strings over `maxStringLength` are cut, not refused) and ReportParseError
 * with the line of a syntax error.
 */
export function parseXml(
  text: string,
  limits: ReportLimits = DEFAULT_REPORT_LIMITS,
): Record<string, unknown> {
  const bounded = boundXml(text, limits);
  const valid = XMLValidator.validate(bounded);
  if (valid !== true) {
    throw new ReportParseError(
      `not well-formed XML: ${valid.err.msg} at line ${valid.err.line}`,
    );
  }
  const parser =
    limits.maxStringLength === DEFAULT_REPORT_LIMITS.maxStringLength &&
    limits.maxDepth === DEFAULT_REPORT_LIMITS.maxDepth
      ? defaultParser
      : makeParser(limits.maxStringLength, limits.maxDepth);
  return parser.parse(bounded) as Record<string, unknown>;
}

/** An XML child that may occur once or many times, as a list. */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  // A dense copy, as optionalArray gives, so holes read as `undefined`.
  return Array.isArray(value) ? Array.from(value) : [value];
}

/** The text of an element that may carry attributes. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && '#text' in value) {
    const text = (value as Record<string, unknown>)['#text'];
    return typeof text === 'string' ? text : undefined;
  }
  return undefined;
}

/** A parsed XML element: its children (and `@_` attributes) by name. */
export type XmlElement = Record<string, unknown>;

/** An element's content as an object: an empty element (`<x/>`) reads as no children. */
export function xmlElement(value: unknown, path: string): XmlElement {
  if (value === '' || value === undefined || value === null) return {};
  if (!isObject(value)) {
    throw new ReportParseError(
      `${path}: expected an element with child elements, got ${describe(
        value,
      )}`,
    );
  }
  return value;
}

/** The trimmed text of an element (the first, if repeated); undefined when blank. */
export function xmlText(value: unknown): string | undefined {
  const text = textOf(Array.isArray(value) ? value[0] : value);
  return text?.trim() ? text.trim() : undefined;
}
