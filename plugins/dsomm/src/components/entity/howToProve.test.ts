import { annotationSnippet, reportProofs } from './howToProve';

describe('annotationSnippet', () => {
  it('puts the key under the implemented annotation', () => {
    expect(annotationSnippet('signing-of-code')).toBe(
      'metadata:\n  annotations:\n    dsomm.owasp.org/implemented: signing-of-code',
    );
  });
});

describe('reportProofs', () => {
  it('names the report categories mapped to an activity', () => {
    expect(reportProofs('test-for-stored-secrets-in-code')).toEqual([
      'Upload a Secrets report for this component.',
    ]);
    expect(reportProofs('software-composition-analysis-server-side')).toEqual([
      'Upload a SCA report for this component.',
    ]);
  });

  it('explains the several-tools and findings rules', () => {
    expect(reportProofs('usage-of-multiple-analyzers')).toEqual([
      'Upload SAST reports of at least 2 different tools.',
    ]);
    expect(
      reportProofs('treatment-of-defects-with-high-or-critical-severity'),
    ).toEqual([
      'Upload scanner reports in which no critical or high finding is open longer than its fix-time limit (SLA).',
    ]);
  });

  it('follows the portal mapping when it is given', () => {
    expect(reportProofs('test-for-stored-secrets-in-code', ['sast'])).toEqual([
      'Upload a SAST report for this component.',
    ]);
    expect(reportProofs('test-for-stored-secrets-in-code', [])).toEqual([]);
  });

  it('says nothing for activities no report proves', () => {
    expect(reportProofs('defined-build-process')).toEqual([]);
  });
});
