import fc from 'fast-check';
import { parseXml } from '../xml';
import { zapJsonParser, zapXmlParser } from './zap';
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
const loadXml = (name: string): unknown => parseXml(read(`zap/${name}`));

/** A ZAP 2.11 JSON report ("traditional-json"), written for this test. */
const ZAP_JSON = {
  '@programName': 'ZAP',
  '@version': '2.11.1',
  '@generated': 'Tue, 25 Jan 2022 09:55:54',
  site: [
    {
      '@name': 'http://localhost:8080',
      '@host': 'localhost',
      '@port': '8080',
      '@ssl': 'false',
      alerts: [
        {
          pluginid: '40012',
          alertRef: '40012',
          alert: 'Cross Site Scripting (Reflected)',
          name: 'Cross Site Scripting (Reflected)',
          riskcode: '3',
          confidence: '2',
          riskdesc: 'High (Medium)',
          instances: [
            { uri: 'http://localhost:8080/search?q=x', method: 'GET' },
            { uri: 'http://localhost:8080/find?q=x', method: 'GET' },
          ],
          count: '2',
        },
        {
          pluginid: '10038',
          alertRef: '10038-1',
          alert: 'Content Security Policy (CSP) Header Not Set',
          name: 'Content Security Policy (CSP) Header Not Set',
          riskcode: '2',
          confidence: '3',
          riskdesc: 'Medium (High)',
          instances: [{ uri: 'http://localhost:8080/', method: 'GET' }],
          count: '1',
        },
        {
          pluginid: '10027',
          alertRef: '10027',
          name: 'Information Disclosure - Suspicious Comments',
          riskcode: '0',
          confidence: '0',
          riskdesc: 'Informational (False Positive)',
          instances: [],
          count: '1',
        },
      ],
    },
    { '@name': 'https://cdn.example.com', alerts: [] },
  ],
};

describe('zapXmlParser on real reports', () => {
  it('reads a ZAP baseline scan, one finding per alert', () => {
    const summary = zapXmlParser.parse(loadXml('dvwa_baseline_dojo.xml'));
    // python3 ElementTree: one site with 19 alertitem elements; riskcode 2 x4
    // (10020, 10038, 10108, 10055), 1 x8, 0 x7; no confidence 0. Instances are not
    // counted: the 19 alerts list 124 <instance> elements between them.
    expect(summary).toMatchObject({
      format: 'zap',
      syntax: 'xml',
      tool: { name: 'OWASP ZAP', version: 'D-2021-03-29' },
      categories: ['dast'],
      // generated="Mon, 26 Apr 2021 07:03:32", no zone, read as UTC
      scannedAt: '2021-04-26T07:03:32.000Z',
      counts: { critical: 0, high: 0, medium: 4, low: 8, info: 7, unknown: 0 },
      totalFindings: 19,
      targets: ['http://172.17.0.2'],
    });
    expect(summary.topFindings.map(f => f.severity)).toEqual([
      ...Array(4).fill('medium'),
      ...Array(8).fill('low'),
      ...Array(7).fill('info'),
    ]);
    expect(summary.topFindings[0]).toEqual({
      id: '10020',
      title: 'X-Frame-Options Header Not Set',
      severity: 'medium',
      location: 'http://172.17.0.2/vulnerabilities/brute/',
    });
    expect(summary.findingKeys?.medium).toEqual([
      '10020|http://172.17.0.2/vulnerabilities/brute/',
      '10038|http://172.17.0.2/vulnerabilities/fi/?page=include.php',
      '10108|http://172.17.0.2/vulnerabilities/brute/',
      '10055|http://172.17.0.2/vulnerabilities/csp/',
    ]);
  });

  it('reads a ZAP 2.9.0 report without alerts', () => {
    const summary = zapXmlParser.parse(loadXml('empty_2.9.0.xml'));
    expect(summary).toMatchObject({
      tool: { name: 'OWASP ZAP', version: '2.9.0' },
      categories: ['dast'],
      scannedAt: '2020-05-12T20:59:12.000Z',
      totalFindings: 0,
      topFindings: [],
      targets: ['https://isaac.nl'],
    });
    expect(sumOfCounts(summary)).toBe(0);
  });
});

