import { getBuiltInModel } from '../model/builtInModel';
import { indexModel } from '../model/modelIndex';
import { DEFAULT_FINDING_SLA_DAYS, DEFAULT_REPORT_MAPPING } from './mapping';
import { ReportForEvidence, reportEvidence } from './reportEvidence';
import { ReportCategory, ReportSummary } from './types';

const index = indexModel(getBuiltInModel());
const id = (key: string) => index.byKey.get(key)!.id;
const now = new Date('2026-06-01T00:00:00Z');

function report(
  reportId: string,
  tool: string,
  categories: ReportCategory[],
  scannedAt: string,
  counts: Partial<ReportSummary['counts']> = {},
  openFindings: ReportForEvidence['openFindings'] = [],
): ReportForEvidence {
  return {
    id: reportId,
    uploadedAt: scannedAt,
    openFindings,
    summary: {
      format: 'sarif',
      tool: { name: tool },
      categories,
      scannedAt,
      counts: {
        critical: 0,
        high: 0,
        medium: 0,
        low: 0,
        info: 0,
        unknown: 0,
        ...counts,
      },
    },
  };
}

const options = {
  index,
  mapping: DEFAULT_REPORT_MAPPING,
  slaDays: DEFAULT_FINDING_SLA_DAYS,
  maxAgeDays: 90,
  now,
};

