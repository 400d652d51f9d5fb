import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { PendingApproval } from '@dsomm/plugin-dsomm-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dsommApiRef } from '../../api';
import { EntityDsommContent } from './EntityDsommContent';
import {
  activityId,
  componentEntity,
  fixtures,
  mockDsommApi,
} from './__testUtils__/fixtures';

// Rendering the whole tab takes seconds on a busy machine.
jest.setTimeout(60_000);

const ME = 'user:default/bob';
const ENTITY = 'component:default/auth-service';
const waiver: PendingApproval = {
  id: 'w1',
  kind: 'waiver',
  entityRef: ENTITY,
  activityId: activityId('blue-green-deployment'),
  requestedBy: 'user:default/alice',
  requestedAt: '2026-11-20T10:00:00.000Z',
  text: 'deployed as a batch job, no live traffic',
};
const ownAttestation: PendingApproval = {
  id: 'a1',
  kind: 'attestation',
  entityRef: ENTITY,
  activityId: activityId('signing-of-artifacts'),
  requestedBy: ME,
  requestedAt: '2026-11-21T10:00:00.000Z',
  text: 'cosign in the release job',
};

/** auth-service's score with these requests pending. */
const scoreWith = (pending: PendingApproval[]) => ({
  ...fixtures.authServiceScore(),
  pending,
});

async function renderTab(options: {
  canApprove: boolean;
  api: ReturnType<typeof mockDsommApi>;
}) {
  const authorize = jest.fn((request: { permission: { name: string } }) =>
    request.permission.name !== 'dsomm.waiver.approve' || options.canApprove
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY,
  );
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [dsommApiRef, options.api],
        [permissionApiRef, mockApis.permission({ authorize })],
        [identityApiRef, mockApis.identity({ userEntityRef: ME })],
      ]}
    >
      <EntityProvider entity={componentEntity('auth-service')}>
        <EntityDsommContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityDsommContent pending approvals', () => {
  it('shows requests waiting for approval; an approver approves others\u2019 and the score is re-read', async () => {
    const api = mockDsommApi({
      getEntityScore: jest
        .fn()
        .mockResolvedValueOnce(scoreWith([waiver, ownAttestation]))
        .mockResolvedValue(scoreWith([ownAttestation])),
    });
    await renderTab({ canApprove: true, api });

    const list = await screen.findByRole('list', {
      name: 'Waiting for approval',
    });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent(
      'Waiver (not applicable): Blue/Green Deployment',
    );
    expect(items[0]).toHaveTextContent(
      '“deployed as a batch job, no live traffic”',
    );
    // The user's own request: no buttons, and why.
    expect(items[1]).toHaveTextContent('You requested this');
    expect(within(items[1]).queryAllByRole('button')).toEqual([]);

    await userEvent.click(
      within(items[0]).getByRole('button', {
        name: 'Approve waiver for Blue/Green Deployment',
      }),
    );
    expect(api.decideRequest).toHaveBeenCalledWith(waiver, { approve: true });
    expect(
      await screen.findByText(/Waiver approved for Blue\/Green Deployment/),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        within(
          screen.getByRole('list', { name: 'Waiting for approval' }),
        ).getAllByRole('listitem'),
      ).toHaveLength(1),
    );
  });

  it('asks for a reason before denying', async () => {
    const api = mockDsommApi({
      getEntityScore: jest
        .fn()
        .mockResolvedValueOnce(scoreWith([waiver]))
        .mockResolvedValue(scoreWith([])),
    });
    await renderTab({ canApprove: true, api });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Deny waiver for Blue/Green Deployment',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Deny waiver: Blue/Green Deployment',
    });
    const deny = within(dialog).getByRole('button', { name: 'Deny' });
    expect(deny).toBeDisabled();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'it serves live traffic since May',
    );
    await userEvent.click(deny);
    expect(api.decideRequest).toHaveBeenCalledWith(waiver, {
      approve: false,
      reason: 'it serves live traffic since May',
    });
    expect(
      await screen.findByText(/Waiver denied for Blue\/Green Deployment/),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('list', { name: 'Waiting for approval' }),
      ).not.toBeInTheDocument(),
    );
  });

  it('shows the requests without buttons to users who may not approve', async () => {
    const api = mockDsommApi({
      getEntityScore: jest.fn(async () => scoreWith([waiver])),
    });
    await renderTab({ canApprove: false, api });
    const list = await screen.findByRole('list', {
      name: 'Waiting for approval',
    });
    expect(list).toHaveTextContent('Blue/Green Deployment');
    // The permission answer arrives after the first render: wait until it has been asked.
    await screen.findAllByRole('button', { name: /^Waive / });
    expect(within(list).queryAllByRole('button')).toEqual([]);
  });
});
