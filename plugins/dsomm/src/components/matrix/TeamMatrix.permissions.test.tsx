import { parseEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { dsommApiRef } from '../../api';
import { fixtures, mockDsommApi } from '../entity/__testUtils__/fixtures';
import { teamPaymentsRollupFixture } from '../rollup/__testUtils__/rollupFixtures';
import { TeamMatrix } from './TeamMatrix';

jest.setTimeout(30_000);

// A file of its own: the permission hook caches its answers for the whole module.
describe('TeamMatrix without permission on the scope', () => {
  it('asks about the scope entity and shows no checkboxes or buttons when denied', async () => {
    const authorize = jest.fn(
      (_request: { permission: { name: string }; resourceRef?: string }) =>
        AuthorizeResult.DENY,
    );
    const rollup = teamPaymentsRollupFixture();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [dsommApiRef, mockDsommApi()],
          [permissionApiRef, mockApis.permission({ authorize })],
        ]}
      >
        <TeamMatrix
          scopeRef={parseEntityRef('group:default/team-payments')}
          scopeRefKey="group:default/team-payments"
          scope={rollup.scope}
          model={fixtures.model()}
          mostMissing={rollup.mostMissing}
          onRecorded={() => {}}
        />
      </TestApiProvider>,
    );
    await screen.findByText('Pinning of artifacts');
    await waitFor(() =>
      expect(
        new Set(
          authorize.mock.calls.map(
            ([r]) => `${r.permission.name} ${r.resourceRef}`,
          ),
        ),
      ).toEqual(
        new Set([
          'dsomm.attestation.create group:default/team-payments',
          'dsomm.waiver.manage group:default/team-payments',
        ]),
      ),
    );
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Mark implemented' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Mark not applicable' }),
    ).not.toBeInTheDocument();
  });
});
