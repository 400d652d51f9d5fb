import fc from 'fast-check';
import { parseXml } from '../xml';
import { cyclonedxJsonParser, cyclonedxXmlParser } from './cyclonedx';
import {
  anything,
  expectSurvivesCuts,
  expectSurvivesEdits,
  parseError,
  sumOfCounts,
} from './__testUtils__/weirdInput';
import {
  detectingParsers,
  expectRobust,
  fixtureText,
} from './__testUtils__/robustness';

const read = fixtureText;
const loadJson = (name: string): unknown =>
  JSON.parse(read(`cyclonedx/${name}`));
const loadXml = (name: string): unknown => parseXml(read(`cyclonedx/${name}`));

const JSON_FIXTURES = [
  'jake2.json',
  'log4j.json',
  'nested-component-log4j.json',
  'valid-vulnerability-1.4.json',
  'npm_sbom_11.19.1.json',
  'cyclonedx-npm_6.0.1.json',
];
const XML_FIXTURES = ['log4j.xml'];

const LOG4J_PATH =
  './configuration/.m2/repository/org/apache/logging/log4j/log4j-core/2.13.2';

// The 8 vulnerabilities of log4j.json / log4j.xml / nested-component-log4j.json, highest
// rating each, in report order (counted with
//   jq -c '[.vulnerabilities[] | [.ratings[].severity | select(. != null)]]' and, for the
//   XML, python3 ElementTree over vulnerability/ratings/rating/severity):
// critical, medium, critical, medium, critical, medium, critical, high; all in_triage.
const LOG4J_COUNTS = {
  critical: 4,
  high: 1,
  medium: 3,
  low: 0,
  info: 0,
  unknown: 0,
};
const LOG4J_TOP = [
  'critical',
  'critical',
  'critical',
  'critical',
  'high',
  'medium',
  'medium',
  'medium',
];

