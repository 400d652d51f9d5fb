import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FilterBar } from './FilterBar';
import { FILTER_LABELS, PAGE_FILTERS } from './format';
import { FilterOptions } from './useFilterOptions';

const options: FilterOptions = {
  owner: ['group:default/team-payments', 'group:default/team-search'],
  system: ['payments'],
  domain: [],
  tier: ['critical', 'standard'],
  kind: ['Component'],
  lifecycle: ['production'],
  type: ['service', 'website'],
};

async function renderBar(onFilterChange = jest.fn()) {
  await renderInTestApp(
    <FilterBar
      groupBy="owner"
      filters={{ tier: ['critical'] }}
      options={options}
      onGroupByChange={jest.fn()}
      onFilterChange={onFilterChange}
      onClear={jest.fn()}
    />,
  );
  return onFilterChange;
}

// Under a parallel test run on a busy machine a render with MUI menus can take seconds.
jest.setTimeout(30_000);

describe('FilterBar', () => {
  it('names every select by what it filters, then by what is chosen', async () => {
    await renderBar();
    const bar = screen.getByRole('group', { name: 'Scorecard filters' });

    expect(
      within(bar).getByRole('button', { name: 'Group by Owner' }),
    ).toBeInTheDocument();
    expect(
      within(bar).getByRole('button', { name: 'Tier critical' }),
    ).toBeInTheDocument();
    for (const field of PAGE_FILTERS.filter(f => f !== 'tier')) {
      expect(
        within(bar).getByRole('button', {
          name: `${FILTER_LABELS[field]} All`,
        }),
      ).toBeInTheDocument();
    }
    // No select is announced by its value alone.
    expect(
      within(bar).queryByRole('button', { name: 'All' }),
    ).not.toBeInTheDocument();
  });

  it('is reachable by Tab and opens and chooses by keyboard', async () => {
    const onFilterChange = await renderBar();

    await userEvent.tab();
    expect(
      screen.getByRole('button', { name: 'Group by Owner' }),
    ).toHaveFocus();
    await userEvent.tab();
    const owner = screen.getByRole('button', { name: /^Owner\b/ });
    expect(owner).toHaveFocus();

    await userEvent.keyboard('{Enter}');
    const listbox = await screen.findByRole('listbox');
    expect(
      within(listbox).getByRole('option', { name: 'team-search' }),
    ).toBeInTheDocument();
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(onFilterChange).toHaveBeenLastCalledWith('owner', [
      'group:default/team-search',
    ]);
  });
});
