import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dsommApiRef } from '../../api';
import {
  activityId,
  fixtures,
  mockDsommApi,
} from '../entity/__testUtils__/fixtures';
import { teamPaymentsRollupFixture } from '../rollup/__testUtils__/rollupFixtures';
import { TeamMatrix } from './TeamMatrix';
import {
  ScopePreviewRequest,
  ScopePreviewResponse,
} from '@dsomm/plugin-dsomm-common';

// The matrix renders every activity of the model with a checkbox.
// Generous: the machine running the suite may be shared and busy.
jest.setTimeout(180_000);

const scopeRefKey = 'group:default/team-payments';

/** A preview that changes nothing: the default for tests about recording. */
function noChange() {
  return jest.fn(
    async (
      _ref: CompoundEntityRef,
      request: ScopePreviewRequest,
    ): Promise<ScopePreviewResponse> => ({
      entityRef: scopeRefKey,
      status: request.status,
      activities: request.activities,
      count: 9,
      changed: 0,
      lifted: 0,
      newlyMeetingTarget: 0,
      components: [],
      limit: 100,
    }),
  );
}

async function renderMatrix(
  api = mockDsommApi(),
  rollup = teamPaymentsRollupFixture(),
) {
  const onRecorded = jest.fn();
  api.previewScope ??= noChange();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [dsommApiRef, api],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <TeamMatrix
        scopeRef={parseEntityRef(scopeRefKey)}
        scopeRefKey={scopeRefKey}
        scope={rollup.scope}
        model={fixtures.model()}
        mostMissing={rollup.mostMissing}
        onRecorded={onRecorded}
      />
    </TestApiProvider>,
  );
  return { api, onRecorded };
}

const select = async (name: string) =>
  userEvent.click(
    await screen.findByRole('checkbox', { name: `Select ${name}` }),
  );

/** Marks Simple Scan and Usage of different roles not applicable with `justification`. */
async function markTwoNotApplicable(justification: string) {
  await select('Simple Scan');
  await select('Usage of different roles');
  await userEvent.click(
    screen.getByRole('button', { name: 'Mark not applicable' }),
  );
  const dialog = await screen.findByRole('dialog', {
    name: 'Mark not applicable: 2 activities',
  });
  await userEvent.type(
    within(dialog).getByRole('textbox', { name: /Justification/ }),
    justification,
  );
  await userEvent.click(
    within(dialog).getByRole('button', { name: 'Mark not applicable' }),
  );
}

