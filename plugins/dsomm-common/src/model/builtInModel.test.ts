import { getBuiltInModel } from './builtInModel';
import { indexModel } from './modelIndex';

describe('built-in DSOMM 4.3.1 model', () => {
  const model = getBuiltInModel();

  it('has 5 dimensions, 19 sub-dimensions and 194 activities', () => {
    expect(model.version).toBe('4.3.1');
    expect(model.dimensions.map(d => d.name)).toEqual([
      'Build and Deployment',
      'Culture and Organization',
      'Implementation',
      'Information Gathering',
      'Test and Verification',
    ]);
    expect(model.dimensions.flatMap(d => d.subDimensions)).toHaveLength(19);
    expect(model.activities).toHaveLength(194);
    // every activity sits in exactly one listed sub-dimension
    const listed = model.dimensions.flatMap(d =>
      d.subDimensions.flatMap(s => s.activityIds),
    );
    expect(listed).toHaveLength(194);
    expect(new Set(listed).size).toBe(194);
  });

  it('has unique ids and kebab-case keys', () => {
    const ids = new Set(model.activities.map(a => a.id));
    const keys = new Set(model.activities.map(a => a.key));
    expect(ids.size).toBe(194);
    expect(keys.size).toBe(194);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(
      indexModel(model).byKey.get('test-for-stored-secrets-in-code')?.id,
    ).toBe('c6e3c812-56e2-41b0-ae01-b7afc41a004c');
  });

  it('keeps the two real ids that are not UUIDs', () => {
    const odd = model.activities.filter(
      a =>
        !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(
          a.id,
        ),
    );
    expect(odd.map(a => a.name).sort()).toEqual(['WAF Advanced', 'WAF medium']);
    expect(odd.map(a => a.key).sort()).toEqual(['waf-advanced', 'waf-medium']);
  });

  it('resolves every dependency and has no dependency cycle', () => {
    const byId = indexModel(model).byId;
    const withDeps = model.activities.filter(a => a.dependsOn.length > 0);
    // The facts file has 91 activities with dependencies (123 edges in all).
    expect(withDeps).toHaveLength(91);
    expect(withDeps.flatMap(a => a.dependsOn)).toHaveLength(123);
    for (const a of withDeps) {
      for (const dep of a.dependsOn) expect(byId.has(dep)).toBe(true);
    }
    // Kahn's algorithm drains every activity only if there is no cycle.
    const pending = new Map(
      model.activities.map(a => [a.id, a.dependsOn.length]),
    );
    const queue = model.activities.filter(a => a.dependsOn.length === 0);
    let drained = 0;
    while (queue.length) {
      const done = queue.pop()!;
      drained += 1;
      for (const a of model.activities) {
        if (a.dependsOn.includes(done.id)) {
          pending.set(
            a.id,
            pending.get(a.id)! - a.dependsOn.filter(d => d === done.id).length,
          );
          if (pending.get(a.id) === 0) queue.push(a);
        }
      }
    }
    expect(drained).toBe(194);
  });

  it('links each activity to its DSOMM page and carries no DSOMM texts', () => {
    for (const a of model.activities) {
      expect(a.url).toBe(
        `https://dsomm.owasp.org/activity-description?uuid=${encodeURIComponent(
          a.id,
        )}`,
      );
      expect(a.texts).toBeUndefined();
      expect(a.level).toBeGreaterThanOrEqual(1);
      expect(a.level).toBeLessThanOrEqual(5);
    }
  });

  it('keeps ISO references as strings', () => {
    const a = indexModel(model).byKey.get('defined-build-process')!;
    expect(a.references['iso27001-2017']).toEqual(['12.1.1', '14.2.2']);
    expect(a.references.samm2).toEqual(['I-SB-A-1']);
  });
});
