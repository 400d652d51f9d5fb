import { EvidenceItem } from '@dsomm/plugin-dsomm-common';
import { ActivityRow } from './activityRows';
import {
  inheritanceSentence,
  inheritanceSummary,
  matchesOrigin,
  scopeLabel,
} from './inheritance';

const NOW = Date.parse('2026-11-29T00:00:00Z');
const TEAM = 'group:default/team-payments';
const COMMERCE = 'domain:default/commerce';

function item(
  activityId: string,
  scope?: string,
  expiresAt?: string,
): EvidenceItem {
  return {
    activityId,
    source: 'attestation',
    observedAt: '2026-11-20T00:00:00Z',
    ...(expiresAt ? { expiresAt } : {}),
    ...(scope ? { scope } : {}),
  };
}

function row(
  id: string,
  status: ActivityRow['status'],
  evidence: EvidenceItem[],
): ActivityRow {
  return {
    id,
    key: id,
    name: id,
    url: `https://example.com/${id}`,
    tools: [],
    target: 'none',
    proofAnnotations: [],
    level: 1,
    dimension: 'Culture and Organization',
    subDimension: 'Education and Guidance',
    status,
    evidence,
    notes: [],
    attestations: [],
    waivers: [],
  };
}

describe('scopeLabel', () => {
  it('names the kind and name, the namespace only outside default', () => {
    expect(scopeLabel(TEAM)).toBe('group team-payments');
    expect(scopeLabel('system:other/billing')).toBe('system other/billing');
    expect(scopeLabel('organization')).toBe('the organisation');
  });

  it('shows a scope that is no entity ref as it is', () => {
    expect(scopeLabel('')).toBe('');
    expect(scopeLabel('not a ref:')).toBe('not a ref:');
  });
});

describe('inheritanceSummary', () => {
  it('counts implemented activities only scopes prove, per scope', () => {
    const rows = [
      row('a', 'implemented', [item('a', TEAM)]),
      row('b', 'implemented', [item('b', TEAM), item('b', 'organization')]),
      row('c', 'implemented', [item('c', 'organization')]),
      // its own evidence makes it the component's, whatever the scopes say
      row('d', 'implemented', [item('d'), item('d', TEAM)]),
      row('e', 'implemented', [item('e')]),
      row('f', 'missing', []),
      // stale inherited evidence: not implemented, not counted
      row('g', 'stale', [item('g', COMMERCE, '2026-01-01T00:00:00Z')]),
    ];
    const summary = inheritanceSummary(rows, NOW);
    expect(summary).toEqual({
      implemented: 5,
      inherited: 3,
      byScope: [
        { scope: TEAM, count: 2 },
        { scope: 'organization', count: 2 },
      ],
    });
    expect(inheritanceSentence(summary)).toBe(
      '3 of 5 implemented activities are inherited: 2 from group team-payments, 2 from the organisation.',
    );
  });

  it('treats expired own evidence next to live scope evidence as inherited', () => {
    const rows = [
      row('a', 'implemented', [
        item('a', undefined, '2026-06-01T00:00:00Z'),
        item('a', COMMERCE),
      ]),
    ];
    const summary = inheritanceSummary(rows, NOW);
    expect(summary.inherited).toBe(1);
    expect(summary.byScope).toEqual([{ scope: COMMERCE, count: 1 }]);
    // the expired own item is gone once its expiry is in the future
    expect(
      inheritanceSummary(rows, Date.parse('2026-05-01T00:00:00Z')).inherited,
    ).toBe(0);
  });

  it('says so when nothing is inherited or nothing is implemented', () => {
    expect(
      inheritanceSentence(
        inheritanceSummary([row('e', 'implemented', [item('e')])], NOW),
      ),
    ).toBe(
      "All 1 implemented activity is the component's own; none is inherited from a team, system, domain or the organisation.",
    );
    expect(
      inheritanceSentence(inheritanceSummary([row('f', 'missing', [])], NOW)),
    ).toBe('No activity is implemented yet.');
  });
});

describe('matchesOrigin', () => {
  const own = row('own', 'implemented', [item('own')]);
  const inherited = row('inh', 'implemented', [item('inh', TEAM)]);
  const both = row('both', 'implemented', [item('both'), item('both', TEAM)]);
  const none = row('none', 'missing', []);
  const waived: ActivityRow = {
    ...none,
    id: 'waived',
    status: 'not-applicable',
    waivers: [
      {
        id: 'w1',
        entityRef: 'component:default/x',
        activityId: 'waived',
        justification: 'not used',
        grantedBy: 'user:default/sara-nilsen',
        grantedAt: '2026-11-01T00:00:00Z',
      },
    ],
  };

  it('keeps rows with own evidence or an own waiver for "own"', () => {
    const kept = [own, inherited, both, none, waived].filter(r =>
      matchesOrigin(r, 'own'),
    );
    expect(kept.map(r => r.id)).toEqual(['own', 'both', 'waived']);
  });

  it('keeps rows with inherited evidence for "inherited", all for ""', () => {
    const rows = [own, inherited, both, none];
    expect(
      rows.filter(r => matchesOrigin(r, 'inherited')).map(r => r.id),
    ).toEqual(['inh', 'both']);
    expect(rows.filter(r => matchesOrigin(r, '')).length).toBe(4);
  });
});