describe('zapJsonParser', () => {
  it('reads a ZAP JSON report', () => {
    const summary = zapJsonParser.parse(ZAP_JSON);
    expect(summary).toMatchObject({
      format: 'zap',
      syntax: 'json',
      tool: { name: 'OWASP ZAP', version: '2.11.1' },
      categories: ['dast'],
      scannedAt: '2022-01-25T09:55:54.000Z',
      // The false positive (confidence 0) is left out.
      counts: { critical: 0, high: 1, medium: 1, low: 0, info: 0, unknown: 0 },
      totalFindings: 2,
      targets: ['http://localhost:8080', 'https://cdn.example.com'],
    });
    expect(summary.topFindings).toEqual([
      {
        id: '40012',
        title: 'Cross Site Scripting (Reflected)',
        severity: 'high',
        location: 'http://localhost:8080/search?q=x',
      },
      {
        id: '10038-1',
        title: 'Content Security Policy (CSP) Header Not Set',
        severity: 'medium',
        location: 'http://localhost:8080/',
      },
    ]);
  });

  it('gives the same summary as the XML report of the same scan', () => {
    const xml = parseXml(`<?xml version="1.0"?>
      <OWASPZAPReport programName="ZAP" version="2.11.1" generated="Tue, 25 Jan 2022 09:55:54">
        <site name="http://localhost:8080" host="localhost" port="8080" ssl="false"><alerts>
          <alertitem><pluginid>40012</pluginid><alertRef>40012</alertRef>
            <alert>Cross Site Scripting (Reflected)</alert><name>Cross Site Scripting (Reflected)</name>
            <riskcode>3</riskcode><confidence>2</confidence><riskdesc>High (Medium)</riskdesc>
            <instances>
              <instance><uri>http://localhost:8080/search?q=x</uri><method>GET</method></instance>
              <instance><uri>http://localhost:8080/find?q=x</uri><method>GET</method></instance>
            </instances><count>2</count></alertitem>
          <alertitem><pluginid>10038</pluginid><alertRef>10038-1</alertRef>
            <name>Content Security Policy (CSP) Header Not Set</name>
            <riskcode>2</riskcode><confidence>3</confidence><riskdesc>Medium (High)</riskdesc>
            <instances><instance><uri>http://localhost:8080/</uri></instance></instances>
            <count>1</count></alertitem>
          <alertitem><pluginid>10027</pluginid><name>Information Disclosure - Suspicious Comments</name>
            <riskcode>0</riskcode><confidence>0</confidence><instances/></alertitem>
        </alerts></site>
        <site name="https://cdn.example.com"><alerts/></site>
      </OWASPZAPReport>`);
    const fromXml = zapXmlParser.parse(xml);
    const fromJson = zapJsonParser.parse(ZAP_JSON);
    expect({ ...fromXml, syntax: 'json' }).toEqual(fromJson);
  });

  it('reads an old JSON report without @programName, and riskdesc without riskcode', () => {
    const summary = zapJsonParser.parse({
      '@version': '2.8.0',
      '@generated': 'Wed, 1 Jan 2020 10:00:00',
      site: {
        '@name': 'https://a.example',
        alerts: [{ pluginid: 1, name: 'x', riskdesc: 'Low (Medium)' }],
      },
    });
    expect(summary).toMatchObject({
      tool: { name: 'OWASP ZAP', version: '2.8.0' },
      scannedAt: '2020-01-01T10:00:00.000Z',
      counts: { low: 1 },
      totalFindings: 1,
      targets: ['https://a.example'],
    });
    expect(summary.topFindings[0].location).toBe('https://a.example');
  });

  it('names the path of a bad shape', () => {
    expect(
      parseError(() =>
        zapJsonParser.parse({ '@programName': 'ZAP', site: [{ alerts: {} }] }),
      ).message,
    ).toBe('site[0].alerts: expected a list, got an object');
    expect(
      parseError(() =>
        zapJsonParser.parse({ site: [{ alerts: [{ instances: 'x' }] }] }),
      ).message,
    ).toBe('site[0].alerts[0].instances: expected a list, got the text "x"');
    expect(
      parseError(() =>
        zapXmlParser.parse(
          parseXml(
            '<OWASPZAPReport><site><alerts>none</alerts></site></OWASPZAPReport>',
          ),
        ),
      ).message,
    ).toBe(
      'OWASPZAPReport.site[0].alerts: expected an element with child elements, got the text "none"',
    );
    expect(
      parseError(() => zapXmlParser.parse(parseXml('<bom/>'))).message,
    ).toBe('document: expected an <OWASPZAPReport> root element, found none');
  });
});

describe('ZAP detection', () => {
  it.each(['dvwa_baseline_dojo.xml', 'empty_2.9.0.xml'])(
    '%s is detected as ZAP XML only',
    name => {
      const doc = loadXml(name);
      expect(detectingParsers(doc)).toEqual([zapXmlParser]);
    },
  );

  it('detects the JSON report as ZAP JSON only', () => {
    expect(detectingParsers(ZAP_JSON)).toEqual([zapJsonParser]);
  });

  it('does not take other formats for ZAP', () => {
    const others: unknown[] = [
      { SchemaVersion: 2, ArtifactName: 'x', Results: [] }, // Trivy
      { matches: [], descriptor: { name: 'grype' }, source: {} }, // Grype
      { results: [], errors: [], version: '1.0.0' }, // Semgrep
      { '@programName': 'Burp', site: [] },
      { '@version': '1', site: [] },
      { site: [] },
    ];
    for (const doc of others) expect(zapJsonParser.detect(doc)).toBe(false);
    expect(zapXmlParser.detect(parseXml('<bom/>'))).toBe(false);
    expect(zapXmlParser.detect(parseXml('<OWASPZAPReport/>'))).toBe(true);
  });
});

describe('ZAP parsers on weird input', () => {
  it('returns a summary or throws ReportParseError for anything', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(anything, doc => {
        expectRobust(zapJsonParser, doc);
        expectRobust(zapXmlParser, doc);
      }),
      { numRuns: 300 },
    );
  });

  it('survives random mutations of a JSON report', () => {
    expect.hasAssertions();
    expectSurvivesEdits(
      zapJsonParser,
      JSON.stringify(ZAP_JSON),
      JSON.parse,
      300,
    );
  });

  it.each(['dvwa_baseline_dojo.xml', 'empty_2.9.0.xml'])(
    'survives random mutations of %s',
    name => {
      expect.hasAssertions();
      expectSurvivesEdits(zapXmlParser, read(`zap/${name}`), parseXml);
    },
  );

  it('survives cut-down XML text', () => {
    expect.hasAssertions();
    expectSurvivesCuts(
      zapXmlParser,
      read('zap/dvwa_baseline_dojo.xml'),
      parseXml,
      300,
    );
  });
});
