import fc from 'fast-check';
import { sarifParser } from './sarif';
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
const load = (name: string): unknown => JSON.parse(read(`sarif/${name}`));

const FIXTURE_NAMES = [
  'SuppressionTestCurrent.sarif',
  'appendix_k1.sarif',
  'codeQL-output.sarif',
  'gitleaks_7.5.0.sarif',
  'njsscan.sarif',
  'no_runs.sarif',
  'secretlint_12.0.0.sarif',
  'secretlint_12.0.0_clean.sarif',
];

describe('sarifParser on real reports', () => {
  it('reads CodeQL output', () => {
    const summary = sarifParser.parse(load('codeQL-output.sarif'));
    // 72 results, none with a level, kind, baselineState or suppressions; the level is the
    // rule's defaultConfiguration.level (no rule has security-severity). Counted with
    //   jq -c '.runs[0] as $r | [$r.results[] | (.level // $r.tool.driver.rules[.ruleIndex]
    //     .defaultConfiguration.level // "warning")] | group_by(.) | map({(.[0]): length})'
    // -> error 11, warning 4, note 57.
    expect(summary).toMatchObject({
      format: 'sarif',
      syntax: 'json',
      tool: { name: 'CodeQL', version: '2.5.4' },
      categories: ['sast'],
      counts: {
        critical: 0,
        high: 11,
        medium: 4,
        low: 57,
        info: 0,
        unknown: 0,
      },
      totalFindings: 72,
    });
    // The run has no invocations, so no scan time.
    expect(summary.scannedAt).toBeUndefined();
    expect(summary.topFindings.map(f => f.severity)).toEqual([
      ...Array(11).fill('high'),
      ...Array(4).fill('medium'),
      ...Array(5).fill('low'),
    ]);
    // First error-level result in report order: jq shows py/call/wrong-named-argument there.
    expect(summary.topFindings[0]).toMatchObject({
      id: 'py/call/wrong-named-argument',
      location: 'good/mod_user.py:33',
      severity: 'high',
    });
    expect(summary.topFindings[11]).toMatchObject({
      id: 'py/unreachable-statement',
      location: 'good/libuser.py:51',
      severity: 'medium',
    });
    expect(summary.findingKeys?.high).toContain(
      'py/sql-injection|bad/libuser.py:12',
    );
    expect(sumOfCounts(summary)).toBe(summary.totalFindings);
  });

  it('reads gitleaks SARIF as a secrets scan', () => {
    const summary = sarifParser.parse(load('gitleaks_7.5.0.sarif'));
    // jq '.runs[].results | length' -> 8; jq '[.runs[].results[].level]' -> all null, and the
    // results name no rule, so every result is the SARIF default level warning -> medium.
    expect(summary).toMatchObject({
      tool: { name: 'Gitleaks', version: 'v7.4.0' },
      categories: ['secrets'],
      counts: { critical: 0, high: 0, medium: 8, low: 0, info: 0, unknown: 0 },
      totalFindings: 8,
    });
    expect(summary.topFindings.map(f => f.severity)).toEqual(
      Array(8).fill('medium'),
    );
    // Without a rule id, the message identifies the finding.
    expect(summary.topFindings[0]).toEqual({
      id: 'AWS Access Key secret detected',
      title: 'AWS Access Key secret detected',
      severity: 'medium',
      location:
        'dojo/unittests/scans/gitlab_secret_detection_report/gitlab_secret_detection_report_1_vuln.json:13',
    });
    expect(summary.topFindings[2].id).toBe(
      'Asymmetric Private Key secret detected',
    );
    expect(summary.scannedAt).toBeUndefined();
  });

  it('reads njsscan with a null level as the default warning', () => {
    const summary = sarifParser.parse(load('njsscan.sarif'));
    // jq '.runs[0].results[] | [.ruleId, .level]' -> node_insecure_random_generator null
    // (warning -> medium), node_password "error" (-> high).
    expect(summary).toMatchObject({
      tool: { name: 'nodejsscan', version: '0.2.3' },
      categories: ['sast'],
      scannedAt: '2021-03-23T00:10:48.000Z', // invocations[0].endTimeUtc
      counts: { critical: 0, high: 1, medium: 1, low: 0, info: 0, unknown: 0 },
      totalFindings: 2,
    });
    expect(summary.topFindings).toEqual([
      {
        id: 'node_password',
        title: expect.any(String),
        severity: 'high',
        location: 'file:///src/index.js:235',
      },
      {
        id: 'node_insecure_random_generator',
        title:
          'crypto.pseudoRandomBytes()/Math.random() is a cryptographically weak random number generator.',
        severity: 'medium',
        location: 'file:///src/index.js:321',
      },
    ]);
  });

  it('does not count suppressed results', () => {
    const summary = sarifParser.parse(load('SuppressionTestCurrent.sarif'));
    // 4 results; TST0001-TST0003 have suppressions [{kind: external}] (no status, so
    // accepted); only TST0004 is open, with no level -> warning -> medium.
    expect(summary).toMatchObject({
      tool: { name: 'CodeScanner' },
      categories: ['sast'],
      counts: { critical: 0, high: 0, medium: 1, low: 0, info: 0, unknown: 0 },
      totalFindings: 1,
    });
    expect(summary.tool.version).toBeUndefined();
    expect(summary.topFindings).toEqual([
      {
        id: 'TST0004',
        title: 'Existing, originally suppressed result.',
        severity: 'medium',
        location: 'file:///C:/code/file4.c',
      },
    ]);
  });

  it('reads a run without results', () => {
    const summary = sarifParser.parse(load('appendix_k1.sarif'));
    expect(summary).toMatchObject({
      tool: { name: 'CodeScanner' },
      categories: ['sast'],
      totalFindings: 0,
      topFindings: [],
    });
  });

  it('reads a log without runs as no scan at all', () => {
    const summary = sarifParser.parse(load('no_runs.sarif'));
    expect(summary).toMatchObject({
      tool: { name: 'SARIF' },
      categories: [],
      totalFindings: 0,
      topFindings: [],
    });
    expect(sumOfCounts(summary)).toBe(0);
  });
});

