import { FindingFingerprint } from '@dsomm/plugin-dsomm-common';
import {
  LifecycleFinding,
  advanceLifecycle,
  categoryText,
} from './findingLifecycle';

const day = (n: number) => new Date(Date.UTC(2026, 4, n)).toISOString();
const high = (fingerprint: string): FindingFingerprint => ({
  fingerprint,
  severity: 'high',
});

/** Applies scans one after another, as uploads do, and returns what is stored. */
function run(
  scans: Parameters<typeof advanceLifecycle>[1][],
  cap = 100,
): Map<string, LifecycleFinding> {
  const stored = new Map<string, LifecycleFinding>();
  for (const scan of scans) {
    const change = advanceLifecycle([...stored.values()], scan, cap);
    for (const f of change.deletes) stored.delete(f);
    for (const f of change.upserts) stored.set(f.fingerprint, f);
  }
  return stored;
}

describe('advanceLifecycle', () => {
  it('opens, keeps open, closes at the scan time and reopens', () => {
    const sca = ['sca' as const];
    const stored = run([
      { fingerprints: [high('a'), high('b')], categories: sca, seenAt: day(1) },
      { fingerprints: [high('a'), high('b')], categories: sca, seenAt: day(2) },
      { fingerprints: [high('a')], categories: sca, seenAt: day(5) },
      { fingerprints: [high('a'), high('b')], categories: sca, seenAt: day(9) },
    ]);
    expect(stored.get('a')).toEqual({
      fingerprint: 'a',
      severity: 'high',
      category: 'sca',
      firstSeenAt: day(1),
      lastSeenAt: day(9),
      closedAt: null,
      reopenedCount: 0,
    });
    expect(stored.get('b')).toMatchObject({
      firstSeenAt: day(1),
      lastSeenAt: day(9),
      closedAt: null,
      reopenedCount: 1,
    });
    const closed = run([
      { fingerprints: [high('a'), high('b')], categories: sca, seenAt: day(1) },
      { fingerprints: [high('a')], categories: sca, seenAt: day(5) },
    ]);
    expect(closed.get('b')).toMatchObject({
      closedAt: day(5),
      lastSeenAt: day(1),
    });
  });

  it('does not close what a scan of other categories by the same tool did not look at', () => {
    const stored = run([
      {
        fingerprints: [high('secret')],
        categories: ['secrets'],
        seenAt: day(1),
      },
      { fingerprints: [high('config')], categories: ['iac'], seenAt: day(2) },
    ]);
    expect(stored.get('secret')!.closedAt).toBeNull();
    expect(stored.get('config')!.category).toBe('iac');
    const later = run([
      {
        fingerprints: [high('secret')],
        categories: ['secrets'],
        seenAt: day(1),
      },
      {
        fingerprints: [],
        categories: ['iac', 'secrets'],
        seenAt: day(3),
      },
    ]);
    expect(later.get('secret')!.closedAt).toBe(day(3));
  });

  it('lets a report uploaded late only move first-seen times earlier', () => {
    const stored = run([
      { fingerprints: [high('a'), high('b')], categories: [], seenAt: day(5) },
      { fingerprints: [high('a')], categories: [], seenAt: day(8) },
      // An older scan: it neither closes a nor reopens b.
      { fingerprints: [high('a'), high('b')], categories: [], seenAt: day(2) },
      { fingerprints: [], categories: [], seenAt: day(3) },
    ]);
    expect(stored.get('a')).toMatchObject({
      firstSeenAt: day(2),
      lastSeenAt: day(8),
      closedAt: null,
    });
    expect(stored.get('b')).toMatchObject({
      closedAt: day(8),
      reopenedCount: 0,
    });
  });

  it('keeps at most the cap, dropping the longest-closed first and never a present finding', () => {
    const first = Array.from({ length: 6 }, (_, i) => high(`f${i}`));
    const stored = run(
      [
        { fingerprints: first, categories: [], seenAt: day(1) },
        { fingerprints: first.slice(0, 4), categories: [], seenAt: day(2) },
        { fingerprints: first.slice(0, 2), categories: [], seenAt: day(3) },
        {
          fingerprints: [...first.slice(0, 2), high('n1'), high('n2')],
          categories: [],
          seenAt: day(4),
        },
      ],
      5,
    );
    // Day 2 drops f4 (closed that day; ties go by fingerprint); day 4 drops f5 (closed on
    // day 2) and then f2 (closed on day 3, like f3).
    expect([...stored.keys()].sort()).toEqual(['f0', 'f1', 'f3', 'n1', 'n2']);
    const allPresent = run(
      [{ fingerprints: first, categories: [], seenAt: day(1) }],
      3,
    );
    expect(allPresent.size).toBe(6);
  });

  it('writes the categories sorted and once', () => {
    expect(categoryText(['sca', 'container', 'sca'])).toBe('container,sca');
  });
});
