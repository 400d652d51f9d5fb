/**
 * Generators of hostile scanner reports, one per class of attack on the parsers. Shared by
 * the hostile-input tests and `bench/hostileParse.ts`; each returns the body as uploaded
 * and, where it matters, what an honest reading must count.
 */

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/** A name of `length` characters, distinct for each `i`. */
export function longName(prefix: string, i: number, length: number): string {
  const head = `${prefix}-${i}-`;
  return head + 'x'.repeat(Math.max(0, length - head.length));
}

/**
 * CycloneDX whose every vulnerability lists every component in `affects`: building each
 * finding's package line in full costs vulnerabilities x components x label length.
 */
export function amplifyingCycloneDx(
  vulnerabilities: number,
  components: number,
  labelLength = 200,
): Buffer {
  const refs = Array.from({ length: components }, (_, i) => `c${i}`);
  return json({
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    components: refs.map((ref, i) => ({
      'bom-ref': ref,
      type: 'library',
      name: longName('pkg', i, labelLength),
      version: '1.0.0',
    })),
    vulnerabilities: Array.from({ length: vulnerabilities }, (_, i) => ({
      id: `CVE-2024-${10000 + i}`,
      ratings: [{ severity: i % 2 ? 'high' : 'critical' }],
      affects: refs.map(ref => ({ ref })),
    })),
  });
}

/**
 * npm audit where package i is vulnerable only through package i+1 and the last package has
 * the one advisory: searching again from every package costs packages x chain length.
 */
export function npmAuditChain(packages: number): Buffer {
  const name = (i: number) => `chain-${i}`;
  const vulnerabilities: Record<string, unknown> = {};
  for (let i = 0; i < packages; i++) {
    const last = i === packages - 1;
    vulnerabilities[name(i)] = {
      name: name(i),
      severity: 'high',
      via: last
        ? [
            {
              source: 1,
              title: 'Prototype pollution',
              url: 'https://github.com/advisories/GHSA-2345-6789-cfgh',
              severity: 'high',
            },
          ]
        : [name(i + 1)],
      effects: i > 0 ? [name(i - 1)] : [],
      range: '*',
      nodes: [`node_modules/${name(i)}`],
      isDirect: i === 0,
    };
  }
  return json({
    auditReportVersion: 2,
    vulnerabilities,
    metadata: { vulnerabilities: { high: packages, total: packages } },
  });
}

/**
 * SARIF whose rules live in `extensions` tool components and whose results name the last
 * extension's rule by id: scanning every extension for every result costs extensions x
 * results. Every result is high (the rule's security-severity 8.0), so counts are exact.
 */
