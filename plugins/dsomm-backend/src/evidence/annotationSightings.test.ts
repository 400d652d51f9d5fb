import { createHash } from 'crypto';
import fc from 'fast-check';
import { component } from '../__testUtils__/entities';
import {
  annotationValueHash,
  evidenceAnnotations,
  updateAnnotationSightings,
} from './annotationSightings';
import { IMPLEMENTED_ANNOTATION } from './annotations';

const rules = [{ annotation: 'sonarqube.org/project-key', activities: ['x'] }];
const t0 = new Date('2026-01-01T00:00:00Z');
const t1 = new Date('2026-03-01T00:00:00Z');

describe('evidenceAnnotations', () => {
  it('keeps the implemented list and non-empty rule annotations only', () => {
    const entity = component(
      'x',
      {},
      {
        [IMPLEMENTED_ANNOTATION]: '',
        'sonarqube.org/project-key': '  ',
        'dsomm.owasp.org/not-applicable': 'version-control',
        'dsomm.owasp.org/tier': 'critical',
      },
    );
    expect([...evidenceAnnotations(entity, rules)]).toEqual([
      [IMPLEMENTED_ANNOTATION, ''],
    ]);
    const withRule = component(
      'x',
      {},
      { 'sonarqube.org/project-key': 'alpha' },
    );
    expect([...evidenceAnnotations(withRule, rules)]).toEqual([
      ['sonarqube.org/project-key', 'alpha'],
    ]);
    const malformed = component('x', {}, {
      [IMPLEMENTED_ANNOTATION]: 42,
      'sonarqube.org/project-key': { a: 1 },
    } as unknown as Record<string, string>);
    expect([...evidenceAnnotations(malformed, rules)]).toEqual([]);
  });
});

describe('updateAnnotationSightings', () => {
  const entity = component(
    'x',
    {},
    {
      [IMPLEMENTED_ANNOTATION]: 'version-control',
      'sonarqube.org/project-key': 'alpha',
    },
  );

  it('sees every annotation first now when nothing was stored', () => {
    const update = updateAnnotationSightings(entity, rules, undefined, t0);
    expect([...update.firstSeen]).toEqual([
      [IMPLEMENTED_ANNOTATION, t0.toISOString()],
      ['sonarqube.org/project-key', t0.toISOString()],
    ]);
    expect(update.upserts).toEqual([
      {
        annotation: IMPLEMENTED_ANNOTATION,
        valueHash: annotationValueHash('version-control'),
        firstSeenAt: t0.toISOString(),
      },
      {
        annotation: 'sonarqube.org/project-key',
        valueHash: annotationValueHash('alpha'),
        firstSeenAt: t0.toISOString(),
      },
    ]);
    expect(update.removed).toEqual([]);
    expect([...update.valueHashes]).toEqual([
      [IMPLEMENTED_ANNOTATION, annotationValueHash('version-control')],
      ['sonarqube.org/project-key', annotationValueHash('alpha')],
    ]);
  });

  it('keeps the first-seen time of an unchanged value and writes nothing', () => {
    const first = updateAnnotationSightings(entity, rules, undefined, t0);
    const previous = new Map(first.upserts.map(u => [u.annotation, u]));
    const update = updateAnnotationSightings(entity, rules, previous, t1);
    expect(update.firstSeen.get(IMPLEMENTED_ANNOTATION)).toBe(t0.toISOString());
    // The digests of the current values, also when nothing is written.
    expect(update.valueHashes.get(IMPLEMENTED_ANNOTATION)).toBe(
      annotationValueHash('version-control'),
    );
    expect(update.upserts).toEqual([]);
    expect(update.removed).toEqual([]);
  });

  it('restarts the clock of a changed value and forgets a removed annotation', () => {
    const first = updateAnnotationSightings(entity, rules, undefined, t0);
    const previous = new Map(first.upserts.map(u => [u.annotation, u]));
    const changed = component(
      'x',
      {},
      { [IMPLEMENTED_ANNOTATION]: 'version-control, defined-build-process' },
    );
    const update = updateAnnotationSightings(changed, rules, previous, t1);
    expect([...update.firstSeen]).toEqual([
      [IMPLEMENTED_ANNOTATION, t1.toISOString()],
    ]);
    expect(update.upserts.map(u => u.annotation)).toEqual([
      IMPLEMENTED_ANNOTATION,
    ]);
    expect(update.removed).toEqual(['sonarqube.org/project-key']);
  });

  it('digests values of any length to a short fixed size, telling them apart', () => {
    const long = 'a'.repeat(1_000_000);
    expect(annotationValueHash(long)).toHaveLength(43);
    expect(annotationValueHash(long)).not.toBe(annotationValueHash(`${long}b`));
  });
});

describe('annotationValueHash', () => {
  it('stays the SHA-256 in base64url that sightings were stored with', () => {
    // A known digest, so stored sightings keep matching whatever computes it.
    expect(annotationValueHash('abc')).toBe(
      'ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0',
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), value => {
        expect(annotationValueHash(value)).toBe(
          createHash('sha256').update(value, 'utf8').digest('base64url'),
        );
      }),
      { numRuns: 300 },
    );
  });
});
