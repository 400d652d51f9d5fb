import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DsommApi, dsommApiRef } from '../../api';
import { EntityDsommContent } from './EntityDsommContent';
import { entityCampaign } from '../campaigns/__testUtils__/campaignFixtures';
import { SCORE_HELP } from './LevelFigures';
import {
  activityId,
  componentEntity,
  external,
  fixtures,
  mockDsommApi,
  responseError,
} from './__testUtils__/fixtures';

/** Types into a text field in one go (typing key by key is slow in this big tree). */
async function fill(field: HTMLElement, text: string) {
  await userEvent.click(field);
  await userEvent.paste(text);
}

async function renderContent(
  api: DsommApi,
  name = 'auth-service',
  permission = AuthorizeResult.ALLOW,
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [dsommApiRef, api],
        [permissionApiRef, mockApis.permission({ authorize: permission })],
      ]}
    >
      <EntityProvider entity={componentEntity(name)}>
        <EntityDsommContent />
      </EntityProvider>
    </TestApiProvider>,
  );
  await screen.findByRole('heading', { name: 'Maturity' });
  if (permission === AuthorizeResult.ALLOW) {
    // The action buttons appear once the permission checks have answered.
    await screen.findAllByRole('button', { name: /^Attest / });
  }
}

function heatmapRow(subDimension: string) {
  const table = screen.getByRole('table', {
    name: 'Implemented of applicable activities per sub-dimension and level',
  });
  return within(table)
    .getByText(subDimension, { selector: 'th' })
    .closest('tr') as HTMLElement;
}

function activitiesTable() {
  return screen
    .getByRole('heading', { name: 'Activities' })
    .closest('.MuiPaper-root') as HTMLElement;
}

// The whole tab renders in each test: 59 activities, charts and tables take jsdom a while
// (longer on a shared, busy machine).
jest.setTimeout(120_000);

const ref = { kind: 'component', namespace: 'default', name: 'auth-service' };

/** What a cell shows: a heat cell's button also holds its spoken name, which is not shown. */
function shownText(cell: HTMLElement) {
  return (cell.querySelector('[aria-hidden]') ?? cell).textContent;
}