describe('sarifParser rules', () => {
  const run = (extra: Record<string, unknown>, results: unknown[]) => ({
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'Semgrep OSS', ...extra } }, results }],
  });

  it('rates by security-severity first, then level, then the rule default', () => {
    const doc = run(
      {
        rules: [
          {
            id: 'a',
            properties: { 'security-severity': '9.8' },
            defaultConfiguration: { level: 'note' },
          },
          { id: 'b', properties: { 'security-severity': 7 } },
          { id: 'c', properties: { 'security-severity': '4.0' } },
          { id: 'd', properties: { 'security-severity': 0.1 } },
          { id: 'e', defaultConfiguration: { level: 'error' } },
          { id: 'f', defaultConfiguration: { level: 'none' } },
        ],
      },
      [
        { ruleId: 'a', level: 'warning', message: { text: 'A' } },
        { ruleId: 'b', message: { text: 'B' } },
        { ruleId: 'c', message: { text: 'C' } },
        { ruleId: 'd', message: { text: 'D' } },
        { ruleId: 'e', message: { text: 'E' } },
        { ruleId: 'e', level: 'note', message: { text: 'E2' } },
        { ruleId: 'f', message: { text: 'F' } },
        { ruleId: 'zzz', message: { text: 'unknown rule' } },
        { ruleId: 'zzz', level: 'bogus', message: { text: 'odd level' } },
      ],
    );
    const summary = sarifParser.parse(doc);
    expect(summary.topFindings.map(f => [f.id, f.severity])).toEqual([
      ['a', 'critical'],
      ['b', 'high'],
      ['e', 'high'],
      ['c', 'medium'],
      ['zzz', 'medium'],
      ['d', 'low'],
      ['e', 'low'],
      ['f', 'info'],
      ['zzz', 'unknown'],
    ]);
    expect(summary.categories).toEqual(['sast']);
  });

  it('skips passes, absent results and accepted suppressions only', () => {
    const doc = run({}, [
      { ruleId: 'r', kind: 'pass', message: { text: 'x' } },
      { ruleId: 'r', kind: 'notApplicable', message: { text: 'x' } },
      { ruleId: 'r', baselineState: 'absent', message: { text: 'x' } },
      {
        ruleId: 'r',
        suppressions: [{ kind: 'inSource', status: 'accepted' }],
        message: { text: 'x' },
      },
      {
        ruleId: 'r',
        suppressions: [{ kind: 'external', status: 'rejected' }],
        message: { text: 'counted' },
      },
      { ruleId: 'r', suppressions: [], message: { text: 'counted' } },
      { ruleId: 'r', baselineState: 'new', message: { text: 'counted' } },
    ]);
    const summary = sarifParser.parse(doc);
    expect(summary.totalFindings).toBe(3);
    expect(summary.topFindings.every(f => f.title === 'counted')).toBe(true);
  });

  it('finds rules by index, in extensions, and fills message templates', () => {
    const doc = {
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: { name: 'CodeQL', semanticVersion: '2.15.0' },
            extensions: [
              {
                name: 'codeql/js-queries',
                rules: [
                  {
                    id: 'js/xss',
                    properties: { 'security-severity': '6.1' },
                    messageStrings: { m: { text: 'Flows from {0} to {1}.' } },
                  },
                ],
              },
            ],
          },
          invocations: [
            {
              startTimeUtc: '2024-05-01T10:00:00Z',
              endTimeUtc: '2024-05-01T10:05:00Z',
            },
          ],
          results: [
            {
              rule: { index: 0, toolComponent: { index: 0 } },
              message: { id: 'm', arguments: ['req.query', 'res.send'] },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'src/app.js' },
                    region: { startLine: 12 },
                  },
                },
              ],
            },
          ],
        },
        {
          tool: { driver: { name: 'Checkov', version: '3.0.0' } },
          results: [],
        },
      ],
    };
    const summary = sarifParser.parse(doc);
    expect(summary.tool).toEqual({ name: 'CodeQL', version: '2.15.0' });
    expect(summary.categories).toEqual(['sast', 'iac']);
    expect(summary.scannedAt).toBe('2024-05-01T10:00:00.000Z');
    expect(summary.topFindings).toEqual([
      {
        id: 'js/xss',
        title: 'Flows from req.query to res.send.',
        severity: 'medium',
        location: 'src/app.js:12',
      },
    ]);
  });

  it('reads a real secretlint 12 report as a secrets scan', () => {
    const summary = sarifParser.parse(load('secretlint_12.0.0.sarif'));
    expect(summary.tool).toEqual({ name: 'secretlint', version: '1.0.0' });
    expect(summary.categories).toEqual(['secrets']);
    expect(summary.counts).toMatchObject({ high: 2 });
    expect(summary.totalFindings).toBe(2);
    expect(summary.topFindings.map(f => f.location)).toEqual([
      'secretsdemo/config.env:2',
      'secretsdemo/id_rsa:1',
    ]);
    // Its rules (…secretlint-rule-aws, …secretlint-rule-privatekey) say so without the name.
    const renamed = load('secretlint_12.0.0.sarif') as {
      runs: { tool: { driver: { name: string } } }[];
    };
    renamed.runs[0].tool.driver.name = 'an unnamed scanner';
    expect(sarifParser.parse(renamed).categories).toEqual(['secrets']);
    // A clean run lists no rules: then only the tool's name tells.
    expect(
      sarifParser.parse(load('secretlint_12.0.0_clean.sarif')).categories,
    ).toEqual(['secrets']);
  });

  it('takes a run whose every rule finds secrets for a secrets scan, whatever the tool', () => {
    const categoriesOfRules = (rules: unknown[]) =>
      sarifParser.parse({
        version: '2.1.0',
        runs: [{ tool: { driver: { name: 'Some Scanner', rules } } }],
      }).categories;
    expect(
      categoriesOfRules([
        { id: 'generic.secrets.security.detected-aws-key' },
        { id: 'x', properties: { tags: ['secret'] } },
        { id: 'y', name: 'PrivateKey' },
      ]),
    ).toEqual(['secrets']);
    // A SAST rule set with one rule about credentials is still SAST.
    expect(
      categoriesOfRules([
        { id: 'js/hardcoded-credentials' },
        { id: 'js/sql-injection' },
      ]),
    ).toEqual(['sast']);
    // CodeQL's real run lists rules about credentials and many others.
    expect(sarifParser.parse(load('codeQL-output.sarif')).categories).toEqual([
      'sast',
    ]);
    expect(sarifParser.parse(load('njsscan.sarif')).categories).toEqual([
      'sast',
    ]);
  });

  it('decides the category from the tool name', () => {
    const categoriesFor = (
      name: string,
      runExtra: object = {},
      rules: unknown[] = [],
    ) =>
      sarifParser.parse({
        version: '2.1.0',
        runs: [{ tool: { driver: { name, rules } }, results: [], ...runExtra }],
      }).categories;
    expect(categoriesFor('gitleaks')).toEqual(['secrets']);
    expect(categoriesFor('TruffleHog')).toEqual(['secrets']);
    expect(categoriesFor('detect-secrets')).toEqual(['secrets']);
    expect(categoriesFor('tfsec')).toEqual(['iac']);
    expect(categoriesFor('KICS')).toEqual(['iac']);
    expect(categoriesFor('terrascan')).toEqual(['iac']);
    expect(categoriesFor('kube-linter')).toEqual(['iac']);
    expect(categoriesFor('Semgrep OSS')).toEqual(['sast']);
    expect(categoriesFor('Trivy')).toEqual(['sca']);
    expect(
      categoriesFor('Trivy', { properties: { imageName: 'alpine:3.19' } }),
    ).toEqual(['container']);
    expect(
      categoriesFor('Trivy', {}, [
        { id: 'CVE-1', properties: { tags: ['vulnerability', 'security'] } },
        { id: 'AVD-1', properties: { tags: ['misconfiguration'] } },
        { id: 'aws-key', properties: { tags: ['secret'] } },
      ]),
    ).toEqual(['sca', 'iac', 'secrets']);
  });

  it('names the path of a bad shape', () => {
    expect(parseError(() => sarifParser.parse([])).message).toBe(
      'report: expected an object, got a list',
    );
    expect(
      parseError(() => sarifParser.parse({ version: '2.1.0', runs: {} }))
        .message,
    ).toBe('runs: expected a list, got an object');
    expect(
      parseError(() =>
        sarifParser.parse({
          version: '2.1.0',
          runs: [{ tool: { driver: { name: 'x' } }, results: {} }],
        }),
      ).message,
    ).toBe('runs[0].results: expected a list, got an object');
    expect(
      parseError(() =>
        sarifParser.parse({ version: '2.1.0', runs: [{ tool: {} }] }),
      ).message,
    ).toMatch(/^runs\[0\]\.tool\.driver: expected an object, got /);
    expect(
      parseError(() =>
        sarifParser.parse({
          version: '2.1.0',
          runs: [{ tool: { driver: { name: 'x' } }, results: [null] }],
        }),
      ).message,
    ).toBe('runs[0].results[0]: expected an object, got null');
    expect(
      parseError(() => sarifParser.parse({ version: '1.0.0', runs: [] }))
        .message,
    ).toBe('version: expected "2.1.0", got the text "1.0.0"');
  });
});

