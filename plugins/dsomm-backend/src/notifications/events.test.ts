import fc from 'fast-check';
import { AchievedLevel, Campaign, Waiver } from '@dsomm/plugin-dsomm-common';
import { StoredScore } from '../database/rows';
import {
  campaignEvents,
  componentLink,
  expiryEvents,
  scoreChangeEvents,
  slaEvents,
  TrackedFinding,
} from './events';

const REF = 'component:default/shop';
const OWNER = 'group:default/team-a';
const DIMS = ['Build and Deployment', 'Implementation'];

function score(
  levels: { overall: number; dims?: number[]; meets?: boolean },
  extra: Partial<StoredScore> = {},
): StoredScore {
  const dims = levels.dims ?? DIMS.map(() => levels.overall);
  return {
    facts: {
      entityRef: REF,
      kind: 'Component',
      namespace: 'default',
      name: 'shop',
      title: 'Shop',
      owner: OWNER,
      tier: 'critical',
    },
    modelVersion: 'test',
    computedAt: '2026-11-20T10:00:00.000Z',
    overallLevel: levels.overall as AchievedLevel,
    score: 50,
    dimensionLevels: Object.fromEntries(
      DIMS.map((d, i) => [d, dims[i] as AchievedLevel]),
    ),
    activities: [
      { activityId: 'a1', level: 1, status: 'implemented', evidence: [] },
    ],
    target: { level: 2 },
    meetsTarget: levels.meets ?? true,
    activityNotes: [],
    warnings: [],
    ...extra,
  };
}

describe('scoreChangeEvents', () => {
  it.each([
    // previous overall/dims/meets -> current, expected kinds and texts
    {
      name: 'overall and one dimension dropped',
      before: { overall: 2, dims: [2, 3] },
      after: { overall: 1, dims: [1, 3] },
      texts: [
        'Shop: overall level dropped from 2 to 1',
        'Shop: Build and Deployment level dropped from 2 to 1',
      ],
    },
    {
      name: 'a dimension dropped, overall the same',
      before: { overall: 1, dims: [1, 3] },
      after: { overall: 1, dims: [1, 2] },
      texts: ['Shop: Implementation level dropped from 3 to 2'],
    },
    {
      name: 'levels rose',
      before: { overall: 1, dims: [1, 1] },
      after: { overall: 2, dims: [2, 2] },
      texts: [],
    },
    {
      name: 'fell below target without a drop',
      before: { overall: 2, meets: true },
      after: { overall: 2, meets: false },
      texts: ['Shop fell below its target (level 2 for tier critical)'],
    },
    {
      name: 'stayed below target',
      before: { overall: 1, meets: false },
      after: { overall: 1, meets: false },
      texts: [],
    },
  ])('$name', ({ before, after, texts }) => {
    const events = scoreChangeEvents(score(before), score(after));
    expect(events.map(e => e.text)).toEqual(texts);
    for (const e of events) {
      expect(e.owner).toBe(OWNER);
      expect(e.entityRef).toBe(REF);
      expect(e.link).toBe('/catalog/default/component/shop/dsomm');
    }
  });

  it('says nothing for a first score, a component without owner, or an unscored one', () => {
    expect(scoreChangeEvents(undefined, score({ overall: 0 }))).toEqual([]);
    const noOwner = score({ overall: 0 });
    delete noOwner.facts.owner;
    expect(scoreChangeEvents(score({ overall: 2 }), noOwner)).toEqual([]);
    const unscored = score(
      { overall: 0, meets: false },
      { activities: [], warnings: ['DSOMM could not score this entity'] },
    );
    expect(scoreChangeEvents(score({ overall: 2 }), unscored)).toEqual([]);
  });

  it('names a drop by its edge: the same change seen again has the same key, a later one another', () => {
    const before = score({ overall: 2 });
    const after = score({ overall: 1 });
    const first = scoreChangeEvents(before, after).map(e => e.key);
    expect(scoreChangeEvents(before, after).map(e => e.key)).toEqual(first);
    const later = scoreChangeEvents(
      { ...before, computedAt: '2026-11-21T10:00:00.000Z' },
      after,
    ).map(e => e.key);
    expect(later.some(k => first.includes(k))).toBe(false);
  });

  it('reports a drop exactly for each level that went down (property)', () => {
    const level = fc.integer({ min: 0, max: 5 });
    fc.assert(
      fc.property(
        fc.tuple(level, level, level),
        fc.tuple(level, level, level),
        ([o1, a1, b1], [o2, a2, b2]) => {
          const events = scoreChangeEvents(
            score({ overall: o1, dims: [a1, b1] }),
            score({ overall: o2, dims: [a2, b2] }),
          ).filter(e => e.kind === 'level-dropped');
          const expected = [o2 < o1, a2 < a1, b2 < b1].filter(Boolean).length;
          expect(events).toHaveLength(expected);
          expect(new Set(events.map(e => e.key)).size).toBe(expected);
        },
      ),
    );
  });
});