export function sarifManyExtensions(
  extensions: number,
  results: number,
): Buffer {
  return json({
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'Hostile SAST', rules: [] },
          extensions: Array.from({ length: extensions }, (_, i) => ({
            name: `pack-${i}`,
            rules: [
              {
                id: `rule-${i}`,
                properties: { 'security-severity': '8.0' },
              },
            ],
          })),
        },
        results: Array.from({ length: results }, (_, i) => ({
          ruleId: `rule-${extensions - 1}`,
          message: { text: `finding ${i}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: `src/file${i}.ts` },
                region: { startLine: i + 1 },
              },
            },
          ],
        })),
      },
    ],
  });
}

/**
 * SARIF whose rule's message template repeats a placeholder `placeholders` times and whose
 * results fill it with a long argument: filling it in full builds placeholders x argument
 * length per result.
 */
export function sarifTemplateAmplifier(
  results: number,
  placeholders = 300,
): Buffer {
  const argument = 'a'.repeat(1000);
  return json({
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Hostile SAST',
            rules: [
              {
                id: 'amplify',
                messageStrings: { m: { text: '{0}'.repeat(placeholders) } },
              },
            ],
          },
        },
        results: Array.from({ length: results }, () => ({
          ruleId: 'amplify',
          level: 'error',
          message: { id: 'm', arguments: [argument] },
        })),
      },
    ],
  });
}

/** `depth` nested JSON arrays, closed. */
export function deepJson(depth: number): Buffer {
  return Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`);
}

/** A CycloneDX JSON BOM whose components nest `depth` levels deep. */
export function deepCycloneDx(depth: number): Buffer {
  let components = '[]';
  for (let i = 0; i < depth; i++) {
    components = `[{"type":"library","name":"n${i}","components":${components}}]`;
  }
  return Buffer.from(
    `{"bomFormat":"CycloneDX","specVersion":"1.5","components":${components}}`,
  );
}

/** `depth` nested XML elements inside a CycloneDX `<bom>`. */
export function deepXml(depth: number): Buffer {
  return Buffer.from(
    `<?xml version="1.0"?><bom>${'<a>'.repeat(depth)}${'</a>'.repeat(
      depth,
    )}</bom>`,
  );
}

/** A flat JSON list of `count` zeros. */
export function manyJsonValues(count: number): Buffer {
  return Buffer.from(`[${'0,'.repeat(count - 1)}0]`);
}

/** A CycloneDX XML `<bom>` holding `count` empty elements. */
export function manyXmlElements(count: number): Buffer {
  return Buffer.from(`<bom>${'<x/>'.repeat(count)}</bom>`);
}

/** A CycloneDX XML `<bom>` of `elements` empty children with `each` attributes apiece. */
export function manyXmlAttributes(elements: number, each: number): Buffer {
  const attributes = Array.from({ length: each }, (_, i) => `a${i}=""`).join(
    ' ',
  );
  return Buffer.from(`<bom>${`<x ${attributes}/>`.repeat(elements)}</bom>`);
}

/** A CycloneDX XML BOM whose one component holds `count` nested components. */
export function wideNestedCycloneDxXml(count: number): Buffer {
  return Buffer.from(
    `<bom><components><component type="application"><name>app</name><components>${'<component type="library"/>'.repeat(
      count,
    )}</components></component></components></bom>`,
  );
}

/**
 * A CycloneDX XML BOM whose every kept field (tool name and version, subject, component
 * name, vulnerability id and description) is `length` characters long.
 */
export function longStringsCycloneDxXml(
  vulnerabilities: number,
  length: number,
): Buffer {
  const long = (prefix: string) => longName(prefix, 0, length);
  const vulns = Array.from(
    { length: vulnerabilities },
    (_, i) =>
      `<vulnerability><id>${longName('CVE', i, length)}</id>` +
      `<description>${long('description')}</description>` +
      `<ratings><rating><severity>high</severity></rating></ratings>` +
      `<affects><target><ref>c0</ref></target></affects></vulnerability>`,
  ).join('');
  return Buffer.from(
    `<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.5">` +
      `<metadata><tools><tool><name>${long('tool')}</name>` +
      `<version>${long('version')}</version></tool></tools>` +
      `<component type="application"><name>${long(
        'subject',
      )}</name></component></metadata>` +
      `<components><component type="library" bom-ref="c0"><name>${long(
        'component',
      )}</name><version>${long('v')}</version></component></components>` +
      `<vulnerabilities>${vulns}</vulnerabilities></bom>`,
  );
}

/**
 * SARIF whose every kept field (tool name and version, rule id, message, location uri) is
 * `length` characters long and whose results are all distinct, all high.
 */
export function longStringsSarif(results: number, length: number): Buffer {
  return json({
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: longName('tool', 0, length),
            version: longName('version', 0, length),
          },
        },
        invocations: [{ startTimeUtc: '2026-01-01T00:00:00Z' }],
        results: Array.from({ length: results }, (_, i) => ({
          ruleId: longName('rule', i, length),
          level: 'error',
          message: { text: longName('message', i, length) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: longName('uri', i, length) },
              },
            },
          ],
        })),
      },
    ],
  });
}