describe('CycloneDX parsers on real reports', () => {
  it('names the tool of `npm sbom` npm, not cli', () => {
    // metadata.tools is [{ vendor: npm, name: cli, version: 11.19.1 }].
    const summary = cyclonedxJsonParser.parse(
      loadJson('npm_sbom_11.19.1.json'),
    );
    expect(summary).toMatchObject({
      tool: { name: 'npm', version: '11.19.1' },
      categories: ['sbom'],
      componentCount: 2,
      totalFindings: 0,
      scannedAt: '2026-11-29T18:29:10.728Z',
    });
  });

  it('names the tool of cyclonedx-npm cyclonedx-npm, not the npm it ran', () => {
    // metadata.tools.components is npm 11.19.1 (application), @cyclonedx/cyclonedx-npm 6.0.1
    // (application) and @cyclonedx/cyclonedx-library 10.3.0 (library), in that order.
    const summary = cyclonedxJsonParser.parse(
      loadJson('cyclonedx-npm_6.0.1.json'),
    );
    expect(summary).toMatchObject({
      tool: { name: 'cyclonedx-npm', version: '6.0.1' },
      categories: ['sbom'],
      componentCount: 2,
      scannedAt: '2026-11-29T18:32:05.557Z',
    });
  });

  it('prefers an application to a library, and takes a library when it is all', () => {
    const toolOf = (tools: unknown) =>
      cyclonedxJsonParser.parse({
        bomFormat: 'CycloneDX',
        specVersion: '1.5',
        metadata: { tools },
      }).tool;
    expect(
      toolOf({
        components: [
          { type: 'library', name: 'cyclonedx-library', version: '1' },
          { type: 'application', name: 'syft', version: '1.0.0' },
        ],
      }),
    ).toEqual({ name: 'syft', version: '1.0.0' });
    expect(
      toolOf([{ vendor: 'CycloneDX', name: 'cyclonedx-python-lib' }]),
    ).toEqual({ name: 'cyclonedx-python-lib' });
    expect(toolOf([{ name: 'cli', version: '2' }])).toEqual({
      name: 'cli',
      version: '2',
    });
  });

  it('reads a jake (OSS Index) BOM', () => {
    const summary = cyclonedxJsonParser.parse(loadJson('jake2.json'));
    // jq '[.components[] | recurse(.components[]?)] | length' -> 67;
    // jq '[.vulnerabilities[].ratings[].severity]' -> high x3, medium x4 (one rating each).
    expect(summary).toMatchObject({
      format: 'cyclonedx',
      syntax: 'json',
      tool: { name: 'cyclonedx-python-lib', version: '1.3.0' },
      categories: ['sbom', 'sca'],
      scannedAt: '2022-01-28T07:05:16.397Z',
      componentCount: 67,
      counts: { critical: 0, high: 3, medium: 4, low: 0, info: 0, unknown: 0 },
      totalFindings: 7,
    });
    expect(summary.topFindings.map(f => f.severity)).toEqual([
      'high',
      'high',
      'high',
      'medium',
      'medium',
      'medium',
      'medium',
    ]);
    // Every vulnerability affects bom-ref 6290db55-..., the component Django 2.0.
    expect(summary.topFindings[0]).toMatchObject({
      id: 'c7129ff8-08bc-4afe-82ec-7d97b9491741',
      package: 'Django@2.0',
    });
    expect(summary.topFindings[0].title).toMatch(/^\[CVE-2021-33203\] Django/);
    expect(summary.targets).toBeUndefined();
  });

  it('reads a Grype BOM in JSON', () => {
    const summary = cyclonedxJsonParser.parse(loadJson('log4j.json'));
    expect(summary).toMatchObject({
      tool: { name: 'grype', version: '0.41.0' },
      categories: ['sbom', 'sca'],
      scannedAt: '2022-07-22T08:45:32.000Z', // 2022-07-22T09:45:32+01:00
      componentCount: 1,
      counts: LOG4J_COUNTS,
      totalFindings: 8,
      targets: [LOG4J_PATH],
    });
    expect(summary.topFindings.map(f => f.severity)).toEqual(LOG4J_TOP);
    expect(summary.topFindings[0]).toMatchObject({
      id: 'CVE-2021-44228',
      package: 'log4j-core@2.13.2',
    });
    expect(summary.findingKeys?.critical).toEqual([
      'CVE-2021-44228|log4j-core@2.13.2',
      'CVE-2021-45046|log4j-core@2.13.2',
      'GHSA-7rjr-3q55-vv33|log4j-core@2.13.2',
      'GHSA-jfh8-c2jp-5v3q|log4j-core@2.13.2',
    ]);
  });

  it('reads the same BOM in XML with the same counts as in JSON', () => {
    const xml = cyclonedxXmlParser.parse(loadXml('log4j.xml'));
    const json = cyclonedxJsonParser.parse(loadJson('log4j.json'));
    expect(xml).toMatchObject({
      format: 'cyclonedx',
      syntax: 'xml',
      tool: { name: 'grype', version: '0.41.0' },
      categories: ['sbom', 'sca'],
      // The XML export was written 10 s before the JSON one.
      scannedAt: '2022-07-22T08:45:22.000Z',
      componentCount: 1,
      counts: LOG4J_COUNTS,
      totalFindings: 8,
      targets: [LOG4J_PATH],
    });
    expect(xml.counts).toEqual(json.counts);
    expect(xml.totalFindings).toBe(json.totalFindings);
    expect(xml.componentCount).toBe(json.componentCount);
    expect(xml.tool).toEqual(json.tool);
    expect(xml.categories).toEqual(json.categories);
    expect(xml.topFindings).toEqual(json.topFindings);
    expect(xml.findingKeys).toEqual(json.findingKeys);
  });

  it('counts nested components and finds affected packages inside them', () => {
    const summary = cyclonedxJsonParser.parse(
      loadJson('nested-component-log4j.json'),
    );
    // One container component with log4j-core nested in it: 2 components.
    expect(summary).toMatchObject({
      componentCount: 2,
      counts: LOG4J_COUNTS,
      totalFindings: 8,
    });
    expect(summary.topFindings.map(f => f.severity)).toEqual(LOG4J_TOP);
    expect(
      summary.topFindings.every(f => f.package === 'log4j-core@2.13.2'),
    ).toBe(true);
  });

  it('does not count a vulnerability the VEX analysis marks not_affected', () => {
    const summary = cyclonedxJsonParser.parse(
      loadJson('valid-vulnerability-1.4.json'),
    );
    // One vulnerability (critical), with analysis.state "not_affected": listed, so `sca`,
    // but not an open finding. No metadata: no tool, no timestamp.
    expect(summary).toMatchObject({
      tool: { name: 'CycloneDX' },
      categories: ['sbom', 'sca'],
      componentCount: 1,
      totalFindings: 0,
      topFindings: [],
    });
    expect(summary.tool.version).toBeUndefined();
    expect(summary.scannedAt).toBeUndefined();
    expect(sumOfCounts(summary)).toBe(0);
  });
});

