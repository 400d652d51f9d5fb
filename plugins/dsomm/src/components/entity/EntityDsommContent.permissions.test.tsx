import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { dsommApiRef } from '../../api';
import { EntityDsommContent } from './EntityDsommContent';
import { componentEntity, mockDsommApi } from './__testUtils__/fixtures';

// Rendering the whole tab takes seconds on a busy machine.
jest.setTimeout(30_000);

// A file of its own: the permission hook caches its answers for the whole module.
describe('EntityDsommContent without the DSOMM permissions', () => {
  it('shows no attest, waive, revoke or refresh buttons to users without the permissions', async () => {
    const authorize = jest.fn((): AuthorizeResult.DENY => AuthorizeResult.DENY);
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [dsommApiRef, mockDsommApi()],
          [permissionApiRef, mockApis.permission({ authorize })],
        ]}
      >
        <EntityProvider entity={componentEntity('auth-service')}>
          <EntityDsommContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    await screen.findByRole('heading', { name: 'Maturity' });
    await waitFor(() =>
      expect(
        new Set(authorize.mock.calls.map(([r]: any[]) => r.permission.name)),
      ).toEqual(
        new Set([
          'dsomm.attestation.create',
          'dsomm.attestation.delete',
          'dsomm.waiver.manage',
          'dsomm.refresh',
          'dsomm.waiver.approve',
        ]),
      ),
    );
    // The evidence stays visible; only the actions are gone.
    expect(
      screen.getAllByText(
        ': Listed in the dsomm.owasp.org/implemented annotation',
        { exact: false },
      ).length,
    ).toBeGreaterThan(0);
    expect(
      screen.queryAllByRole('button', { name: /^(Attest|Waive|Revoke) / }),
    ).toEqual([]);
    expect(screen.queryByRole('button', { name: 'Refresh score' })).toBeNull();
  });
});
