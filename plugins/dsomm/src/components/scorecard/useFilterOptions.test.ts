import { ScorecardRow } from '@dsomm/plugin-dsomm-common';
import { FilterOptions, withRowValues } from './useFilterOptions';

const options: FilterOptions = {
  owner: ['group:default/team-a'],
  system: [],
  domain: [],
  tier: ['critical'],
  kind: ['Component'],
  lifecycle: ['production'],
  type: ['service'],
};

const row = (fields: Partial<ScorecardRow>) => fields as ScorecardRow;

describe('withRowValues', () => {
  it('adds the types, kinds and lifecycles of loaded rows, sorted and once each', () => {
    const merged = withRowValues(options, [
      row({ specType: 'website', lifecycle: 'experimental' }),
      row({ specType: 'library' }),
      row({ specType: 'website', kind: 'Component' }),
      row({}),
    ]);
    expect(merged.type).toEqual(['library', 'service', 'website']);
    expect(merged.lifecycle).toEqual(['experimental', 'production']);
    expect(merged.kind).toEqual(['Component']);
    expect(merged.owner).toBe(options.owner);
  });

  it('gives the same options back when the rows add nothing', () => {
    expect(
      withRowValues(options, [row({ specType: 'service', kind: 'Component' })]),
    ).toBe(options);
    expect(withRowValues(options, [])).toBe(options);
  });
});