describe('reportEvidence', () => {
  it('gives each category its activities, with the report named', () => {
    const { evidence } = reportEvidence(
      [report('r1', 'Trivy', ['container', 'sca'], '2026-05-30T00:00:00Z')],
      options,
    );
    const ids = evidence.map(e => e.activityId);
    expect(ids).toEqual(
      expect.arrayContaining([
        id('software-composition-analysis'),
        id('test-of-infrastructure-components-for-known-vulnerabilities'),
        id('software-composition-analysis-server-side'),
      ]),
    );
    expect(evidence[0]).toMatchObject({
      source: 'report',
      observedAt: '2026-05-30T00:00:00Z',
      details: { reportId: 'r1', tool: 'Trivy', category: 'container' },
    });
  });

  it('counts only the latest report of each tool, whatever order they come in', () => {
    const { evidence } = reportEvidence(
      [
        report('new', 'Semgrep', ['sast'], '2026-05-30T00:00:00Z'),
        report('old', 'semgrep', ['sast'], '2026-05-01T00:00:00Z'),
        report('other', 'Gitleaks', ['secrets'], '2026-05-02T00:00:00Z'),
      ],
      options,
    );
    expect([...new Set(evidence.map(e => e.details?.reportId))].sort()).toEqual(
      ['new', 'other'],
    );
    expect(evidence.map(e => e.activityId)).toEqual(
      expect.arrayContaining([
        id('static-analysis-for-important-server-side-components'),
        id('test-for-stored-secrets-in-code'),
      ]),
    );
  });

  it("counts one tool's scans of different kinds, each until a later one of its kind", () => {
    const ids = (reports: ReturnType<typeof report>[]) =>
      [
        ...new Set(
          reportEvidence(reports, options).evidence.map(
            e => e.details?.reportId,
          ),
        ),
      ].sort();
    const secrets = report(
      'fs-secret',
      'Trivy',
      ['secrets'],
      '2026-05-01T00:00:00Z',
    );
    const config = report('config', 'Trivy', ['iac'], '2026-05-02T00:00:00Z');
    expect(ids([secrets, config])).toEqual(['config', 'fs-secret']);
    const again = report(
      'fs-secret-2',
      'Trivy',
      ['secrets'],
      '2026-05-03T00:00:00Z',
    );
    expect(ids([secrets, config, again])).toEqual(['config', 'fs-secret-2']);
  });

  it('needs two distinct SAST tools within the freshness window for multiple analyzers', () => {
    const multi = id('usage-of-multiple-analyzers');
    const one = reportEvidence(
      [
        report('a', 'CodeQL', ['sast'], '2026-05-30T00:00:00Z'),
        report('b', 'codeql', ['sast'], '2026-05-31T00:00:00Z'),
      ],
      options,
    );
    expect(one.evidence.map(e => e.activityId)).not.toContain(multi);
    const two = reportEvidence(
      [
        report('a', 'CodeQL', ['sast'], '2026-05-30T00:00:00Z'),
        report('b', 'Semgrep', ['sast'], '2026-05-20T00:00:00Z'),
      ],
      options,
    );
    const item = two.evidence.find(e => e.activityId === multi)!;
    // lasts as long as the older of the two
    expect(item.observedAt).toBe('2026-05-20T00:00:00Z');
    expect(item.details?.summary).toBe(
      '2 distinct sast tools: CodeQL, Semgrep',
    );
    const stale = reportEvidence(
      [
        report('a', 'CodeQL', ['sast'], '2026-05-30T00:00:00Z'),
        report('b', 'Semgrep', ['sast'], '2026-01-01T00:00:00Z'),
      ],
      options,
    );
    expect(stale.evidence.map(e => e.activityId)).not.toContain(multi);
    const dast = reportEvidence(
      [
        report('a', 'OWASP ZAP', ['dast'], '2026-05-30T00:00:00Z'),
        report('b', 'Nuclei', ['dast'], '2026-05-30T00:00:00Z'),
      ],
      options,
    );
    expect(dast.evidence.map(e => e.activityId)).toContain(
      id('usage-of-multiple-scanners'),
    );
  });

  it('counts defect treatment only when no high or critical finding is past its SLA', () => {
    const high = id('treatment-of-defects-with-high-or-critical-severity');
    const medium = id('treatment-of-defects-with-medium-severity');
    const clean = reportEvidence(
      [report('a', 'Trivy', ['sca'], '2026-05-30T00:00:00Z', { low: 3 })],
      options,
    );
    expect(clean.evidence.map(e => e.activityId)).toEqual(
      expect.arrayContaining([high, medium]),
    );
    expect(clean.notes.find(n => n.activityId === high)).toEqual({
      activityId: high,
      counts: true,
      reason:
        'The latest reports of 1 tool(s) show no open critical or high finding.',
    });

    const within = reportEvidence(
      [
        report('a', 'Trivy', ['sca'], '2026-05-30T00:00:00Z', { high: 1 }, [
          {
            key: 'CVE-1|lib@1',
            severity: 'high',
            firstSeenAt: '2026-05-10T00:00:00Z',
          },
        ]),
      ],
      options,
    );
    expect(within.notes.find(n => n.activityId === high)).toMatchObject({
      counts: true,
      reason: '1 open critical or high finding(s), all within the SLA.',
    });

    const overdue = reportEvidence(
      [
        report(
          'a',
          'Trivy',
          ['sca'],
          '2026-05-30T00:00:00Z',
          { critical: 1, medium: 1 },
          [
            {
              key: 'CVE-2|lib@2',
              severity: 'critical',
              firstSeenAt: '2026-05-20T00:00:00Z',
            },
            {
              key: 'CVE-3|lib@3',
              severity: 'medium',
              firstSeenAt: '2026-05-20T00:00:00Z',
            },
          ],
        ),
      ],
      options,
    );
    expect(overdue.evidence.map(e => e.activityId)).not.toContain(high);
    // the medium finding is 12 days old, within its 90 days
    expect(overdue.evidence.map(e => e.activityId)).toContain(medium);
    // Overdue findings are a measured negative, which contradicts a declaration.
    expect(overdue.notes.find(n => n.activityId === high)).toEqual({
      activityId: high,
      counts: false,
      contradicts: true,
      reason:
        '1 critical or high finding(s) open longer than the SLA (critical 7 days, high 30 days), e.g. CVE-2.',
    });
  });

  it('counts a grouped entry as the number of findings it stands for', () => {
    const high = id('treatment-of-defects-with-high-or-critical-severity');
    const { notes } = reportEvidence(
      [
        report('a', 'Trivy', ['sca'], '2026-05-30T00:00:00Z', { high: 4 }, [
          {
            key: 'CVE-4|lib@4',
            severity: 'high',
            firstSeenAt: '2026-01-01T00:00:00Z',
            count: 3,
          },
          {
            key: 'CVE-5|lib@5',
            severity: 'high',
            firstSeenAt: '2026-05-29T00:00:00Z',
          },
        ]),
      ],
      options,
    );
    expect(notes.find(n => n.activityId === high)?.reason).toBe(
      '3 critical or high finding(s) open longer than the SLA (critical 7 days, high 30 days), e.g. CVE-4.',
    );
  });

  it('judges findings by the latest report of each tool only, and not by SBOMs', () => {
    const high = id('treatment-of-defects-with-high-or-critical-severity');
    const fixed = reportEvidence(
      [
        report(
          'old',
          'Trivy',
          ['sca'],
          '2026-04-01T00:00:00Z',
          { critical: 1 },
          [
            {
              key: 'CVE-2|x',
              severity: 'critical',
              firstSeenAt: '2026-03-01T00:00:00Z',
            },
          ],
        ),
        report('new', 'Trivy', ['sca'], '2026-05-30T00:00:00Z'),
      ],
      options,
    );
    expect(fixed.evidence.map(e => e.activityId)).toContain(high);
    const sbomOnly = reportEvidence(
      [report('s', 'Syft', ['sbom'], '2026-05-30T00:00:00Z')],
      options,
    );
    expect(sbomOnly.evidence.map(e => e.activityId)).toEqual([
      id('sbom-of-components'),
    ]);
    // No report is absence of proof, not a measurement against the activity.
    expect(sbomOnly.notes.find(n => n.activityId === high)).toEqual({
      activityId: high,
      counts: false,
      reason: 'No current scanner report shows the state of findings.',
    });
    expect(fixed.notes.find(n => n.activityId === high)?.contradicts).toBe(
      undefined,
    );
  });
});
