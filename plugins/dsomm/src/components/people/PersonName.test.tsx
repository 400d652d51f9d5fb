import { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { PeopleProvider } from './PeopleProvider';
import { PersonName } from './PersonName';

function user(name: string, extra: Partial<Entity> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default', ...extra.metadata },
    spec: { ...extra.spec },
  };
}

const people = [
  user('alice', {
    metadata: { name: 'alice', title: 'A. Example' },
    spec: { profile: { displayName: 'Alice Example' } },
  }),
  user('bob', { metadata: { name: 'bob', title: 'Bob Builder' } }),
];

const REFS = [
  'user:default/alice',
  'user:default/bob',
  'user:default/carol',
  'user:default/alice',
  'plugin:dsomm',
];

function Names() {
  return (
    <ul>
      {REFS.map((ref, i) => (
        <li key={i}>
          <PersonName entityRef={ref} />
        </li>
      ))}
    </ul>
  );
}

// A test app with the catalog's routes: seconds on a busy machine.
jest.setTimeout(30_000);

describe('PersonName', () => {
  it('shows display name, else title, else the ref name, linked to the user with the ref as tooltip, from one batched lookup', async () => {
    const catalogApi = catalogApiMock({ entities: people });
    const lookup = jest.spyOn(catalogApi, 'getEntitiesByRefs');
    await renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
        <PeopleProvider>
          <Names />
        </PeopleProvider>
      </TestApiProvider>,
    );

    const alice = await screen.findAllByRole('link', { name: 'Alice Example' });
    expect(alice).toHaveLength(2);
    expect(alice[0]).toHaveAttribute('href', '/catalog/default/user/alice');
    expect(alice[0]).toHaveAttribute('title', 'user:default/alice');
    expect(screen.getByRole('link', { name: 'Bob Builder' })).toHaveAttribute(
      'title',
      'user:default/bob',
    );
    // Unknown to the catalog: the name from the ref, still linked.
    expect(screen.getByRole('link', { name: 'carol' })).toHaveAttribute(
      'title',
      'user:default/carol',
    );
    // Not a person: shown as sent, not looked up.
    expect(screen.getByText('plugin:dsomm')).toBeInTheDocument();
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(lookup.mock.calls[0][0].entityRefs).toEqual([
      'user:default/alice',
      'user:default/bob',
      'user:default/carol',
    ]);
  });

  it('falls back to the names in the refs when the lookup fails', async () => {
    const catalogApi = catalogApiMock({ entities: people });
    const lookup = jest
      .spyOn(catalogApi, 'getEntitiesByRefs')
      .mockRejectedValue(new Error('catalog down'));
    await renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
        <PeopleProvider>
          <Names />
        </PeopleProvider>
      </TestApiProvider>,
    );
    await waitFor(() => expect(lookup).toHaveBeenCalled());
    expect(screen.getAllByRole('link', { name: 'alice' })).toHaveLength(2);
    expect(screen.getByRole('link', { name: 'bob' })).toBeInTheDocument();
  });

  it('falls back to the names in the refs without a catalog API or a provider', async () => {
    await renderInTestApp(
      <>
        <PeopleProvider>
          <PersonName entityRef="user:default/alice" />
        </PeopleProvider>
        <PersonName entityRef="user:default/bob" />
      </>,
    );
    expect(screen.getByRole('link', { name: 'alice' })).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
    expect(screen.getByRole('link', { name: 'bob' })).toBeInTheDocument();
  });
});
