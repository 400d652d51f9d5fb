import { activityRows, neededForTarget } from './activityRows';
import { activityId, fixtures } from './__testUtils__/fixtures';

describe('activityRows', () => {
  it('marks what the target needs from the gap, and missing activities above it as beyond', () => {
    const score = fixtures.dataCatalogUiScore();
    const rows = activityRows(score, fixtures.model());
    const byKey = new Map(rows.map(r => [r.key, r]));
    const needed = neededForTarget(score);
    expect(needed.size).toBeGreaterThan(0);
    // The fixture score is trimmed to the fixture model's activities; the gap is not.
    const present = new Set(score.activities.map(a => a.activityId));
    const expected = [...needed].filter(id => present.has(id)).sort();
    expect(expected.length).toBeGreaterThan(1);
    expect(
      rows
        .filter(r => r.target === 'needed')
        .map(r => r.id)
        .sort(),
    ).toEqual(expected);
    // Target level 1: a missing level-1 activity is needed, a missing level-2 one is beyond.
    expect(byKey.get('automated-deployment-process')!.target).toBe('needed');
    expect(byKey.get('pinning-of-artifacts')!).toMatchObject({
      status: 'missing',
      level: 2,
      target: 'beyond',
    });
    expect(byKey.get('defined-build-process')!.target).toBe('none');
    const beyond = rows.filter(r => r.target === 'beyond');
    expect(beyond.length).toBeGreaterThan(0);
    expect(beyond.filter(r => r.level <= 1)).toEqual([]);
    expect(
      rows.filter(r => r.status === 'implemented' && r.target !== 'none'),
    ).toEqual([]);
  });

  it('joins key, tools and references from the model', () => {
    const rows = activityRows(fixtures.dataCatalogUiScore(), fixtures.model());
    const row = rows.find(r => r.id === activityId('defined-build-process'))!;
    expect(row.key).toBe('defined-build-process');
    expect(row.tools).toContain('Jenkins');
    expect(row.references?.samm2).toEqual(['I-SB-A-1']);
  });

  it('joins the annotations and report categories that prove each activity', () => {
    const model = fixtures.model();
    const id = activityId('defined-build-process');
    const rows = activityRows(fixtures.dataCatalogUiScore(), {
      ...model,
      evidenceRules: {
        annotations: [
          { annotation: 'jenkins.io/job-full-name', activityIds: [id] },
          { annotation: 'gitlab.com/ci', activityIds: [id] },
        ],
        reports: { sast: [id] },
      },
    });
    expect(rows.find(r => r.id === id)).toMatchObject({
      proofAnnotations: ['jenkins.io/job-full-name', 'gitlab.com/ci'],
      proofCategories: ['sast'],
    });
    const other = rows.find(r => r.id !== id)!;
    expect(other.proofAnnotations).toEqual([]);
    expect(other.proofCategories).toEqual([]);
    // Without rules in the answer the drawer falls back to the default mapping.
    expect(
      activityRows(fixtures.dataCatalogUiScore(), model)[0].proofCategories,
    ).toBeUndefined();
  });

  it('falls back to the id as key for activities the model lacks', () => {
    const score = fixtures.dataCatalogUiScore();
    const rows = activityRows(score, undefined);
    expect(rows[0].key).toBe(score.activities[0].activityId);
    expect(rows[0].tools).toEqual([]);
  });
});
