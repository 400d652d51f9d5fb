import fs from 'fs';
import path from 'path';
import fc from 'fast-check';
import { ReportSummary } from '@dsomm/plugin-dsomm-common';
import { UnprocessableReportError } from './errors';
import {
  DEFAULT_REPORT_LIMITS,
  MAX_FINDING_KEY,
  MAX_FINDING_KEYS,
  MAX_FINGERPRINTS,
  MAX_ID,
  MAX_LABEL,
  MAX_SUMMARY_CHARS,
  MAX_TITLE,
  MAX_TOOL_FIELD,
} from './limits';
import { defaultReportParsers } from './parsers';
import { npmAuditParser } from './parsers/npmAudit';
import { readReport } from './readReport';
import { boundXml, parseXml } from './xml';
import {
  amplifyingCycloneDx,
  deepCycloneDx,
  deepJson,
  deepXml,
  longName,
  longStringsCycloneDxXml,
  longStringsSarif,
  manyJsonValues,
  manyXmlAttributes,
  manyXmlElements,
  npmAuditChain,
  sarifManyExtensions,
  sarifTemplateAmplifier,
  wideNestedCycloneDxXml,
} from './__testUtils__/hostileReports';

const read = (body: Buffer, options?: Parameters<typeof readReport>[3]) =>
  readReport(body, defaultReportParsers, undefined, options);

/** The error readReport throws for `body`, which must be a 422. */
function refusal(
  body: Buffer,
  options?: Parameters<typeof readReport>[3],
): UnprocessableReportError {
  try {
    read(body, options);
  } catch (error) {
    expect(error).toBeInstanceOf(UnprocessableReportError);
    expect((error as UnprocessableReportError).statusCode).toBe(422);
    return error as UnprocessableReportError;
  }
  throw new Error('expected the report to be refused');
}

/** Every string in a value, however deep. */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (typeof value === 'object' && value !== null) {
    return Object.values(value).flatMap(stringsOf);
  }
  return [];
}

/** What is stored and returned of a summary is bounded, whatever the report held. */
function expectBounded(summary: ReportSummary) {
  const { findingKeys, fingerprints, ...stored } = summary;
  expect(JSON.stringify(stored).length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS);
  expect(summary.tool.name.length).toBeLessThanOrEqual(MAX_TOOL_FIELD);
  expect((summary.tool.version ?? '').length).toBeLessThanOrEqual(
    MAX_TOOL_FIELD,
  );
  for (const finding of summary.topFindings) {
    expect(finding.id.length).toBeLessThanOrEqual(MAX_ID);
    expect(finding.title.length).toBeLessThanOrEqual(MAX_TITLE);
    expect((finding.package ?? '').length).toBeLessThanOrEqual(MAX_LABEL);
    expect((finding.location ?? '').length).toBeLessThanOrEqual(MAX_LABEL);
  }
  for (const target of summary.targets ?? []) {
    expect(target.length).toBeLessThanOrEqual(MAX_LABEL);
  }
  expect((fingerprints ?? []).length).toBeLessThanOrEqual(MAX_FINGERPRINTS);
  for (const keys of Object.values(findingKeys ?? {})) {
    expect(keys.length).toBeLessThanOrEqual(MAX_FINDING_KEYS);
    for (const key of keys) {
      expect(key.length).toBeLessThanOrEqual(MAX_FINDING_KEY);
    }
  }
}

