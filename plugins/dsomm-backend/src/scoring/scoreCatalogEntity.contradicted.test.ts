import { ConfigReader } from '@backstage/config';
import {
  EvidenceItem,
  ReportForEvidence,
  indexModel,
} from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { component } from '../__testUtils__/entities';
import { readDsommConfig } from '../config/readDsommConfig';
import { scoreCatalogEntity } from './scoreCatalogEntity';

const model = getBuiltInModel();
const TREATMENT = indexModel(model).resolve(
  'treatment-of-defects-with-high-or-critical-severity',
)!.id;
const now = new Date('2026-06-01T00:00:00Z');
const config = readDsommConfig(new ConfigReader({}), model);
const ctx = { model, config, domainOfSystem: new Map(), now };
const entity = component('x', { owner: 'team-a' });
const TEAM = 'group:default/team-a';

/** A Trivy SCA report taken at `scannedAt` whose one critical finding was first seen then. */
function trivy(
  scannedAt: string,
  critical: number,
  categories: ReportForEvidence['summary']['categories'] = ['sca'],
): ReportForEvidence {
  return {
    id: `r-${scannedAt}`,
    uploadedAt: scannedAt,
    openFindings:
      critical > 0
        ? [
            {
              key: 'CVE-1|lib@1',
              severity: 'critical',
              firstSeenAt: '2026-04-01T00:00:00Z',
            },
          ]
        : [],
    summary: {
      format: 'trivy',
      tool: { name: 'Trivy' },
      categories,
      scannedAt,
      counts: { critical, high: 0, medium: 0, low: 0, info: 0, unknown: 0 },
    },
  };
}

const teamAttestation: EvidenceItem = {
  activityId: TREATMENT,
  source: 'attestation',
  observedAt: '2026-05-01T00:00:00Z',
  expiresAt: '2027-05-01T00:00:00Z',
  details: { actor: 'user:default/lead' },
};

const statusOf = (score: ReturnType<typeof scoreCatalogEntity>) =>
  score.activities.find(a => a.activityId === TREATMENT);

describe('scoreCatalogEntity with contradicting reports', () => {
  it('contradicts evidence inherited from a group when the component has findings past the SLA', () => {
    const inherited = [
      { scope: TEAM, evidence: [teamAttestation], notApplicable: [] },
    ];
    const declared = scoreCatalogEntity(
      entity,
      { evidence: [], waivers: [], inherited },
      ctx,
    );
    expect(statusOf(declared)?.status).toBe('implemented');

    const overdue = scoreCatalogEntity(
      entity,
      {
        evidence: [],
        waivers: [],
        inherited,
        reports: [trivy('2026-05-30T00:00:00Z', 1)],
      },
      ctx,
    );
    expect(statusOf(overdue)).toMatchObject({
      status: 'contradicted',
      evidence: [{ ...teamAttestation, scope: TEAM }],
      contradiction: expect.stringContaining(
        '1 critical or high finding(s) open longer than the SLA',
      ),
    });
    expect(overdue.missingForTarget).toBeGreaterThan(
      declared.missingForTarget!,
    );
  });

  it('lets a scope waiver win over the contradiction', () => {
    const score = scoreCatalogEntity(
      entity,
      {
        evidence: [],
        waivers: [],
        inherited: [
          { scope: TEAM, evidence: [], notApplicable: [TREATMENT] },
          {
            scope: 'organization',
            evidence: [teamAttestation],
            notApplicable: [],
          },
        ],
        reports: [trivy('2026-05-30T00:00:00Z', 1)],
      },
      ctx,
    );
    expect(statusOf(score)?.status).toBe('not-applicable');
  });

  it('does not contradict a declaration when no report shows the findings (absence of proof)', () => {
    const score = scoreCatalogEntity(
      entity,
      {
        evidence: [teamAttestation],
        waivers: [],
        reports: [trivy('2026-05-30T00:00:00Z', 0, ['sbom'])],
      },
      ctx,
    );
    expect(statusOf(score)?.status).toBe('implemented');
    expect(
      score.activityNotes.find(n => n.activityId === TREATMENT),
    ).toMatchObject({
      counts: false,
      reason: expect.stringContaining('No current'),
    });
  });
});