describe('TeamMatrix', () => {
  it('lays out sub-dimensions by level with each activity and its state at the scope', async () => {
    await renderMatrix();
    const table = await screen.findByRole('table', {
      name: 'Team assessment matrix',
    });
    const buildRow = within(table)
      .getAllByRole('row')
      .find(row => row.firstElementChild?.textContent === 'Build')!;
    // The first cell is the sub-dimension's name; levels 1-5 follow.
    const cells = within(buildRow).getAllByRole('cell');
    // Level 1 of Build: implemented by the group's annotation.
    expect(cells[1]).toHaveTextContent(
      'Defined build processdefined-build-processimplemented',
    );
    // Level 2: pinning is not set at the scope and 7 of 9 components miss it.
    expect(cells[2]).toHaveTextContent(
      'Pinning of artifactspinning-of-artifactsnot set; 7 of 9 components miss it',
    );
    const deployRow = within(table)
      .getAllByRole('row')
      .find(row => row.firstElementChild?.textContent === 'Deployment')!;
    expect(within(deployRow).getAllByRole('cell')[1]).toHaveTextContent(
      'Defined deployment processdefined-deployment-processimplemented',
    );
    const dynamicRow = within(table)
      .getAllByRole('row')
      .find(
        row =>
          row.firstElementChild?.textContent ===
          'Dynamic depth for applications',
      )!;
    expect(within(dynamicRow).getAllByRole('cell')[2]).toHaveTextContent(
      'Coverage of client side dynamic componentscoverage-of-client-side-dynamic-componentsnot applicable',
    );
  });

  it('records one attestation per selected activity with the comment and expiry entered', async () => {
    const api = mockDsommApi({
      createAttestation: jest.fn(async (_ref, input) => ({
        id: `att-${input.activity}`,
        entityRef: scopeRefKey,
        activityId: input.activity,
        comment: input.comment,
        attestedBy: 'user:default/guest',
        attestedAt: '2026-11-29T00:00:00Z',
      })),
    });
    const { onRecorded } = await renderMatrix(api);
    const mark = screen.getByRole('button', { name: 'Mark implemented' });
    expect(mark).toBeDisabled();

    await select('Pinning of artifacts');
    await select('SBOM of components');
    await select('Simple Scan');
    expect(screen.getByText('3 selected')).toBeInTheDocument();
    await userEvent.click(mark);

    const dialog = await screen.findByRole('dialog', {
      name: 'Mark implemented: 3 activities',
    });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Comment/ }),
      'Shared pipeline pins and scans',
    );
    fireEvent.change(within(dialog).getByLabelText('Expires on'), {
      target: { value: '2027-06-30' },
    });
    expect(
      within(dialog).getByText(/configured default expiry of attestations/),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Mark implemented' }),
    );

    expect(
      await screen.findByText(
        'Recorded 3 activities as implemented for team-payments; the components below inherit them.',
      ),
    ).toBeInTheDocument();
    const scope = {
      kind: 'group',
      namespace: 'default',
      name: 'team-payments',
    };
    expect(api.createAttestation.mock.calls).toEqual(
      ['pinning-of-artifacts', 'sbom-of-components', 'simple-scan'].map(key => [
        scope,
        {
          activity: activityId(key),
          comment: 'Shared pipeline pins and scans',
          expiresAt: '2027-06-30',
        },
      ]),
    );
    expect(api.createWaiver).not.toHaveBeenCalled();
    expect(onRecorded).toHaveBeenCalled();
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(screen.getByText('0 selected')).toBeInTheDocument();
  });

  it('records one waiver per selected activity with the justification, without expiry when none is entered', async () => {
    const api = mockDsommApi({
      createWaiver: jest.fn(async (_ref, input) => ({
        id: `w-${input.activity}`,
        entityRef: scopeRefKey,
        activityId: input.activity,
        justification: input.justification,
        grantedBy: 'user:default/guest',
        grantedAt: '2026-11-29T00:00:00Z',
      })),
    });
    await renderMatrix(api);
    await markTwoNotApplicable('Batch jobs with no HTTP interface');
    expect(
      await screen.findByText(
        'Recorded 2 activities as not applicable for team-payments; the components below inherit them.',
      ),
    ).toBeInTheDocument();
    expect(api.createWaiver.mock.calls.map(([, input]) => input)).toEqual([
      {
        activity: activityId('simple-scan'),
        justification: 'Batch jobs with no HTTP interface',
      },
      {
        activity: activityId('usage-of-different-roles'),
        justification: 'Batch jobs with no HTTP interface',
      },
    ]);
    expect(api.createAttestation).not.toHaveBeenCalled();
  });

  it('says that waivers needing approval wait for it, rather than being inherited', async () => {
    const api = mockDsommApi({
      createWaiver: jest.fn(async (_ref, input) => ({
        id: `w-${input.activity}`,
        entityRef: scopeRefKey,
        activityId: input.activity,
        justification: input.justification,
        grantedBy: 'user:default/guest',
        grantedAt: '2026-11-29T00:00:00Z',
        status: 'pending' as const,
      })),
    });
    const { onRecorded } = await renderMatrix(api);
    await markTwoNotApplicable('Batch jobs');
    expect(
      await screen.findByText(
        'Requested 2 activities as not applicable for team-payments: waiting for approval by someone else, they count once approved.',
      ),
    ).toBeInTheDocument();
    expect(onRecorded).toHaveBeenCalled();
  });

  it('stops at the first failure, says which, and keeps the rest selected', async () => {
    const api = mockDsommApi({
      createAttestation: jest
        .fn()
        .mockResolvedValueOnce({})
        .mockRejectedValueOnce(new Error('Rate limit reached')),
    });
    const { onRecorded } = await renderMatrix(api);
    await select('Pinning of artifacts');
    await select('SBOM of components');
    await select('Simple Scan');
    await userEvent.click(
      screen.getByRole('button', { name: 'Mark implemented' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Comment/ }),
      'Pinned',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Mark implemented' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Recorded 1 of 3; SBOM of components failed: Rate limit reached',
    );
    expect(api.createAttestation).toHaveBeenCalledTimes(2);
    expect(onRecorded).toHaveBeenCalled();
    expect(screen.getByText('2 selected')).toBeInTheDocument();
  });

  it('shows DSOMM progress states short of done beside the activity, as not counted', async () => {
    const rollup = teamPaymentsRollupFixture();
    rollup.scope.progress = [
      {
        groupRef: scopeRefKey,
        activityId: activityId('pinning-of-artifacts'),
        state: 'Planned',
        date: '2026-10-01T00:00:00.000Z',
      },
      {
        groupRef: scopeRefKey,
        activityId: activityId('simple-scan'),
        state: 'Started',
        date: '2026-10-15T00:00:00.000Z',
      },
      // Implemented at the scope since: the earlier state is history.
      {
        groupRef: scopeRefKey,
        activityId: activityId('defined-build-process'),
        state: 'Started',
        date: '2026-09-01T00:00:00.000Z',
      },
    ];
    await renderMatrix(mockDsommApi(), rollup);
    const table = await screen.findByRole('table', {
      name: 'Team assessment matrix',
    });
    const cellOf = (name: string) =>
      within(table).getByText(name).closest('li') as HTMLElement;
    expect(cellOf('Pinning of artifacts')).toHaveTextContent(
      'not set; 7 of 9 components miss itPlanned 2026-10-01 · not counted',
    );
    expect(cellOf('Simple Scan')).toHaveTextContent(
      'Started 2026-10-15 · not counted',
    );
    expect(cellOf('Defined build process')).toHaveTextContent(/implemented$/);
    expect(within(table).getAllByText(/· not counted$/)).toHaveLength(2);
    expect(
      within(table)
        .getByText('Planned 2026-10-01 · not counted')
        .closest('[title]'),
    ).toHaveAttribute(
      'title',
      'DSOMM team progress: shown, does not count as implemented',
    );
  });

  it('previews which components the selected activities lift, before anything is recorded', async () => {
    const lift: ScopePreviewResponse = {
      entityRef: scopeRefKey,
      status: 'implemented',
      activities: [
        activityId('pinning-of-artifacts'),
        activityId('simple-scan'),
      ],
      count: 9,
      changed: 2,
      lifted: 1,
      newlyMeetingTarget: 1,
      limit: 100,
      components: [
        {
          entityRef: 'component:default/payments-api',
          title: 'Payments API',
          changes: [
            activityId('pinning-of-artifacts'),
            activityId('simple-scan'),
          ],
          before: { overallLevel: 1, score: 20.4, meetsTarget: false },
          after: { overallLevel: 2, score: 22.1, meetsTarget: true },
        },
        {
          entityRef: 'component:default/ledger',
          changes: [activityId('simple-scan')],
          before: { overallLevel: 0, score: 9.5, meetsTarget: false },
          after: { overallLevel: 0, score: 10.3, meetsTarget: false },
        },
      ],
    };
    const previewScope = jest.fn(
      async (_ref: unknown, request: ScopePreviewRequest) =>
        request.status === 'implemented'
          ? lift
          : {
              ...lift,
              status: request.status,
              changed: 1,
              lifted: 0,
              newlyMeetingTarget: 0,
              components: [lift.components[1]],
            },
    );
    const api = mockDsommApi({ previewScope });
    await renderMatrix(api);
    await screen.findByRole('table', { name: 'Team assessment matrix' });
    expect(screen.queryByText(/If marked/)).not.toBeInTheDocument();

    await select('Pinning of artifacts');
    await select('Simple Scan');
    expect(
      await screen.findByText(
        'Lifts 1 of 9 components: Payments API 1 → 2; adds evidence to 2; 1 would meet its target.',
      ),
    ).toBeInTheDocument();
    expect(previewScope).toHaveBeenLastCalledWith(
      { kind: 'group', namespace: 'default', name: 'team-payments' },
      {
        activities: [
          activityId('pinning-of-artifacts'),
          activityId('simple-scan'),
        ],
        status: 'implemented',
      },
    );
    const preview = screen.getByRole('region', {
      name: 'If marked implemented: components below',
    });
    expect(
      within(preview).getByRole('link', { name: 'Payments API' }),
    ).toHaveAttribute('href', '/catalog/default/component/payments-api/dsomm');
    expect(
      within(preview)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'Payments API: level 1 → 2, score 20.4 → 22.1, meets its target; 2 of 2 new for it',
      'ledger: level 0 → 0, score 9.5 → 10.3; 1 of 2 new for it',
    ]);

    await userEvent.click(
      screen.getByRole('radio', { name: 'Preview as not applicable' }),
    );
    expect(
      await screen.findByText('Lifts none of the 9 components; waives for 1.'),
    ).toBeInTheDocument();
    expect(previewScope).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.objectContaining({ status: 'not-applicable' }),
    );

    // The confirm dialog says it again for the mark being recorded.
    await userEvent.click(
      screen.getByRole('button', { name: 'Mark implemented' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Mark implemented: 2 activities',
    });
    expect(
      await within(dialog).findByText(
        'Lifts 1 of 9 components: Payments API 1 → 2; adds evidence to 2; 1 would meet its target.',
      ),
    ).toBeInTheDocument();
    expect(api.createAttestation).not.toHaveBeenCalled();
  });

  it('says so when the preview cannot be had', async () => {
    const api = mockDsommApi({
      previewScope: jest
        .fn()
        .mockRejectedValue(new Error('Service unavailable')),
    });
    await renderMatrix(api);
    await select('Simple Scan');
    expect(
      await screen.findByText(
        'Cannot tell which components this lifts: Service unavailable',
      ),
    ).toBeInTheDocument();
  });
});
