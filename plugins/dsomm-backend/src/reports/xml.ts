import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, isObject } from './guards';
import { ReportParseError } from './ReportParseError';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Keep every value as written: versions and ids such as 1.10 must not become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  removeNSPrefix: true,
});

/**
 * Parses XML into plain objects: elements become properties (an array when repeated),
 * attributes `@_name`, text `#text`. Throws ReportParseError with the line of a syntax error.
 */
export function parseXml(text: string): Record<string, unknown> {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new ReportParseError(
      `not well-formed XML: ${valid.err.msg} at line ${valid.err.line}`,
    );
  }
  return parser.parse(text) as Record<string, unknown>;
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
