import { hasFocusRing } from '../common/__testUtils__/focusRing';
import { useEffect } from 'react';
import { Entity } from '@backstage/catalog-model';
import {
  EntityKindFilter,
  EntityListProvider,
  catalogApiRef,
  useEntityList,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dsommApiRef } from '../../api';
import { DsommBelowTargetPicker } from './DsommBelowTargetPicker';
import {
  DsommBelowTargetFilter,
  NAME_QUERY_LIMIT,
} from './DsommBelowTargetFilter';

// A table of rows renders slowly on a loaded machine: the waits below end on their condition,
// with jest's timeout as the only limit.
jest.setTimeout(30_000);
const untilTimeout = { timeout: 60_000 };

const component = (name: string, namespace = 'default'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
});

const entities = [
  component('Alpha'),
  component('beta'),
  component('gamma'),
  component('beta', 'other'),
];

/** The catalog page's list: components, with the picker beside it. */
function CatalogList() {
  const { entities: shown, updateFilters } = useEntityList();
  useEffect(() => {
    updateFilters({ kind: new EntityKindFilter('component', 'Component') });
  }, [updateFilters]);
  return (
    <ul aria-label="entities">
      {shown.map(e => (
        <li key={`${e.metadata.namespace}/${e.metadata.name}`}>
          {e.metadata.namespace}/{e.metadata.name}
        </li>
      ))}
    </ul>
  );
}

async function renderPicker(
  getBelowTargetRefs: jest.Mock,
  routeEntries?: string[],
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApiMock({ entities })],
        [dsommApiRef, { getBelowTargetRefs }],
      ]}
    >
      <EntityListProvider>
        <DsommBelowTargetPicker />
        <CatalogList />
      </EntityListProvider>
    </TestApiProvider>,
    { routeEntries },
  );
}

const shownNames = () =>
  screen
    .queryAllByRole('listitem')
    .map(item => item.textContent)
    .sort();

describe('DsommBelowTargetPicker', () => {
  it('keeps only the components below target while ticked, fetching them once', async () => {
    const getBelowTargetRefs = jest.fn(async () => ({
      entityRefs: ['component:default/alpha', 'component:default/beta'],
    }));
    await renderPicker(getBelowTargetRefs);
    await waitFor(
      () =>
        expect(shownNames()).toEqual([
          'default/Alpha',
          'default/beta',
          'default/gamma',
          'other/beta',
        ]),
      untilTimeout,
    );
    expect(getBelowTargetRefs).not.toHaveBeenCalled();

    const box = screen.getByRole('checkbox', { name: 'DSOMM: below target' });
    expect(hasFocusRing(box)).toBe(true);
    await userEvent.click(box);
    // Case does not matter, and beta of another namespace is not below target.
    await waitFor(
      () => expect(shownNames()).toEqual(['default/Alpha', 'default/beta']),
      untilTimeout,
    );

    await userEvent.click(box);
    await waitFor(() => expect(shownNames()).toHaveLength(4), untilTimeout);
    await userEvent.click(box);
    await waitFor(() => expect(shownNames()).toHaveLength(2), untilTimeout);
    expect(getBelowTargetRefs).toHaveBeenCalledTimes(1);
  });

  it('starts ticked from the URL, and shows an error without narrowing the list', async () => {
    const getBelowTargetRefs = jest.fn(async () => ({
      entityRefs: ['component:default/gamma'],
    }));
    await renderPicker(getBelowTargetRefs, [
      '/?filters%5BdsommBelowTarget%5D=true',
    ]);
    expect(
      screen.getByRole('checkbox', { name: 'DSOMM: below target' }),
    ).toBeChecked();
    await waitFor(
      () => expect(shownNames()).toEqual(['default/gamma']),
      untilTimeout,
    );

    const failing = jest.fn(async () => {
      throw new Error('backend down');
    });
    await renderPicker(failing, ['/?filters%5BdsommBelowTarget%5D=true']);
    expect(
      await screen.findByRole('alert', undefined, untilTimeout),
    ).toHaveTextContent('DSOMM levels could not be loaded: backend down');
  });
});

describe('DsommBelowTargetFilter', () => {
  it('matches refs case-insensitively and narrows the catalog query by name while the set is small', () => {
    const filter = new DsommBelowTargetFilter(
      new Set([
        'component:default/alpha',
        'component:other/alpha',
        'component:default/beta',
      ]),
    );
    expect(filter.filterEntity(component('Alpha'))).toBe(true);
    expect(filter.filterEntity(component('gamma'))).toBe(false);
    expect(filter.filterEntity(component('beta', 'third'))).toBe(false);
    expect(filter.getCatalogFilters()).toEqual({
      'metadata.name': ['alpha', 'beta'],
    });
    expect(filter.toQueryValue()).toBe('true');

    const large = new DsommBelowTargetFilter(
      new Set(
        Array.from(
          { length: NAME_QUERY_LIMIT + 1 },
          (_, i) => `component:default/c-${i}`,
        ),
      ),
    );
    expect(large.getCatalogFilters()).toEqual({});
    expect(new DsommBelowTargetFilter(new Set()).getCatalogFilters()).toEqual(
      {},
    );
    expect(
      new DsommBelowTargetFilter(new Set()).filterEntity(component('a')),
    ).toBe(false);
  });
});