describe('hostile reports', () => {
  it('reads every real fixture the same with the structural limits as without', () => {
    const root = path.join(__dirname, '__fixtures__');
    const unlimited = {
      limits: {
        maxDepth: Infinity,
        maxJsonValues: Infinity,
        maxXmlElements: Infinity,
        maxXmlAttributes: Infinity,
        maxXmlDoctypeLength: Infinity,
      },
    };
    let compared = 0;
    for (const folder of fs.readdirSync(root)) {
      if (!fs.statSync(path.join(root, folder)).isDirectory()) continue;
      for (const file of fs.readdirSync(path.join(root, folder))) {
        const body = fs.readFileSync(path.join(root, folder, file));
        // A bare `null` needs its format named; the others are detected.
        if (body.toString().trim() === 'null') continue;
        expect(read(body)).toEqual(read(body, unlimited));
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(25);
  });

  describe('CycloneDX vulnerabilities that affect every component', () => {
    it('counts exactly and keeps a bounded package line', () => {
      const body = amplifyingCycloneDx(100, 1000, 200);
      const summary = read(body);
      expect(summary.totalFindings).toBe(100);
      expect(summary.counts.critical).toBe(50);
      expect(summary.counts.high).toBe(50);
      expect(summary.componentCount).toBe(1000);
      const first = `${longName('pkg', 0, 200)}@1.0.0`;
      for (const finding of summary.topFindings) {
        expect(finding.package).toBe(`${first} (and 999 more)`);
      }
      expect(summary.findingKeys?.critical).toHaveLength(50);
      expectBounded(summary);
    });

    it('lists short packages until the line is full, then says how many more', () => {
      const summary = read(amplifyingCycloneDx(1, 50, 10));
      const line = summary.topFindings[0].package!;
      const [listed, more] = line.split(' (and ');
      const names = listed.split(', ');
      expect(names[0]).toBe(`${longName('pkg', 0, 10)}@1.0.0`);
      expect(names.length + Number(more.replace(' more)', ''))).toBe(50);
      expect(line.length).toBeLessThanOrEqual(MAX_LABEL);
    });
  });

  describe('npm audit via chains', () => {
    it('gives every package of a 5,000-package chain the advisory at its end', () => {
      const summary = read(npmAuditChain(5000));
      expect(summary.format).toBe('npm-audit');
      expect(summary.totalFindings).toBe(5000);
      expect(summary.counts.high).toBe(5000);
      expect(
        new Set(summary.findingKeys?.high?.map(k => k.split('|')[0])),
      ).toEqual(new Set(['GHSA-2345-6789-cfgh']));
      expect(summary.topFindings[0]).toMatchObject({
        id: 'GHSA-2345-6789-cfgh',
        package: 'chain-0',
        title: 'chain-0 is vulnerable through chain-1',
      });
      expectBounded(summary);
    });

    /**
     * The search this parser used to run from each package: breadth first along `via`,
     * the first package with advisories wins. Quadratic, but it says what the answer is.
     */
    function referenceFirstAdvisory(
      graph: Record<string, { advisory?: string; through: string[] }>,
      start: string,
    ): string | undefined {
      const seen = new Set([start]);
      const queue = [...graph[start].through];
      for (let i = 0; i < queue.length; i++) {
        const name = queue[i];
        if (seen.has(name)) continue;
        seen.add(name);
        const next = graph[name];
        if (!next) continue;
        if (next.advisory) return next.advisory;
        queue.push(...next.through);
      }
      return undefined;
    }

    it('resolves any via graph as a search from each package would', () => {
      const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'missing'];
      const graphs = fc.dictionary(
        fc.constantFrom(...names.slice(0, 8)),
        fc.record({
          advisory: fc.option(fc.constantFrom('1', '2', '3'), {
            nil: undefined,
          }),
          through: fc.array(fc.constantFrom(...names), { maxLength: 4 }),
        }),
        { minKeys: 1 },
      );
      fc.assert(
        fc.property(graphs, graph => {
          const vulnerabilities = Object.fromEntries(
            Object.entries(graph).map(([name, { advisory, through }]) => [
              name,
              {
                name,
                severity: 'low',
                via: [
                  ...through,
                  ...(advisory
                    ? [{ source: Number(advisory), title: 't' }]
                    : []),
                ],
              },
            ]),
          );
          const summary = npmAuditParser.parse({
            auditReportVersion: 2,
            vulnerabilities,
          });
          expect(summary.totalFindings).toBe(Object.keys(graph).length);
          for (const finding of summary.topFindings) {
            const name = finding.package!;
            const own = graph[name].advisory;
            const expected = own ?? referenceFirstAdvisory(graph, name);
            expect(finding.id).toBe(
              expected ? `npm-advisory-${expected}` : `npm-package-${name}`,
            );
          }
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('SARIF', () => {
    it('finds rules among 2,000 extensions for 5,000 results', () => {
      const summary = read(sarifManyExtensions(2000, 5000));
      expect(summary.totalFindings).toBe(5000);
      // High comes from the extension rule's security-severity: each rule was found.
      expect(summary.counts.high).toBe(5000);
      expect(summary.topFindings[0]).toEqual({
        id: 'rule-1999',
        title: 'finding 0',
        severity: 'high',
        location: 'src/file0.ts:1',
      });
    });

    it('fills a message template of 300 placeholders only as far as a title keeps', () => {
      const summary = read(sarifTemplateAmplifier(200));
      expect(summary.totalFindings).toBe(200);
      expect(summary.counts.high).toBe(200);
      expect(summary.topFindings[0].title).toBe(
        `${'a'.repeat(MAX_TITLE - 1)}…`,
      );
      expectBounded(summary);
    });
  });

  describe('nesting depth', () => {
    const { maxDepth } = DEFAULT_REPORT_LIMITS;

    it(`refuses JSON nested deeper than ${maxDepth} levels, naming the limit`, () => {
      expect(refusal(deepJson(maxDepth + 1)).message).toBe(
        `Report is over a parsing limit: JSON nests deeper than ${maxDepth} levels, at byte ${maxDepth}`,
      );
      // Millions of '[' stop at the limit, long before the end of the body.
      expect(refusal(Buffer.alloc(5_000_000, '[')).message).toMatch(
        /JSON nests deeper than 128 levels, at byte 128$/,
      );
      // At the limit, the document is read (and is no report).
      expect(refusal(deepJson(maxDepth)).message).toMatch(
        /^JSON report of no known format: found a list of 1 item/,
      );
    });

    it('refuses a CycloneDX BOM whose components nest too deep, and reads a deep one', () => {
      // Each level of components is two JSON levels (a list and an object).
      expect(refusal(deepCycloneDx(maxDepth)).message).toMatch(
        /^Report is over a parsing limit: JSON nests deeper than 128 levels/,
      );
      expect(read(deepCycloneDx(60)).componentCount).toBe(60);
    });

    it(`refuses XML nested deeper than ${maxDepth} levels, naming the limit`, () => {
      // <bom> is one level.
      expect(refusal(deepXml(maxDepth)).message).toBe(
        `Report is over a parsing limit: XML nests deeper than ${maxDepth} levels`,
      );
      expect(read(deepXml(maxDepth - 1)).format).toBe('cyclonedx');
      expect(
        refusal(Buffer.from(`<bom>${'<a>'.repeat(1_000_000)}`)).message,
      ).toBe(
        `Report is over a parsing limit: XML nests deeper than ${maxDepth} levels`,
      );
    });

    it('honours a lower depth given to readReport', () => {
      expect(refusal(deepJson(11), { limits: { maxDepth: 10 } }).message).toBe(
        'Report is over a parsing limit: JSON nests deeper than 10 levels, at byte 10',
      );
      expect(refusal(deepXml(10), { limits: { maxDepth: 10 } }).message).toBe(
        'Report is over a parsing limit: XML nests deeper than 10 levels',
      );
    });
  });

  describe('element counts', () => {
    it('refuses JSON of more values than the limit, naming it', () => {
      const { maxJsonValues } = DEFAULT_REPORT_LIMITS;
      expect(refusal(manyJsonValues(maxJsonValues)).message).toBe(
        `Report is over a parsing limit: JSON holds more than ${maxJsonValues} values`,
      );
      // The list itself is a value: 999 zeros and the list make 1000.
      expect(
        refusal(manyJsonValues(999), { limits: { maxJsonValues: 1000 } })
          .message,
      ).toMatch(/^JSON report of no known format/);
      expect(
        refusal(manyJsonValues(1000), { limits: { maxJsonValues: 1000 } })
          .message,
      ).toBe(
        'Report is over a parsing limit: JSON holds more than 1000 values',
      );
    });

    it('does not count the values of members no parser reads', () => {
      const flows = manyJsonValues(2000).toString();
      const body = Buffer.from(
        `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"codeFlows":${flows}}]}`,
      );
      expect(read(body, { limits: { maxJsonValues: 100 } }).totalFindings).toBe(
        0,
      );
    });

    it('refuses XML of more elements than the limit, naming it', () => {
      const { maxXmlElements } = DEFAULT_REPORT_LIMITS;
      expect(refusal(manyXmlElements(maxXmlElements)).message).toBe(
        `Report is over a parsing limit: XML holds more than ${maxXmlElements} elements`,
      );
      // <bom> and 99 children make 100.
      expect(
        read(manyXmlElements(99), { limits: { maxXmlElements: 100 } }).format,
      ).toBe('cyclonedx');
      expect(
        refusal(manyXmlElements(100), { limits: { maxXmlElements: 100 } })
          .message,
      ).toBe(
        'Report is over a parsing limit: XML holds more than 100 elements',
      );
    });

    it('refuses XML of more attributes than the limit, naming it', () => {
      const { maxXmlAttributes } = DEFAULT_REPORT_LIMITS;
      expect(
        refusal(manyXmlAttributes(maxXmlAttributes / 10 + 1, 10)).message,
      ).toBe(
        `Report is over a parsing limit: XML holds more than ${maxXmlAttributes} attributes`,
      );
      expect(
        read(manyXmlAttributes(10, 10), { limits: { maxXmlAttributes: 100 } })
          .format,
      ).toBe('cyclonedx');
      expect(
        refusal(manyXmlAttributes(101, 1), {
          limits: { maxXmlAttributes: 100 },
        }).message,
      ).toBe(
        'Report is over a parsing limit: XML holds more than 100 attributes',
      );
    });

    it('reads a component with 200,000 nested components (more than a call can spread)', () => {
      const summary = read(wideNestedCycloneDxXml(200_000));
      expect(summary.componentCount).toBe(200_001);
    });

    it('refuses a DOCTYPE longer than the limit, naming it', () => {
      const { maxXmlDoctypeLength } = DEFAULT_REPORT_LIMITS;
      const doctype = (length: number) => {
        const head = '<!DOCTYPE bom [';
        const tail = ']>';
        return `${head}${' '.repeat(
          length - head.length - tail.length,
        )}${tail}`;
      };
      expect(
        refusal(Buffer.from(`${doctype(maxXmlDoctypeLength + 1)}<bom/>`))
          .message,
      ).toBe(
        `Report is over a parsing limit: XML DOCTYPE is longer than ${maxXmlDoctypeLength} characters`,
      );
      expect(
        read(Buffer.from(`${doctype(maxXmlDoctypeLength)}<bom/>`)).format,
      ).toBe('cyclonedx');
    });

    it('does not count markup inside comments, CDATA, attributes or a DOCTYPE', () => {
      const body = Buffer.from(
        `<?xml version="1.0"?><!DOCTYPE bom [<!ENTITY e "<x/>">]>` +
          `<bom a="<x/><x/>"><!-- <x/><x/><x/> --><n><![CDATA[<x/><x/><x/>]]></n></bom>`,
      );
      expect(
        read(body, { limits: { maxXmlElements: 2, maxDepth: 2 } }).format,
      ).toBe('cyclonedx');
      expect(refusal(body, { limits: { maxXmlElements: 1 } }).message).toBe(
        'Report is over a parsing limit: XML holds more than 1 elements',
      );
    });
  });

  describe('long strings', () => {
    it('cuts XML text and attributes as JSON strings are cut', () => {
      const long = 'y'.repeat(50_000);
      const doc = parseXml(`<a b="${long}"><c>${long}</c></a>`) as {
        a: { '@_b': string; c: string };
      };
      expect(doc.a['@_b']).toBe(
        'y'.repeat(DEFAULT_REPORT_LIMITS.maxStringLength),
      );
      expect(doc.a.c).toBe('y'.repeat(DEFAULT_REPORT_LIMITS.maxStringLength));
    });

    it('cuts long XML text, CDATA, comments, instructions and attributes before parsing', () => {
      const max = DEFAULT_REPORT_LIMITS.maxStringLength;
      const long = 'y'.repeat(5_000_000);
      const body = `<?pi ${long}?><a b='${long}'><!--${long}--><c><![CDATA[${long}]]></c><d>${long}</d></a>`;
      const bounded = boundXml(body, DEFAULT_REPORT_LIMITS);
      const short = 'y'.repeat(max);
      // An instruction's first 1,000 characters include its target ('pi ').
      expect(bounded).toBe(
        `<?pi ${short.slice(
          3,
        )}?><a b='${short}'><!--${short}--><c><![CDATA[${short}]]></c><d>${short}</d></a>`,
      );
      // Short documents come back as they are.
      const plain = '<a b="1"><c>text &amp; more</c></a>';
      expect(boundXml(plain, DEFAULT_REPORT_LIMITS)).toBe(plain);
    });

    it('never cuts inside an entity reference or a surrogate pair', () => {
      const limits = { ...DEFAULT_REPORT_LIMITS, maxStringLength: 10 };
      // The cut at 10 would split '&amp;': it moves before the '&'.
      expect(boundXml('<a>12345678&amp;zzzzzz</a>', limits)).toBe(
        '<a>12345678</a>',
      );
      // A whole reference inside the first 10 characters stays.
      expect(boundXml('<a>1&amp;2345zzzzzz</a>', limits)).toBe(
        '<a>1&amp;2345</a>',
      );
      expect(boundXml(`<a>123456789😀zzzz</a>`, limits)).toBe(
        '<a>123456789</a>',
      );
      expect(parseXml('<a>12345678&amp;zzzzzz</a>', limits)).toEqual({
        a: '12345678',
      });
    });

    it('keeps every field of a CycloneDX XML BOM bounded, counts exact', () => {
      const summary = read(longStringsCycloneDxXml(30, 100_000));
      expect(summary.totalFindings).toBe(30);
      expect(summary.counts.high).toBe(30);
      expect(summary.tool.name).toBe(
        `${longName('tool', 0, 100_000).slice(0, MAX_TOOL_FIELD - 1)}…`,
      );
      expect(summary.targets).toEqual([
        `${longName('subject', 0, 100_000).slice(0, MAX_LABEL - 1)}…`,
      ]);
      expect(summary.findingKeys?.high).toHaveLength(30);
      expectBounded(summary);
    });

    it('keeps every field of a SARIF log bounded, counts exact', () => {
      const summary = read(longStringsSarif(40, 100_000));
      expect(summary.totalFindings).toBe(40);
      expect(summary.counts.high).toBe(40);
      expect(summary.topFindings[0].id).toBe(
        longName('rule', 0, 100_000).slice(0, MAX_ID),
      );
      expect(summary.topFindings[0].location).toBe(
        `${longName('uri', 0, 100_000).slice(0, MAX_LABEL - 1)}…`,
      );
      expect(summary.findingKeys?.high).toHaveLength(40);
      expectBounded(summary);
    });

    it('keeps a bounded summary with the same counts when every string of a real report is long', () => {
      // Fields whose value detection, validation or filtering (VEX state, suppression
      // status, result kind, SPDX reference kind) reads as a word are left as they are.
      const keep = new Set([
        'state',
        'status',
        'Status',
        'kind',
        'baselineState',
        'referenceCategory',
        'referenceType',
        '$schema',
        'version',
        'specVersion',
        'spdxVersion',
        'bomFormat',
        'SchemaVersion',
      ]);
      const pad = (value: unknown, key?: string): unknown => {
        if (typeof value === 'string') {
          return key !== undefined && keep.has(key)
            ? value
            : `${value}${'z'.repeat(5000)}`;
        }
        if (Array.isArray(value)) return value.map(v => pad(v));
        if (typeof value === 'object' && value !== null) {
          return Object.fromEntries(
            Object.entries(value).map(([k, v]) => [k, pad(v, k)]),
          );
        }
        return value;
      };
      const root = path.join(__dirname, '__fixtures__');
      const files = fs
        .readdirSync(root)
        .filter(folder => fs.statSync(path.join(root, folder)).isDirectory())
        .flatMap(folder =>
          fs
            .readdirSync(path.join(root, folder))
            .filter(file => /\.(json|sarif)$/.test(file))
            .map(file => path.join(root, folder, file)),
        );
      expect(files.length).toBeGreaterThan(20);
      let padded = 0;
      for (const file of files) {
        const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
        const doc = JSON.parse(text);
        if (doc === null) continue;
        const plain = read(Buffer.from(text));
        // Padding severity words and states changes counts by severity, not in total.
        const summary = readReport(
          Buffer.from(JSON.stringify(pad(doc))),
          defaultReportParsers,
          plain.format,
        );
        expect([file, summary.totalFindings]).toEqual([
          file,
          plain.totalFindings,
        ]);
        expectBounded(summary);
        for (const value of stringsOf(summary)) {
          expect(value.length).toBeLessThanOrEqual(MAX_FINDING_KEY);
        }
        padded += 1;
      }
      expect(padded).toBeGreaterThan(20);
    });
  });
});
