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
describe('EntityDsommContent with resource permissions', () => {
  it('asks about this entity and shows only the buttons the policy allows for it', async () => {
    // A policy like "the security group may waive anywhere, only owners attest": this user
    // may waive on auth-service and nothing else.
    const authorize = jest.fn(
      (request: { permission: { name: string }; resourceRef?: string }) =>
        request.permission.name === 'dsomm.waiver.manage' &&
        request.resourceRef === 'component:default/auth-service'
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    );
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
    await screen.findByRole('button', { name: 'Waive Blue/Green Deployment' });
    await waitFor(() =>
      expect(
        new Set(
          authorize.mock.calls.map(
            ([r]) => `${r.permission.name} ${r.resourceRef}`,
          ),
        ),
      ).toEqual(
        new Set([
          'dsomm.attestation.create component:default/auth-service',
          'dsomm.attestation.delete component:default/auth-service',
          'dsomm.waiver.manage component:default/auth-service',
          'dsomm.refresh component:default/auth-service',
          'dsomm.waiver.approve component:default/auth-service',
        ]),
      ),
    );
    expect(screen.queryAllByRole('button', { name: /^Attest / })).toEqual([]);
    expect(
      screen.getAllByRole('button', { name: /^Waive / }).length,
    ).toBeGreaterThan(0);
  });
});