describe('CycloneDX parsers, other spec versions', () => {
  it('reads 1.5 tools, score-only ratings and unknown refs in JSON', () => {
    const summary = cyclonedxJsonParser.parse({
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      metadata: {
        timestamp: '2024-01-02T03:04:05Z',
        tools: { components: [{ name: 'cdxgen', version: '10.0.0' }] },
        component: { name: 'shop', version: '1.2.3' },
      },
      components: [
        { 'bom-ref': 'a', name: 'lodash', version: '4.17.20' },
        { 'bom-ref': 'b', name: 'minimist' },
      ],
      vulnerabilities: [
        { id: 'CVE-1', ratings: [{ score: 7.5, method: 'CVSSv31' }] },
        {
          id: 'CVE-2',
          ratings: [{ severity: 'low' }, { severity: 'high' }],
          affects: [{ ref: 'a' }, { ref: 'b' }, { ref: 'a' }],
        },
        { id: 'CVE-3', affects: [{ ref: 'pkg:npm/gone@1.0.0' }] },
        { id: 'CVE-4', ratings: [{ severity: 'none' }] },
        { id: 'CVE-5', analysis: { state: 'exploitable' }, ratings: [] },
      ],
    });
    expect(summary).toMatchObject({
      tool: { name: 'cdxgen', version: '10.0.0' },
      scannedAt: '2024-01-02T03:04:05.000Z',
      componentCount: 2,
      totalFindings: 5,
      targets: ['shop@1.2.3'],
    });
    expect(summary.topFindings.map(f => [f.id, f.severity, f.package])).toEqual(
      [
        ['CVE-1', 'high', undefined],
        ['CVE-2', 'high', 'lodash@4.17.20, minimist'],
        ['CVE-4', 'info', undefined],
        ['CVE-3', 'unknown', 'pkg:npm/gone@1.0.0'],
        ['CVE-5', 'unknown', undefined],
      ],
    );
  });

  it('reads 1.5 tools and nested components in XML', () => {
    const doc = parseXml(`<?xml version="1.0"?>
      <bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
        <metadata>
          <timestamp>2024-01-02T03:04:05Z</timestamp>
          <tools><components><component type="application">
            <name>cyclonedx-maven-plugin</name><version>2.7.9</version>
          </component></components></tools>
        </metadata>
        <components>
          <component type="library" bom-ref="x"><name>a</name><version>1</version>
            <components><component bom-ref="y"><name>b</name><version>2</version></component></components>
          </component>
          <component type="library"><name>c</name></component>
        </components>
        <vulnerabilities>
          <vulnerability><id>CVE-9</id>
            <ratings><rating><score>9.1</score></rating></ratings>
            <affects><target><ref>y</ref></target></affects>
          </vulnerability>
          <vulnerability><id>CVE-10</id>
            <analysis><state>false_positive</state></analysis>
          </vulnerability>
        </vulnerabilities>
      </bom>`);
    const summary = cyclonedxXmlParser.parse(doc);
    expect(summary).toMatchObject({
      tool: { name: 'cyclonedx-maven-plugin', version: '2.7.9' },
      componentCount: 3,
      totalFindings: 1,
      categories: ['sbom', 'sca'],
    });
    expect(summary.topFindings).toEqual([
      { id: 'CVE-9', title: 'CVE-9', severity: 'critical', package: 'b@2' },
    ]);
  });

  it('reads an empty XML BOM', () => {
    const summary = cyclonedxXmlParser.parse(
      parseXml(
        '<bom xmlns="http://cyclonedx.org/schema/bom/1.2" version="1"/>',
      ),
    );
    expect(summary).toMatchObject({
      tool: { name: 'CycloneDX' },
      categories: ['sbom'],
      componentCount: 0,
      totalFindings: 0,
    });
  });

  it('names the path of a bad shape', () => {
    expect(
      parseError(() =>
        cyclonedxJsonParser.parse({ bomFormat: 'CycloneDX', components: {} }),
      ).message,
    ).toBe('components: expected a list, got an object');
    expect(
      parseError(() =>
        cyclonedxJsonParser.parse({
          bomFormat: 'CycloneDX',
          vulnerabilities: [{ id: 'x', ratings: 'high' }],
        }),
      ).message,
    ).toBe('vulnerabilities[0].ratings: expected a list, got the text "high"');
    expect(
      parseError(() =>
        cyclonedxJsonParser.parse({
          bomFormat: 'CycloneDX',
          metadata: { tools: 'grype' },
        }),
      ).message,
    ).toBe(
      'metadata.tools: expected a list or an object with components, got the text "grype"',
    );
    // A hole in a list (as a property test once made) is a missing tool, not a crash.
    // eslint-disable-next-line no-sparse-arrays
    const sparseTools = [, { name: 'grype' }];
    expect(
      parseError(() =>
        cyclonedxJsonParser.parse({
          bomFormat: 'CycloneDX',
          metadata: { tools: sparseTools },
        }),
      ).message,
    ).toMatch(/^metadata\.tools\[0\]: expected an object/);
    expect(
      parseError(() =>
        cyclonedxXmlParser.parse(
          parseXml(
            '<bom><components><component>x</component></components></bom>',
          ),
        ),
      ).message,
    ).toBe(
      'bom.components.component[0]: expected an element with child elements, got the text "x"',
    );
    expect(
      parseError(() => cyclonedxXmlParser.parse(parseXml('<other/>'))).message,
    ).toBe('document: expected a <bom> root element, found none');
  });
});

