import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActivityTable } from './ActivityTable';
import { activityRows } from './activityRows';
import { fixtures } from './__testUtils__/fixtures';

// Many activities in jsdom on a shared, busy machine.
jest.setTimeout(120_000);

/** A screen `width` pixels wide, as far as CSS media queries (MUI's useMediaQuery) ask. */
function screenWidth(width: number) {
  const px = (query: string, name: string) => {
    const match = new RegExp(`\\(${name}:\\s*([\\d.]+)px\\)`).exec(query);
    return match ? Number(match[1]) : undefined;
  };
  window.matchMedia = (query: string) => {
    const max = px(query, 'max-width');
    const min = px(query, 'min-width');
    const matches =
      (max === undefined || width <= max) &&
      (min === undefined || width >= min);
    return {
      matches,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    };
  };
}

const original = window.matchMedia;
afterEach(() => {
  window.matchMedia = original;
});

async function renderAt(width: number) {
  screenWidth(width);
  const rows = activityRows(fixtures.dataCatalogUiScore(), fixtures.model());
  await renderInTestApp(
    <ActivityTable
      rows={rows}
      belowTarget={false}
      onAttest={jest.fn()}
      onWaive={jest.fn()}
    />,
  );
  return rows;
}

describe('ActivityTable on a 390 px screen', () => {
  it('shows one card per activity, with the columns as labelled lines, and no table', async () => {
    const rows = await renderAt(390);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Activities' });
    // The cards: the list's own items (evidence inside a card is a list of its own).
    const top = Array.from(list.children) as HTMLElement[];
    expect(top).toHaveLength(Math.min(rows.length, 20));

    const first = rows[0];
    const card = top[0];
    expect(
      within(card).getByRole('link', { name: new RegExp(`^${first.name}`) }),
    ).toBeInTheDocument();
    const terms = Array.from(card.querySelectorAll('dt')).map(
      dt => dt.textContent,
    );
    expect(terms).toEqual(
      expect.arrayContaining(['Level', 'Dimension', 'Status']),
    );
    const level = card.querySelector('dt + dd') as HTMLElement;
    expect(level).toHaveTextContent(String(first.level));
    // Actions are reachable on the card, as in the table.
    expect(
      within(card).getByRole('button', { name: `Details of ${first.name}` }),
    ).toBeInTheDocument();
  });

  it('shows further cards on request, not in a table page', async () => {
    const rows = await renderAt(390);
    expect(rows.length).toBeGreaterThan(20);
    const list = screen.getByRole('list', { name: 'Activities' });
    const more = screen.getByRole('button', {
      name: `Show ${Math.min(rows.length - 20, 20)} more of ${
        rows.length - 20
      }`,
    });
    await userEvent.click(more);
    expect(
      Array.from(list.children).filter(child => child.tagName === 'LI'),
    ).toHaveLength(Math.min(rows.length, 40));
  });

  it('keeps the table on a wide screen', async () => {
    await renderAt(1280);
    expect(screen.getAllByRole('table').length).toBeGreaterThan(0);
    expect(
      screen.queryByRole('list', { name: 'Activities' }),
    ).not.toBeInTheDocument();
  });
});
