import { ReportParseError } from '../ReportParseError';
import { semgrepSupplyChainParser } from './semgrepSupplyChain';
import {
  robustnessChecks,
  detectedBy,
  fixture,
} from './__testUtils__/robustness';

// Not a real export (none can be made here): the documented shape of Semgrep's API answer
// with made-up advisories; see the fixtures' NOTICE.
const FIXTURE = 'semgrep_supply_chain/documented_shape.json';

const zero = { critical: 0, high: 0, medium: 0, low: 0, info: 0, unknown: 0 };

describe('semgrepSupplyChainParser', () => {
  it('reads the vulnerabilities of an API export, leaving out fixed and ignored ones', () => {
    const summary = semgrepSupplyChainParser.parse(fixture(FIXTURE));
    // 6 vulns: CRITICAL NEW, HIGH REVIEWING, MEDIUM NEW, HIGH FIXED, LOW IGNORED, LOW NEW.
    expect(summary.counts).toEqual({
      ...zero,
      critical: 1,
      high: 1,
      medium: 1,
      low: 1,
    });
    expect(summary.totalFindings).toBe(4);
    expect(summary.format).toBe('semgrep-supply-chain');
    expect(summary.tool).toEqual({ name: 'Semgrep Supply Chain' });
    expect(summary.categories).toEqual(['sca']);
    expect(summary.topFindings[0]).toEqual({
      id: 'ssc-5b0c1e7a-0000-4000-8000-000000000001',
      title: 'Prototype pollution in merge helper',
      severity: 'critical',
      location: 'package-lock.json:120',
      package: 'deepmerge-lite@1.0.2',
    });
    // A start line of "0" is no line.
    expect(summary.topFindings[3]).toMatchObject({
      location: 'package-lock.json',
      package: 'token-eq@1.1.0',
      severity: 'low',
    });
    // Findings keep a stable identity (advisory and package) for the lifecycle.
    expect(summary.findingKeys?.critical).toEqual([
      'ssc-5b0c1e7a-0000-4000-8000-000000000001|deepmerge-lite@1.0.2',
    ]);
  });

  it('reads a page with nothing in it, and names the path of a bad shape', () => {
    expect(
      semgrepSupplyChainParser.parse({ vulns: [], hasMore: false, cursor: '' })
        .totalFindings,
    ).toBe(0);
    expect(() =>
      semgrepSupplyChainParser.parse({
        vulns: [{ advisory: 'x' }],
        hasMore: false,
      }),
    ).toThrow(
      new ReportParseError(
        'vulns[0].advisory: expected an object, got the text "x"',
      ),
    );
  });

  it('detects its fixture, and no other parser does', () => {
    expect(detectedBy(fixture(FIXTURE))).toEqual(['semgrep-supply-chain']);
    expect(detectedBy({ vulns: [], hasMore: false, cursor: 'x' })).toEqual([
      'semgrep-supply-chain',
    ]);
    expect(semgrepSupplyChainParser.detect({ vulns: [] })).toBe(false);
    expect(
      semgrepSupplyChainParser.detect(fixture('semgrep/many_vulns.json')),
    ).toBe(false);
  });
});

describe(`${semgrepSupplyChainParser.format}: robustness`, () => {
  const checks = robustnessChecks(semgrepSupplyChainParser);
  it('gives a consistent summary or a ReportParseError for any JSON value', () =>
    checks.anyValue());
  it('survives structural mutations of the fixture', () =>
    checks.mutations(FIXTURE));
  it('survives truncated and edited text of the fixture', () =>
    checks.edits(FIXTURE));
});