describe('CycloneDX detection', () => {
  it.each(JSON_FIXTURES)('%s is detected as CycloneDX JSON only', name => {
    const doc = loadJson(name);
    expect(detectingParsers(doc)).toEqual([cyclonedxJsonParser]);
  });

  it.each(XML_FIXTURES)('%s is detected as CycloneDX XML only', name => {
    const doc = loadXml(name);
    expect(detectingParsers(doc)).toEqual([cyclonedxXmlParser]);
  });

  it('does not take other formats for CycloneDX', () => {
    const others: unknown[] = [
      { SchemaVersion: 2, ArtifactName: 'x', Results: [] }, // Trivy
      { matches: [], descriptor: { name: 'grype' }, source: {} }, // Grype
      { spdxVersion: 'SPDX-2.3', packages: [] },
      { bomFormat: 'cyclonedx' },
    ];
    expect(others.some(d => cyclonedxJsonParser.detect(d))).toBe(false);
    expect(cyclonedxXmlParser.detect(parseXml('<OWASPZAPReport/>'))).toBe(
      false,
    );
    expect(cyclonedxXmlParser.detect(parseXml('<bom/>'))).toBe(true);
  });
});

describe('CycloneDX parsers on weird input', () => {
  it('returns a summary or throws ReportParseError for anything', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(anything, doc => {
        expectRobust(cyclonedxJsonParser, doc);
        expectRobust(cyclonedxXmlParser, doc);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    'log4j.json',
    'valid-vulnerability-1.4.json',
    'nested-component-log4j.json',
  ])('survives random mutations of %s', name => {
    expect.hasAssertions();
    expectSurvivesEdits(
      cyclonedxJsonParser,
      read(`cyclonedx/${name}`),
      JSON.parse,
    );
  });

  it('survives random mutations of log4j.xml', () => {
    expect.hasAssertions();
    expectSurvivesEdits(
      cyclonedxXmlParser,
      read('cyclonedx/log4j.xml'),
      parseXml,
    );
  });

  it('survives cut-down XML text', () => {
    expect.hasAssertions();
    expectSurvivesCuts(
      cyclonedxXmlParser,
      read('cyclonedx/log4j.xml'),
      parseXml,
      300,
    );
  });
});