describe('sarifParser detection', () => {
  it.each(FIXTURE_NAMES)('%s is detected as SARIF only', name => {
    const doc = load(name);
    expect(detectingParsers(doc)).toEqual([sarifParser]);
  });

  it('does not take other formats for SARIF', () => {
    const others: unknown[] = [
      { SchemaVersion: 2, ArtifactName: 'x', Results: [] }, // Trivy
      { matches: [], descriptor: { name: 'grype' }, source: {} }, // Grype
      { results: [], errors: [], version: '1.0.0' }, // Semgrep
      [], // gitleaks
      { auditReportVersion: 2, vulnerabilities: {} }, // npm audit
      { version: '2.0.0', runs: [] },
      { runs: [] },
      null,
      'sarif',
    ];
    for (const doc of others) expect(sarifParser.detect(doc)).toBe(false);
    expect(sarifParser.detect({ $schema: 'https://x/sarif-2.1.0.json' })).toBe(
      true,
    );
  });
});

describe('sarifParser on weird input', () => {
  it('returns a summary or throws ReportParseError for anything', () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(anything, doc => {
        expectRobust(sarifParser, doc);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    'njsscan.sarif',
    'SuppressionTestCurrent.sarif',
    'gitleaks_7.5.0.sarif',
  ])('survives random mutations of %s', name => {
    expect.hasAssertions();
    expectSurvivesEdits(sarifParser, read(`sarif/${name}`), JSON.parse);
  });

  it('survives cut-down text of a report', () => {
    expect.hasAssertions();
    expectSurvivesCuts(
      sarifParser,
      read('sarif/njsscan.sarif'),
      JSON.parse,
      200,
    );
  });
});
