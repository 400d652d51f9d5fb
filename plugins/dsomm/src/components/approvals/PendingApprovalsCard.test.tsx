import { identityApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { PendingApproval } from '@dsomm/plugin-dsomm-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dsommApiRef } from '../../api';
import {
  activityId,
  fixtures,
  mockDsommApi,
} from '../entity/__testUtils__/fixtures';
import { PendingApprovalsCard } from './PendingApprovalsCard';

jest.setTimeout(30_000);

const onComponent: PendingApproval = {
  id: 'w1',
  kind: 'waiver',
  entityRef: 'component:default/auth-service',
  activityId: activityId('blue-green-deployment'),
  requestedBy: 'user:default/alice',
  requestedAt: '2026-11-20T10:00:00.000Z',
  text: 'batch job',
};
const onOrganization: PendingApproval = {
  id: 'a1',
  kind: 'attestation',
  entityRef: 'organization',
  activityId: activityId('signing-of-artifacts'),
  requestedBy: 'user:default/carol',
  requestedAt: '2026-11-21T10:00:00.000Z',
  text: 'all releases are signed by the platform pipeline',
};

function renderCard(api: ReturnType<typeof mockDsommApi>) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [dsommApiRef, api],
        [
          identityApiRef,
          mockApis.identity({ userEntityRef: 'user:default/bob' }),
        ],
      ]}
    >
      <PendingApprovalsCard />
    </TestApiProvider>,
  );
}

describe('PendingApprovalsCard', () => {
  it('lists the requests the user may decide, linked to their entities, and reloads after a decision', async () => {
    const api = mockDsommApi({
      getModel: jest.fn(async () => fixtures.model()),
      getPendingApprovals: jest
        .fn()
        .mockResolvedValueOnce({ requests: [onComponent, onOrganization] })
        .mockResolvedValue({ requests: [onOrganization] }),
    });
    await renderCard(api);
    const list = await screen.findByRole('list', {
      name: 'Waiting for approval',
    });
    expect(screen.getByText('Pending approvals')).toBeInTheDocument();
    const [first, second] = within(list).getAllByRole('listitem');
    expect(
      within(first).getByRole('link', {
        name: 'component:default/auth-service',
      }),
    ).toHaveAttribute('href', '/catalog/default/component/auth-service');
    expect(second).toHaveTextContent(
      'Attestation (implemented): Signing of artifacts on the organisation',
    );

    await userEvent.click(
      within(first).getByRole('button', {
        name: 'Approve waiver for Blue/Green Deployment',
      }),
    );
    expect(api.decideRequest).toHaveBeenCalledWith(onComponent, {
      approve: true,
    });
    await waitFor(() =>
      expect(
        within(
          screen.getByRole('list', { name: 'Waiting for approval' }),
        ).getAllByRole('listitem'),
      ).toHaveLength(1),
    );
    expect(api.getPendingApprovals).toHaveBeenCalledTimes(2);
  });

  it('shows a failed decision and keeps the request', async () => {
    const api = mockDsommApi({
      getPendingApprovals: jest.fn(async () => ({ requests: [onComponent] })),
      decideRequest: jest.fn(async () => {
        throw new Error('The waiver w1 is not pending approval (it is denied)');
      }),
    });
    await renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: /^Approve waiver/ }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'not pending approval',
    );
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
  });

  it('shows nothing when nothing waits', async () => {
    const api = mockDsommApi();
    const { container } = await renderCard(api);
    await waitFor(() => expect(api.getPendingApprovals).toHaveBeenCalled());
    // Once the (empty) answer is in and rendered:
    await act(async () => {
      await api.getPendingApprovals.mock.results[0].value;
    });
    expect(screen.queryByText('Pending approvals')).not.toBeInTheDocument();
    expect(container).toBeEmptyDOMElement();
  });
});
