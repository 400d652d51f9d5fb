import fc from 'fast-check';
import { spdxParser } from './spdx';
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
const load = (name: string): unknown => JSON.parse(read(`spdx/${name}`));

describe('spdxParser on real reports', () => {
  it('counts the security advisories of a Syft SBOM', () => {
    const summary = spdxParser.parse(load('spdx_many_vuln.json'));
    // The fixture has no vulnerability list (SPDX 2.x has none); it lists advisories as
    // package externalRefs. Counted with
    //   jq '[.packages[].externalRefs[]? | select(.referenceCategory=="SECURITY")
    //     | .referenceType] | group_by(.)'
    // -> advisory 3, cpe23Type 7, fix 1, url 1. Only the 3 `advisory` references count
    // (alpine-baselayout CVE-2024-10001, alpine-keys CVE-2024-10002, apk-tools with an
    // address naming no id); SPDX gives no severity, so all are `unknown`.
    // jq '.packages | length' -> 4.
    expect(summary).toMatchObject({
      format: 'spdx',
      syntax: 'json',
      tool: { name: 'syft', version: '1.50.0' },
      categories: ['sbom', 'sca'],
      scannedAt: '2026-07-29T00:00:00.000Z',
      componentCount: 4,
      counts: { critical: 0, high: 0, medium: 0, low: 0, info: 0, unknown: 3 },
      totalFindings: 3,
      targets: ['generic-image'],
    });
    expect(summary.topFindings.map(f => f.severity)).toEqual([
      'unknown',
      'unknown',
      'unknown',
    ]);
    expect(summary.topFindings.map(f => [f.id, f.package])).toEqual([
      ['CVE-2024-10001', 'alpine-baselayout@3.1.2-r0'],
      ['CVE-2024-10002', 'alpine-keys@2.1-r2'],
      [
        'https://example.com/advisories/no-identifier-here',
        'apk-tools@2.10.6-r0',
      ],
    ]);
    expect(summary.topFindings[0].title).toBe(
      'Security advisory CVE-2024-10001',
    );
  });

  it('reads an SBOM without advisories', () => {
    const summary = spdxParser.parse(load('spdx_no_vuln.json'));
    // jq '.packages | length' -> 3; only cpe23Type SECURITY references (6), no advisory.
    expect(summary).toMatchObject({
      tool: { name: 'syft', version: '1.50.0' },
      categories: ['sbom'],
      scannedAt: '2026-07-29T00:00:00.000Z',
      componentCount: 3,
      totalFindings: 0,
      topFindings: [],
      targets: ['generic-image'],
    });
    expect(sumOfCounts(summary)).toBe(0);
  });
});

describe('spdxParser rules', () => {
  it('reads the tool from the creators', () => {
    const toolOf = (creators: unknown) =>
      spdxParser.parse({
        spdxVersion: 'SPDX-2.2',
        creationInfo: { creators },
      }).tool;
    expect(toolOf(['Tool: scancode-toolkit-32.0.1'])).toEqual({
      name: 'scancode-toolkit',
      version: '32.0.1',
    });
    expect(toolOf(['Organization: X', 'Tool: trivy-v0.50.1'])).toEqual({
      name: 'trivy',
      version: 'v0.50.1',
    });
    expect(toolOf(['Tool: my-2fa-tool-1.0-rc1'])).toEqual({
      name: 'my-2fa-tool',
      version: '1.0-rc1',
    });
    expect(toolOf(['Tool: GitHub.com-Dependency-Graph'])).toEqual({
      name: 'GitHub.com-Dependency-Graph',
    });
    expect(toolOf(['Person: Jane'])).toEqual({ name: 'SPDX' });
    expect(toolOf(undefined)).toEqual({ name: 'SPDX' });
  });

  it('counts each advisory of a package once, whatever the case of the words', () => {
    const summary = spdxParser.parse({
      spdxVersion: 'SPDX-2.3',
      packages: [
        {
          name: 'requests',
          versionInfo: '2.0.0',
          externalRefs: [
            {
              referenceCategory: 'SECURITY',
              referenceType: 'advisory',
              referenceLocator: 'https://osv.dev/vulnerability/PYSEC-2023-74',
            },
            {
              referenceCategory: 'SECURITY',
              referenceType: 'advisory',
              referenceLocator: 'https://osv.dev/vulnerability/PYSEC-2023-74',
            },
            {
              referenceCategory: 'security',
              referenceType: 'ADVISORY',
              referenceLocator:
                'https://github.com/advisories/ghsa-j8r2-6x86-q33q',
              comment: 'Unintended leak of Proxy-Authorization header',
            },
            {
              referenceCategory: 'SECURITY',
              referenceType: 'url',
              referenceLocator:
                'https://nvd.nist.gov/vuln/detail/CVE-2023-32681',
            },
          ],
        },
        { SPDXID: 'SPDXRef-file' },
      ],
    });
    expect(summary.componentCount).toBe(2);
    expect(summary.topFindings).toEqual([
      {
        id: 'PYSEC-2023-74',
        title: 'Security advisory PYSEC-2023-74',
        severity: 'unknown',
        package: 'requests@2.0.0',
      },
      {
        id: 'GHSA-J8R2-6X86-Q33Q',
        title: 'Unintended leak of Proxy-Authorization header',
        severity: 'unknown',
        package: 'requests@2.0.0',
      },
    ]);
  });

  it('names the path of a bad shape', () => {
    expect(
      parseError(() =>
        spdxParser.parse({ spdxVersion: 'SPDX-2.3', packages: {} }),
      ).message,
    ).toBe('packages: expected a list, got an object');
    expect(
      parseError(() =>
        spdxParser.parse({
          spdxVersion: 'SPDX-2.3',
          packages: [{ name: 'x', externalRefs: [1] }],
        }),
      ).message,
    ).toBe('packages[0].externalRefs[0]: expected an object, got number 1');
    expect(
      parseError(() =>
        spdxParser.parse({ spdxVersion: 'SPDX-2.3', creationInfo: 'today' }),
      ).message,
    ).toBe('creationInfo: expected an object, got the text "today"');
  });
});

describe('spdxParser detection', () => {
  it.each(['spdx_many_vuln.json', 'spdx_no_vuln.json'])(
    '%s is detected as SPDX only',
    name => {
      const doc = load(name);
      expect(detectingParsers(doc)).toEqual([spdxParser]);
    },
  );

  it('does not take other formats or SPDX 3 for SPDX 2', () => {
    const others: unknown[] = [
      { spdxVersion: 'SPDX-3.0' },
      { '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld' },
      { bomFormat: 'CycloneDX', specVersion: '1.5' },
      { SchemaVersion: 2, Results: [] },
      { spdxVersion: 2.3 },
    ];
    for (const doc of others) expect(spdxParser.detect(doc)).toBe(false);
  });
});

describe('spdxParser on weird input', () => {
  it('returns a summary or throws ReportParseError for anything', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(anything, doc => {
        expectRobust(spdxParser, doc);
      }),
      { numRuns: 300 },
    );
  });

  it.each(['spdx_many_vuln.json', 'spdx_no_vuln.json'])(
    'survives random mutations of %s',
    name => {
      expect.hasAssertions();
      expectSurvivesEdits(spdxParser, read(`spdx/${name}`), JSON.parse, 300);
    },
  );

  it('survives cut-down text of a report', () => {
    expect.hasAssertions();
    expectSurvivesCuts(
      spdxParser,
      read('spdx/spdx_many_vuln.json'),
      JSON.parse,
      200,
    );
  });
});