describe('EntityDsommContent', () => {
  it('shows the level against the target, the score and the heatmap', async () => {
    const api = mockDsommApi();
    await renderContent(api);

    expect(api.getEntityScore).toHaveBeenCalledWith(ref);
    const summary = screen
      .getByRole('heading', { name: 'Maturity' })
      .closest('.MuiCard-root') as HTMLElement;
    expect(within(summary).getByText('29.3')).toBeInTheDocument();
    expect(summary).toHaveTextContent(
      `Overall level2 of target 2Score29.3 / 100${SCORE_HELP}Meets target`,
    );
    expect(
      screen.getByText(
        'Level 2 in every dimension, except Culture and Organization: level 1',
      ),
    ).toBeInTheDocument();

    // Build: 1/1 at level 1, 3/3 at 2, 0/1 at 3, nothing at 4, 0/1 at 5; level 2 reached.
    const build = within(heatmapRow('Build'));
    expect(build.getAllByRole('cell').map(shownText)).toEqual([
      'Build',
      '1/1',
      '3/3',
      '0/1',
      '–',
      '0/1',
      'Level 2',
    ]);
    // The attestation and the waiver of the fixture show in Deployment's coverage.
    expect(
      within(heatmapRow('Deployment')).getAllByRole('cell').map(shownText),
    ).toEqual(['Deployment', '3/3', '4/4', '2/3', '0/2', '0/1', 'Level 2']);
    expect(
      screen.getByText(
        'Build and Deployment: level 2 of target 2, meets target',
      ),
    ).toBeInTheDocument();

    // Per-dimension levels against the target.
    const dimensions = screen.getByRole('table', {
      name: 'Dimension levels against target',
    });
    expect(
      within(dimensions).getByRole('row', { name: /^Culture and Organization/ })
        .textContent,
    ).toBe('Culture and Organization210Meets target');
  });

  it('says when the component is below its target and shows the warnings', async () => {
    const api = mockDsommApi({
      getEntityScore: jest.fn(async () => fixtures.dataCatalogUiScore()),
      getEntityReports: jest.fn(async () => ({
        entityRef: 'component:default/data-catalog-ui',
        reports: [],
      })),
    });
    await renderContent(api, 'data-catalog-ui');

    const summary = screen
      .getByRole('heading', { name: 'Maturity' })
      .closest('.MuiCard-root') as HTMLElement;
    expect(summary).toHaveTextContent(
      `Overall level0 of target 1Score3.3 / 100${SCORE_HELP}Below target`,
    );
    expect(
      within(
        screen.getByRole('table', { name: 'Dimension levels against target' }),
      ).getAllByText('Below target'),
    ).toHaveLength(5);
    expect(
      screen.getByText('1 problem while scoring this component', {
        exact: false,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'dsomm.owasp.org/implemented: unknown activity "made-up-activity"',
      ),
    ).toBeInTheDocument();
    expect(await screen.findByText('No scanner reports')).toBeInTheDocument();
  });

  it('narrows the activity table with the status, level and dimension filters', async () => {
    const api = mockDsommApi();
    await renderContent(api);
    const total = fixtures.authServiceScore().activities.length;
    expect(
      screen.getByText(`${total} of ${total} activities`),
    ).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Status'), 'stale');
    expect(screen.getByText(`1 of ${total} activities`)).toBeInTheDocument();
    const table = within(activitiesTable());
    expect(
      table.getByRole('link', { name: external('Signing of code') }),
    ).toHaveAttribute(
      'href',
      `https://dsomm.owasp.org/activity-description?uuid=${activityId(
        'signing-of-code',
      )}`,
    );
    expect(
      table.getByRole('link', { name: external('Signing of code') }),
    ).toHaveAttribute('target', '_blank');
    const staleRow = table
      .getByRole('link', { name: external('Signing of code') })
      .closest('tr') as HTMLElement;
    expect(within(staleRow).getByText('Stale')).toBeInTheDocument();
    expect(table.getByText(/expired 2026-10-01/)).toBeInTheDocument();
    expect(
      table.queryByRole('link', { name: external('Defined build process') }),
    ).not.toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Status'), '');
    await userEvent.selectOptions(screen.getByLabelText('Level'), '1');
    await userEvent.selectOptions(
      screen.getByLabelText('Dimension'),
      'Build and Deployment',
    );
    // Build and Deployment at level 1: one Build and three Deployment activities.
    expect(screen.getByText(`4 of ${total} activities`)).toBeInTheDocument();
    expect(
      within(activitiesTable()).getByRole('link', {
        name: external('Defined build process'),
      }),
    ).toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Level'), '5');
    await userEvent.selectOptions(
      screen.getByLabelText('Status'),
      'implemented',
    );
    expect(screen.getByText(`0 of ${total} activities`)).toBeInTheDocument();
    expect(
      screen.getByText('No activity matches these filters.'),
    ).toBeInTheDocument();
  });

  it('finds activities by name or sub-dimension', async () => {
    const api = mockDsommApi();
    await renderContent(api);
    const total = fixtures.authServiceScore().activities.length;
    await fill(screen.getByRole('textbox', { name: 'Name' }), 'signing');
    expect(screen.getByText(`2 of ${total} activities`)).toBeInTheDocument();
    const table = within(activitiesTable());
    expect(
      table.getByRole('link', { name: external('Signing of code') }),
    ).toBeInTheDocument();
    expect(
      table.getByRole('link', { name: external('Signing of artifacts') }),
    ).toBeInTheDocument();
  });

  it('shows evidence with its source, tool, date, who attested and links', async () => {
    const api = mockDsommApi();
    await renderContent(api);
    const table = within(activitiesTable());
    await userEvent.selectOptions(screen.getByLabelText('Level'), '2');
    await userEvent.selectOptions(
      screen.getByLabelText('Dimension'),
      'Build and Deployment',
    );
    // SBOM of components: an annotation and a grype report.
    const sbomRow = table
      .getByRole('link', { name: external('SBOM of components') })
      .closest('tr') as HTMLElement;
    expect(
      within(sbomRow).getByText(
        ': Listed in the dsomm.owasp.org/implemented annotation',
        { exact: false },
      ),
    ).toBeInTheDocument();
    expect(within(sbomRow).getByText('tool grype')).toBeInTheDocument();
    expect(within(sbomRow).getByText('2022-07-22')).toBeInTheDocument();
    expect(
      within(sbomRow).getByRole('link', { name: 'Report f2f30aab' }),
    ).toHaveAttribute(
      'href',
      '#dsomm-report-f2f30aab-6589-4df7-94ba-89caff5813e1',
    );
    expect(
      within(sbomRow).getByRole('link', { name: external('Pipeline run') }),
    ).toHaveAttribute(
      'href',
      'https://ci.example.com/identity/auth-service/pipelines/4711',
    );

    // The attested activity: who attested it, and the link they gave.
    await userEvent.selectOptions(screen.getByLabelText('Level'), '3');
    const attested = table
      .getByRole('link', {
        name: external('Inventory of production dependencies'),
      })
      .closest('tr') as HTMLElement;
    expect(attested).toHaveTextContent(
      'Attestation: Renovate dashboard lists every production dependency',
    );
    // Without a catalog API the person shows by the name in the ref, linked, ref as tooltip.
    expect(attested).toHaveTextContent('attested by guest');
    expect(
      within(attested).getByRole('link', { name: 'guest' }),
    ).toHaveAttribute('title', 'user:default/guest');
    expect(
      within(attested).getByRole('link', { name: external('Link') }),
    ).toHaveAttribute(
      'href',
      'https://ci.example.com/identity/auth-service/renovate',
    );
  });

  it('shows the activity notes with their activities', async () => {
    const api = mockDsommApi();
    await renderContent(api);
    await userEvent.selectOptions(
      screen.getByLabelText('Dimension'),
      'Test and Verification',
    );
    await userEvent.selectOptions(screen.getByLabelText('Level'), '1');
    const row = within(activitiesTable())
      .getByRole('link', {
        name: external('Treatment of defects with high or critical severity'),
      })
      .closest('tr') as HTMLElement;
    expect(row).toHaveTextContent(
      'Does not count: 6 critical or high finding(s) open longer than the SLA',
    );
  });

  it('records an attestation with comment, link and expiry, then reloads the score', async () => {
    const api = mockDsommApi({
      createAttestation: jest.fn(async () => ({
        id: 'new',
        entityRef: 'component:default/auth-service',
        activityId: activityId('signing-of-artifacts'),
        comment: 'x',
        attestedBy: 'user:default/guest',
        attestedAt: '2026-11-23T11:00:00.000Z',
      })),
    });
    await renderContent(api);
    expect(api.getEntityScore).toHaveBeenCalledTimes(1);

    await userEvent.click(
      screen.getByRole('button', { name: 'Attest Signing of artifacts' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Attest: Signing of artifacts',
    });
    const submit = within(dialog).getByRole('button', { name: 'Attest' });
    expect(submit).toBeDisabled();
    await fill(
      within(dialog).getByRole('textbox', { name: 'Comment' }),
      'Cosign signs every image in the release pipeline',
    );
    await fill(
      within(dialog).getByRole('textbox', { name: 'Link' }),
      'https://ci.example.com/identity/auth-service/pipelines/4712',
    );
    fireEvent.change(within(dialog).getByLabelText('Expires on'), {
      target: { value: '2027-06-30' },
    });
    await userEvent.click(submit);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.createAttestation).toHaveBeenCalledWith(ref, {
      activity: activityId('signing-of-artifacts'),
      comment: 'Cosign signs every image in the release pipeline',
      link: 'https://ci.example.com/identity/auth-service/pipelines/4712',
      expiresAt: '2027-06-30',
    });
    await waitFor(() => expect(api.getEntityScore).toHaveBeenCalledTimes(2));
    expect(api.getEntityHistory).toHaveBeenCalledTimes(2);
  });

  it('says what an attestation changed once the score is read again', async () => {
    const signing = activityId('signing-of-artifacts');
    const before = fixtures.authServiceScore();
    const after = fixtures.authServiceScore();
    after.score = before.score + 0.4;
    after.activities = after.activities.map(a =>
      a.activityId === signing ? { ...a, status: 'implemented' } : a,
    );
    const api = mockDsommApi({
      getEntityScore: jest
        .fn()
        .mockResolvedValueOnce(before)
        .mockResolvedValue(after),
      createAttestation: jest.fn(async () => ({
        id: 'new',
        entityRef: 'component:default/auth-service',
        activityId: signing,
        comment: 'x',
        attestedBy: 'user:default/guest',
        attestedAt: '2026-11-23T11:00:00.000Z',
      })),
    });
    await renderContent(api);
    await userEvent.click(
      screen.getByRole('button', { name: 'Attest Signing of artifacts' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Attest: Signing of artifacts',
    });
    await fill(
      within(dialog).getByRole('textbox', { name: 'Comment' }),
      'Cosign signs every image',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Attest' }),
    );

    // The message follows the re-read score; the whole tab re-renders, slowly on a busy
    // machine, so the wait is bounded by the test's own timeout only.
    await waitFor(() => expect(api.getEntityScore).toHaveBeenCalledTimes(2));
    const status = await screen.findByRole(
      'status',
      { name: 'What changed' },
      { timeout: 100_000 },
    );
    expect(status).toHaveTextContent(
      'Attestation recorded for Signing of artifacts.',
    );
    expect(status).toHaveTextContent(
      'The activity went from missing to implemented.',
    );
    expect(status).toHaveTextContent(
      `Level stays ${after.overallLevel}; score ${before.score} -> ${after.score}.`,
    );
    await userEvent.click(
      within(status).getByRole('button', { name: 'Dismiss' }),
    );
    expect(screen.queryByRole('status', { name: 'What changed' })).toBeNull();
  });

  it('keeps the dialog open and shows the error when attesting is refused', async () => {
    const error = await responseError(
      403,
      'Forbidden',
      'Missing permission dsomm.attestation.create',
    );
    const api = mockDsommApi({
      createAttestation: jest.fn(async () => {
        throw error;
      }),
    });
    await renderContent(api);
    await userEvent.click(
      screen.getByRole('button', { name: 'Attest Signing of artifacts' }),
    );
    const dialog = await screen.findByRole('dialog');
    await fill(
      within(dialog).getByRole('textbox', { name: 'Comment' }),
      'Signed',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Attest' }),
    );

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Missing permission dsomm.attestation.create (403 Forbidden)',
    );
    expect(api.getEntityScore).toHaveBeenCalledTimes(1);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('rejects a link that is not an http(s) URL', async () => {
    const api = mockDsommApi();
    await renderContent(api);
    await userEvent.click(
      screen.getByRole('button', { name: 'Attest Signing of artifacts' }),
    );
    const dialog = await screen.findByRole('dialog');
    await fill(
      within(dialog).getByRole('textbox', { name: 'Comment' }),
      'Signed',
    );
    await fill(
      within(dialog).getByRole('textbox', { name: 'Link' }),
      'ftp://files.example.com/evidence.pdf',
    );
    expect(
      within(dialog).getByText('Enter an http or https URL'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Attest' }),
    ).toBeDisabled();
  });

  it('revokes an attestation after confirmation and reloads', async () => {
    const api = mockDsommApi();
    await renderContent(api);
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Revoke attestation of Inventory of production dependencies',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Revoke attestation: Inventory of production dependencies',
    });
    expect(dialog).toHaveTextContent(
      'Renovate dashboard lists every production dependency',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revoke' }),
    );

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.revokeAttestation).toHaveBeenCalledWith(
      ref,
      '3f0c2a41-7d0e-4c55-9a51-0c1d9e3b7a10',
    );
    await waitFor(() => expect(api.getEntityScore).toHaveBeenCalledTimes(2));
  });

  it('records and revokes waivers', async () => {
    const api = mockDsommApi({
      createWaiver: jest.fn(async () => ({
        id: 'w',
        entityRef: 'component:default/auth-service',
        activityId: activityId('blue-green-deployment'),
        justification: 'x',
        grantedBy: 'user:default/guest',
        grantedAt: '2026-11-23T11:00:00.000Z',
      })),
    });
    await renderContent(api);

    await userEvent.click(
      screen.getByRole('button', { name: 'Waive Blue/Green Deployment' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Not applicable: Blue/Green Deployment',
    });
    await fill(
      within(dialog).getByRole('textbox', { name: 'Justification' }),
      'One instance only',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record waiver' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.createWaiver).toHaveBeenCalledWith(ref, {
      activity: activityId('blue-green-deployment'),
      justification: 'One instance only',
    });
    await waitFor(() => expect(api.getEntityScore).toHaveBeenCalledTimes(2));

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Revoke waiver of Canary deployment',
      }),
    );
    const revoke = await screen.findByRole('dialog', {
      name: 'Revoke waiver: Canary deployment',
    });
    await userEvent.click(
      within(revoke).getByRole('button', { name: 'Revoke' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.revokeWaiver).toHaveBeenCalledWith(
      ref,
      'c4d5e6f7-0a1b-4c2d-9e3f-5a6b7c8d9e0f',
    );
    await waitFor(() => expect(api.getEntityScore).toHaveBeenCalledTimes(3));
  });

  it('lists next steps with why, and the uploaded reports', async () => {
    // Two more next steps than the fixture has, so that some are folded away.
    const score = fixtures.authServiceScore();
    const [first] = score.nextSteps;
    score.nextSteps.push(
      {
        ...first,
        activityId: activityId('signing-of-artifacts'),
        level: 5,
        why: 'One more step.',
      },
      {
        ...first,
        activityId: activityId('blue-green-deployment'),
        level: 5,
        why: 'And another step.',
      },
    );
    const api = mockDsommApi({ getEntityScore: jest.fn(async () => score) });
    await renderContent(api);
    const steps = within(screen.getByRole('list', { name: 'Next steps' }));
    expect(steps.getByText(first.why)).toBeInTheDocument();
    expect(
      steps.getByRole('link', {
        name: external('Coverage of hidden endpoints'),
      }),
    ).toBeInTheDocument();
    expect(steps.getAllByRole('listitem')).toHaveLength(5);
    expect(steps.queryByText('And another step.')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Show all 6' }));
    expect(steps.getAllByRole('listitem')).toHaveLength(6);
    expect(steps.getByText('And another step.')).toBeInTheDocument();

    const reports = await screen.findByRole('table', {
      name: 'Uploaded scanner reports',
    });
    const grype = within(reports)
      .getByRole('cell', { name: /^grype 0\.41\.0/ })
      .closest('tr') as HTMLElement;
    expect(grype).toHaveAttribute(
      'id',
      'dsomm-report-f2f30aab-6589-4df7-94ba-89caff5813e1',
    );
    expect(grype).toHaveTextContent('cyclonedx (json)');
    expect(within(grype).getByText('SBOM')).toBeInTheDocument();
    expect(within(grype).getByText('SCA')).toBeInTheDocument();
    expect(within(grype).getByText('4 critical')).toBeInTheDocument();
    expect(within(grype).getByText('1 high')).toBeInTheDocument();
    expect(within(grype).getByText('3 medium')).toBeInTheDocument();
    expect(grype).toHaveTextContent('2022-07-22 08:45 UTC');
    expect(grype).toHaveTextContent('by plugin:dsomm');
    expect(
      within(grype).getByRole('link', {
        name: external(
          'https://ci.example.com/identity/auth-service/pipelines/4711',
        ),
      }),
    ).toBeInTheDocument();
  });

  it('shows the score history as a chart with a text summary', async () => {
    const api = mockDsommApi();
    await renderContent(api);
    const summary =
      '5 days from 2026-11-19 to 2026-11-23: level went from 0 to 2, score went from 12.4 to 29.3. It met its target on 2026-11-23.';
    expect(
      await screen.findByText(summary, { selector: 'p' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: `Overall level and score per day ${summary}`,
      }),
    ).toBeInTheDocument();
    expect(api.getEntityHistory).toHaveBeenCalledWith(ref, 90);
  });

  it('shows empty states without history, reports or next steps', async () => {
    const score = fixtures.authServiceScore();
    score.nextSteps = [];
    const api = mockDsommApi({
      getEntityScore: jest.fn(async () => score),
      getEntityHistory: jest.fn(async () => ({
        entityRef: 'component:default/auth-service',
        history: [],
      })),
      getEntityReports: jest.fn(async () => ({
        entityRef: 'component:default/auth-service',
        reports: [],
      })),
    });
    await renderContent(api);
    expect(await screen.findByText('No history yet')).toBeInTheDocument();
    expect(screen.getByText('No scanner reports')).toBeInTheDocument();
    expect(screen.getByText('No next steps')).toBeInTheDocument();
  });

  it('shows the error when the score cannot be loaded', async () => {
    const error = await responseError(
      404,
      'Not Found',
      'No entity component:default/auth-service',
    );
    const api = mockDsommApi({
      getEntityScore: jest.fn(async () => {
        throw error;
      }),
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [dsommApiRef, api],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <EntityProvider entity={componentEntity('auth-service')}>
          <EntityDsommContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(/Request failed with 404 Not Found/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Maturity')).not.toBeInTheDocument();
  });

  it('shows the campaigns that concern the component with the activities left', async () => {
    const api = mockDsommApi({
      getEntityCampaigns: jest.fn(async () => [entityCampaign]),
    });
    await renderContent(api);

    expect(api.getEntityCampaigns).toHaveBeenCalledWith(
      'component:default/auth-service',
    );
    const section = await screen.findByRole('region', {
      name: entityCampaign.name,
    });
    expect(section).toHaveTextContent(
      'Still needed: Defined build process, Pinning of artifacts',
    );
  });
});
