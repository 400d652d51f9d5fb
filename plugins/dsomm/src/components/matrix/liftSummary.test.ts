import {
  ScopePreviewComponent,
  ScopePreviewResponse,
} from '@dsomm/plugin-dsomm-common';
import { liftSummary } from './liftSummary';

function component(
  name: string,
  from: number,
  to: number,
  meets = false,
): ScopePreviewComponent {
  return {
    entityRef: `component:default/${name}`,
    changes: ['a1'],
    before: { overallLevel: from as any, score: 10, meetsTarget: false },
    after: { overallLevel: to as any, score: 12, meetsTarget: meets },
  };
}

function preview(
  overrides: Partial<ScopePreviewResponse>,
): ScopePreviewResponse {
  return {
    entityRef: 'group:default/team-payments',
    status: 'implemented',
    activities: ['a1'],
    count: 9,
    changed: 0,
    lifted: 0,
    newlyMeetingTarget: 0,
    components: [],
    limit: 100,
    ...overrides,
  };
}

describe('liftSummary', () => {
  it('names the lifted components with their levels, and counts the rest', () => {
    expect(
      liftSummary(
        preview({
          changed: 7,
          lifted: 2,
          newlyMeetingTarget: 1,
          components: [
            component('payments-api', 1, 2, true),
            { ...component('ledger', 0, 1), title: 'Ledger' },
            component('checkout', 1, 1),
          ],
        }),
      ),
    ).toBe(
      'Lifts 2 of 9 components: payments-api 1 → 2, Ledger 0 → 1; adds evidence to 7; 1 would meet its target.',
    );
  });

  it('says "more" for lifted components beyond the five it names', () => {
    const lifted = Array.from({ length: 7 }, (_, i) =>
      component(`c${i}`, 0, 1),
    );
    expect(
      liftSummary(
        preview({ changed: 7, lifted: 8, components: lifted, count: 20 }),
      ),
    ).toBe(
      'Lifts 8 of 20 components: c0 0 → 1, c1 0 → 1, c2 0 → 1, c3 0 → 1, c4 0 → 1, 3 more; adds evidence to 7.',
    );
  });

  it('tells waivers, changes without lifts, and nothing at all apart', () => {
    expect(
      liftSummary(
        preview({
          status: 'not-applicable',
          changed: 2,
          components: [component('a', 0, 0), component('b', 0, 0)],
        }),
      ),
    ).toBe('Lifts none of the 9 components; waives for 2.');
    expect(liftSummary(preview({ count: 1 }))).toBe(
      'Changes none of the 1 component below: they have it already.',
    );
    expect(liftSummary(preview({ count: 0 }))).toBe(
      'No components below this scope that you can see.',
    );
  });
});
