import { indexModel } from '@dsomm/plugin-dsomm-common';
import { getBuiltInModel } from '@dsomm/plugin-dsomm-common/node';
import { component } from '../__testUtils__/entities';
import { annotationValueHash } from './annotationSightings';
import { readAnnotations, splitActivityList } from './annotations';
import { DEFAULT_ANNOTATION_RULES } from './defaultRules';

const index = indexModel(getBuiltInModel());
const now = new Date('2026-06-01T00:00:00Z');

describe('splitActivityList', () => {
  it('splits on commas and new lines and drops blanks', () => {
    expect(splitActivityList(' a, b\n\nc ,\r\n d,,')).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    expect(splitActivityList('  ')).toEqual([]);
  });
});

describe('readAnnotations', () => {
  it('turns implemented keys and uuids into annotation evidence, one shared item per activity', () => {
    const entity = component(
      'x',
      {},
      {
        'dsomm.owasp.org/implemented':
          'Version-Control, 066084c6-1135-4635-9cc5-9e75c7c5459f\nwaf-medium',
      },
    );
    const found = readAnnotations(entity, index, [], now);
    expect(found.warnings).toEqual([]);
    // The key and the uuid name the same activity: the same (frozen) item twice, which
    // scoring counts once.
    expect([...new Set(found.evidence)].map(e => e.activityId)).toEqual([
      '066084c6-1135-4635-9cc5-9e75c7c5459f',
      'f0e01814-3b88-4bd0-a3a9-f91db001d20b-medium',
    ]);
    expect(found.evidence[1]).toBe(found.evidence[0]);
    expect(Object.isFrozen(found.evidence[0])).toBe(true);
    expect(found.evidence[0]).toEqual({
      activityId: '066084c6-1135-4635-9cc5-9e75c7c5459f',
      source: 'annotation',
      observedAt: '2026-06-01T00:00:00.000Z',
      details: {
        annotation: 'dsomm.owasp.org/implemented',
        summary: 'Listed in the dsomm.owasp.org/implemented annotation',
      },
    });
  });

  it('reads a list again by its digest the same as anew, and a changed list anew', () => {
    const entityWith = (list: string) =>
      component('x', {}, { 'dsomm.owasp.org/implemented': list });
    const read = (list: string, hashed: boolean) =>
      readAnnotations(
        entityWith(list),
        index,
        [],
        now,
        undefined,
        hashed
          ? new Map([
              ['dsomm.owasp.org/implemented', annotationValueHash(list)],
            ])
          : undefined,
      );
    const first = 'version-control, made-up\nwaf-medium, version-control';
    const second = 'waf-medium\nother-made-up';
    for (const list of [first, second, first, second]) {
      const cached = read(list, true);
      expect(cached).toEqual(read(list, false));
    }
    expect(read(first, true).warnings).toEqual([
      'dsomm.owasp.org/implemented: unknown activity "made-up"',
    ]);
    expect(read(second, true).evidence.map(e => e.activityId)).toEqual([
      'f0e01814-3b88-4bd0-a3a9-f91db001d20b-medium',
    ]);
  });

  it('warns about unknown keys instead of failing', () => {
    const entity = component(
      'x',
      {},
      {
        'dsomm.owasp.org/implemented': 'version-control, made-up',
        'dsomm.owasp.org/not-applicable': 'also-made-up,blue-green-deployment',
      },
    );
    const found = readAnnotations(entity, index, [], now);
    expect(found.warnings).toEqual([
      'dsomm.owasp.org/implemented: unknown activity "made-up"',
      'dsomm.owasp.org/not-applicable: unknown activity "also-made-up"',
    ]);
    expect(found.evidence).toHaveLength(1);
    expect(found.notApplicable).toEqual([
      '0cb2626b-fb0d-4a0f-9688-57f787310d97',
    ]);
  });

  it('applies rules for well-known annotations only when they have a value', () => {
    const entity = component(
      'x',
      {},
      {
        'sonarqube.org/project-key': 'my-project',
        'snyk.io/org-name': '  ',
      },
    );
    const found = readAnnotations(entity, index, DEFAULT_ANNOTATION_RULES, now);
    expect(found.evidence).toHaveLength(1);
    expect(found.evidence[0]).toMatchObject({
      activityId: '6c05c837-8c99-46e2-828b-7c903e27dba4',
      details: {
        annotation: 'sonarqube.org/project-key',
        value: 'my-project',
        summary: 'Annotation sonarqube.org/project-key is set',
      },
    });
  });

  it('names only activities that exist in its default rules', () => {
    for (const rule of DEFAULT_ANNOTATION_RULES) {
      for (const key of rule.activities)
        expect(index.resolve(key)).toBeDefined();
    }
  });

  it('finds nothing on an entity without annotations', () => {
    const entity = component('x', {});
    delete entity.metadata.annotations;
    expect(
      readAnnotations(entity, index, DEFAULT_ANNOTATION_RULES, now),
    ).toEqual({
      evidence: [],
      notApplicable: [],
      warnings: [],
    });
  });

  it('dates the evidence of each annotation from when its value was first seen', () => {
    const entity = component(
      'x',
      {},
      {
        'dsomm.owasp.org/implemented': 'version-control',
        'sonarqube.org/project-key': 'alpha',
        'github.com/project-slug': 'org/x',
      },
    );
    const found = readAnnotations(
      entity,
      index,
      DEFAULT_ANNOTATION_RULES,
      now,
      new Map([
        ['dsomm.owasp.org/implemented', '2025-01-01T00:00:00.000Z'],
        ['sonarqube.org/project-key', '2025-02-01T00:00:00.000Z'],
      ]),
    );
    const seen = (annotation: string) =>
      found.evidence
        .filter(e => e.details?.annotation === annotation)
        .map(e => e.observedAt);
    expect(seen('dsomm.owasp.org/implemented')).toEqual([
      '2025-01-01T00:00:00.000Z',
    ]);
    expect(seen('sonarqube.org/project-key')).toEqual([
      '2025-02-01T00:00:00.000Z',
    ]);
    // not in the map: seen now
    expect(seen('github.com/project-slug')).toEqual([now.toISOString()]);
    // an implemented item of another time is another item
    const later = readAnnotations(entity, index, [], now);
    expect(later.evidence[0].observedAt).toBe(now.toISOString());
  });
});