describe('expiryEvents', () => {
  const now = new Date('2026-11-30T00:00:00.000Z');
  const name = (id: string) => `Activity ${id}`;
  const withEvidence = score(
    { overall: 1 },
    {
      activities: [
        {
          activityId: 'a1',
          level: 1,
          status: 'implemented',
          evidence: [
            {
              activityId: 'a1',
              source: 'attestation',
              observedAt: '2026-01-01T00:00:00.000Z',
              expiresAt: '2026-12-10T00:00:00.000Z',
            },
            {
              // Inherited: renewed on the team, not the component.
              activityId: 'a1',
              source: 'attestation',
              observedAt: '2026-01-01T00:00:00.000Z',
              expiresAt: '2026-12-01T00:00:00.000Z',
              scope: 'group:default/team-a',
            },
          ],
        },
        {
          activityId: 'a2',
          level: 1,
          status: 'implemented',
          evidence: [
            {
              activityId: 'a2',
              source: 'report',
              observedAt: '2026-01-01T00:00:00.000Z',
              expiresAt: '2027-02-01T00:00:00.000Z',
            },
          ],
        },
      ],
    },
  );
  const waiver = (id: string, expiresAt?: string, pending = false): Waiver => ({
    id,
    entityRef: REF,
    activityId: 'a3',
    justification: 'n/a',
    grantedBy: 'user:default/x',
    grantedAt: '2026-01-01T00:00:00.000Z',
    ...(expiresAt ? { expiresAt } : {}),
    ...(pending ? { status: 'pending' as const } : {}),
  });

  it.each([
    { days: 14, texts: ['attestation a1', 'waiver w1'] },
    { days: 5, texts: [] },
    { days: 10, texts: ['attestation a1'] },
    { days: 90, texts: ['attestation a1', 'report a2', 'waiver w1'] },
  ])('within $days days', ({ days, texts }) => {
    const events = expiryEvents(
      withEvidence,
      [
        waiver('w1', '2026-12-12T00:00:00.000Z'),
        waiver('w2'),
        waiver('w3', '2026-12-02T00:00:00.000Z', true),
        waiver('w4', '2026-11-29T00:00:00.000Z'),
      ],
      now,
      days,
      name,
    );
    expect(
      events.map(e =>
        e.key.includes('|waiver:')
          ? `waiver ${e.key.split('waiver:')[1].split('|')[0]}`
          : `${e.key.split('|')[2].replace(':', ' ')}`,
      ),
    ).toEqual(texts);
  });

  it('tells how long is left and links to the DSOMM tab to renew', () => {
    const [event] = expiryEvents(withEvidence, [], now, 14, name);
    expect(event.text).toBe(
      'Shop: the attestation of "Activity a1" expires on 2026-12-10 (10 days left); renew it on the DSOMM tab',
    );
    expect(event.link).toBe(componentLink(REF));
    expect(event.key).toBe(
      `expiring|${REF}|attestation:a1|2026-12-10T00:00:00.000Z`,
    );
  });
});

