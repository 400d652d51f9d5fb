import fc from 'fast-check';
import { EvidenceItem } from '@dsomm/plugin-dsomm-common';
import { StoredScore } from './rows';
import { decodeDetail, detailWriter } from './detailCodec';

const details = Object.freeze({
  annotation: 'dsomm.owasp.org/implemented',
  summary: 'Listed in the annotation',
});

const score = (activities: StoredScore['activities']): StoredScore =>
  ({
    facts: { entityRef: 'component:default/a', name: 'a' },
    modelVersion: '1',
    computedAt: '2026-06-01T10:00:00.000Z',
    overallLevel: 1,
    score: 10,
    dimensionLevels: { Culture: 1 },
    activities,
    warnings: [],
  } as unknown as StoredScore);

const stored = (s: StoredScore, write = detailWriter()) => write(s).detail;

describe('detailWriter and decodeDetail', () => {
  it('give back the score, evidence and contradictions included', () => {
    const s = score([
      {
        activityId: 'a1',
        level: 1,
        status: 'implemented',
        evidence: [
          { activityId: 'a1', source: 'annotation', observedAt: 't1', details },
        ],
      },
      {
        activityId: 'a2',
        level: 2,
        status: 'contradicted',
        contradiction: '3 findings past their SLA',
        evidence: [
          { activityId: 'a2', source: 'annotation', observedAt: 't1', details },
          {
            activityId: 'a2',
            source: 'attestation',
            observedAt: 't0',
            expiresAt: 't9',
            scope: 'group:default/team-a',
            details: { summary: 'checked', actor: 'user:default/jane' },
          },
        ],
      },
      { activityId: 'a3', level: 1, status: 'not-applicable', evidence: [] },
    ]);
    expect(decodeDetail(stored(s))).toEqual(s);
  });

  it('stores items that differ only in their activity once', () => {
    const many = score(
      Array.from({ length: 50 }, (_, i) => ({
        activityId: `activity-${i}`,
        level: 1 as const,
        status: 'implemented' as const,
        evidence: [
          {
            activityId: `activity-${i}`,
            source: 'annotation' as const,
            observedAt: '2026-06-01T00:00:00.000Z',
            details,
          },
        ],
      })),
    );
    const text = stored(many);
    expect(decodeDetail(text)).toEqual(many);
    expect(text.split('Listed in the annotation')).toHaveLength(2);
    expect(text.length).toBeLessThan(JSON.stringify(many).length / 2);
  });

  it('keeps items apart that differ in any value, also when held in equal objects', () => {
    const items = (over: Partial<EvidenceItem>[]) =>
      score(
        over.map((o, i) => ({
          activityId: `a${i}`,
          level: 1 as const,
          status: 'implemented' as const,
          evidence: [
            {
              activityId: `a${i}`,
              source: 'annotation' as const,
              observedAt: 't',
              details,
              ...o,
            },
          ],
        })),
      );
    const s = items([
      {},
      { observedAt: 'u' },
      { expiresAt: 't' },
      { source: 'report' },
      { scope: 'organization' },
      // Equal details in another object: stored twice, still right.
      { details: { ...details } },
      // A value that would read as two fields if keys were joined naively.
      { scope: 'x",source:"annotation' },
    ]);
    expect(decodeDetail(stored(s))).toEqual(s);
  });

  it('writes the detail without its time for the digest, and with it to store', () => {
    const s = score([]);
    const { detail, timeless } = detailWriter()(s);
    expect(decodeDetail(detail)).toEqual(s);
    expect(timeless).not.toContain(s.computedAt);
    expect(JSON.parse(timeless).computedAt).toBeUndefined();
    const later = { ...s, computedAt: '2026-06-02T10:00:00.000Z' };
    expect(detailWriter()(later).timeless).toBe(timeless);
  });

  it('reads details stored before the encoding as they are', () => {
    const s = score([
      {
        activityId: 'a1',
        level: 1,
        status: 'implemented',
        evidence: [{ activityId: 'a1', source: 'annotation', observedAt: 't' }],
      },
    ]);
    expect(decodeDetail(JSON.stringify(s))).toEqual(s);
    expect(decodeDetail('{}')).toEqual({});
  });

  it('round-trips any score, with one encoder shared by a batch', () => {
    const evidenceItem = fc.record(
      {
        source: fc.constantFrom('annotation', 'report', 'attestation' as const),
        observedAt: fc.constantFrom('t1', 't2'),
        expiresAt: fc.constantFrom('t3', 't4'),
        scope: fc.constantFrom('organization', 'group:default/a'),
        details: fc.constantFrom(details, { summary: 'x' }),
      },
      { requiredKeys: ['source', 'observedAt'] },
    );
    const activity = fc
      .record({
        id: fc.constantFrom('a1', 'a2', 'a3', 'a4'),
        level: fc.constantFrom(1, 2, 3, 4, 5),
        status: fc.constantFrom('implemented', 'stale', 'contradicted'),
        evidence: fc.array(evidenceItem, { maxLength: 4 }),
        contradiction: fc.option(fc.string(), { nil: undefined }),
      })
      .map(a => ({
        activityId: a.id,
        level: a.level,
        status: a.status,
        evidence: a.evidence.map(e => ({ activityId: a.id, ...e })),
        ...(a.contradiction === undefined
          ? {}
          : { contradiction: a.contradiction }),
      }));
    fc.assert(
      fc.property(
        fc.array(fc.array(activity, { maxLength: 6 }), { maxLength: 4 }),
        batch => {
          const write = detailWriter();
          for (const activities of batch) {
            const s = score(activities as StoredScore['activities']);
            expect(decodeDetail(stored(s, write))).toEqual(s);
          }
        },
      ),
    );
  });
});
