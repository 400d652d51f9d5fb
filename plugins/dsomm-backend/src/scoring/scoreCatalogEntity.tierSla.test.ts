import { ConfigReader } from '@backstage/config';
import { ReportForEvidence, indexModel } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { component } from '../__testUtils__/entities';
import { readDsommConfig } from '../config/readDsommConfig';
import { scoreCatalogEntity } from './scoreCatalogEntity';

const model = getBuiltInModel();
const TREATMENT = indexModel(model).resolve(
  'treatment-of-defects-with-high-or-critical-severity',
)!.id;
const now = new Date('2026-06-01T00:00:00Z');
// Global SLA for high findings 30 days; the `fast` tier allows 7.
const config = readDsommConfig(
  new ConfigReader({
    dsomm: {
      reports: { findingSlaDays: { high: 30 } },
      targets: { tiers: { fast: { findingSlaDays: { high: 7 } } } },
    },
  }),
  model,
);
const ctx = { model, config, domainOfSystem: new Map(), now };

/** A Grype report scanned 15 days before `now` with one high finding first seen then. */
const report: ReportForEvidence = {
  id: 'r-1',
  uploadedAt: '2026-05-17T00:00:00Z',
  openFindings: [
    {
      key: 'GHSA-xxxx|lib@1',
      severity: 'high',
      firstSeenAt: '2026-05-17T00:00:00Z',
    },
  ],
  summary: {
    format: 'grype',
    tool: { name: 'Grype' },
    categories: ['sca'],
    scannedAt: '2026-05-17T00:00:00Z',
    counts: { critical: 0, high: 1, medium: 0, low: 0, info: 0, unknown: 0 },
  },
};

const treatmentNote = (tier?: string) =>
  scoreCatalogEntity(
    component(
      'x',
      { owner: 'team-a' },
      tier ? { 'dsomm.owasp.org/tier': tier } : {},
    ),
    { evidence: [], waivers: [], reports: [report] },
    ctx,
  ).activityNotes.find(n => n.activityId === TREATMENT)!;

describe('finding SLA per tier', () => {
  it('keeps a 15-day-old high finding within a 30-day SLA and past a 7-day one', () => {
    expect(treatmentNote('standard')).toEqual({
      activityId: TREATMENT,
      counts: true,
      reason: '1 open critical or high finding(s), all within the SLA.',
    });
    expect(treatmentNote(undefined).counts).toBe(true);
    expect(treatmentNote('fast')).toEqual({
      activityId: TREATMENT,
      counts: false,
      contradicts: true,
      // The note names the tier's SLA, the critical one falling back to the global 7 days.
      reason:
        '1 critical or high finding(s) open longer than the SLA (critical 7 days, high 7 days), e.g. GHSA-xxxx.',
    });
  });
});