describe('slaEvents', () => {
  const finding = (
    fingerprint: string,
    severity: TrackedFinding['severity'],
    firstSeenAt: string,
    closedAt: string | null = null,
  ): TrackedFinding => ({
    toolName: 'semgrep',
    fingerprint,
    severity,
    firstSeenAt,
    closedAt,
  });
  const now = new Date('2026-11-30T00:00:00.000Z');

  it.each([
    { f: finding('f1', 'high', '2026-11-20T00:00:00.000Z'), passed: true },
    { f: finding('f2', 'high', '2026-11-24T00:00:00.000Z'), passed: false },
    // Exactly at the SLA is not past it, as the KPIs count.
    { f: finding('f3', 'high', '2026-11-23T00:00:00.000Z'), passed: false },
    {
      f: finding(
        'f4',
        'critical',
        '2026-01-01T00:00:00.000Z',
        '2026-02-01T00:00:00.000Z',
      ),
      passed: false,
    },
    { f: finding('f5', 'low', '2020-01-01T00:00:00.000Z'), passed: false },
    { f: finding('f6', 'critical', '2026-11-27T00:00:00.000Z'), passed: true },
  ])(
    '$f.fingerprint ($f.severity since $f.firstSeenAt): $passed',
    ({ f, passed }) => {
      const events = slaEvents(
        score({ overall: 1 }),
        [f],
        { critical: 2, high: 7 },
        now,
      );
      expect(events.map(e => [e.key, e.severity])).toEqual(
        passed
          ? [
              [
                `sla-passed|${REF}|semgrep|${f.fingerprint}|${f.firstSeenAt}`,
                f.severity === 'critical' ? 'critical' : 'high',
              ],
            ]
          : [],
      );
    },
  );
});

describe('campaignEvents', () => {
  const campaign: Campaign = {
    id: 'c1',
    name: 'Level 2 by New Year',
    owner: 'group:default/security',
    scope: {},
    goal: { level: 2 },
    start: '2026-11-01T00:00:00.000Z',
    deadline: '2027-01-01T00:00:00.000Z',
    createdBy: 'user:default/x',
    createdAt: '2026-10-01T00:00:00.000Z',
    updatedAt: '2026-10-01T00:00:00.000Z',
  };
  const owners = [
    { owner: OWNER, inScope: 3, done: 1, remaining: 2 },
    { owner: 'group:default/team-b', inScope: 1, done: 1, remaining: 0 },
    { owner: null, inScope: 4, done: 0, remaining: 4 },
  ];
  const kinds = (now: string) =>
    campaignEvents(campaign, owners, new Date(now)).map(
      e => `${e.kind} ${e.owner}`,
    );

  it.each([
    { now: '2026-10-31T23:59:59.000Z', expected: [] },
    {
      now: '2026-11-15T00:00:00.000Z',
      expected: [
        `campaign-started ${OWNER}`,
        'campaign-started group:default/team-b',
      ],
    },
    {
      // A week before the deadline: only owners with components left are reminded.
      now: '2026-12-25T00:00:00.000Z',
      expected: [
        `campaign-deadline-near ${OWNER}`,
        `campaign-started ${OWNER}`,
        'campaign-started group:default/team-b',
      ],
    },
    {
      now: '2027-01-01T00:00:00.000Z',
      expected: [
        `campaign-ended ${OWNER}`,
        'campaign-ended group:default/team-b',
      ],
    },
  ])('at $now', ({ now, expected }) => {
    expect(kinds(now)).toEqual(expected);
  });

  it('says nothing about an archived campaign', () => {
    expect(
      campaignEvents(
        { ...campaign, archivedAt: '2026-11-02T00:00:00.000Z' },
        owners,
        new Date('2026-11-15T00:00:00.000Z'),
      ),
    ).toEqual([]);
  });

  it('keys each event by campaign, owner and edge, so each day asks again for the same one', () => {
    const day1 = campaignEvents(
      campaign,
      owners,
      new Date('2026-11-15T00:00:00.000Z'),
    );
    const day2 = campaignEvents(
      campaign,
      owners,
      new Date('2026-11-16T00:00:00.000Z'),
    );
    expect(day2.map(e => e.key)).toEqual(day1.map(e => e.key));
    expect(day1[0].text).toBe(
      'Campaign "Level 2 by New Year" started; it ends on 2027-01-01: 2 of your 3 components are short of its goal',
    );
  });
});
