import { EntityScoreResponse } from '@dsomm/plugin-dsomm-common';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dsommApiRef } from '../../api';
import { EntityDsommContent } from './EntityDsommContent';
import {
  activityId,
  componentEntity,
  external,
  fixtures,
  mockDsommApi,
} from './__testUtils__/fixtures';

const TEAM = 'group:default/team-payments';

/**
 * The auth-service answer with evidence from scopes, as the backend tags it: a group
 * attestation on a missing activity, organisation-wide evidence on another, and a group
 * annotation next to the component's own annotation on a third.
 */
function scopedScore(): EntityScoreResponse {
  const score = fixtures.authServiceScore();
  const byKey = (key: string) => {
    const id = activityId(key);
    const activity = score.activities.find(a => a.activityId === id);
    if (!activity) throw new Error(`No ${key} in the fixture score`);
    return activity;
  };
  const artifacts = byKey('signing-of-artifacts');
  artifacts.status = 'implemented';
  artifacts.evidence = [
    {
      activityId: artifacts.activityId,
      source: 'attestation',
      observedAt: '2026-11-20T09:00:00Z',
      expiresAt: '2099-02-18T00:00:00Z',
      details: {
        actor: 'user:default/alice-moreau',
        summary: 'Artifacts are signed in the shared pipeline',
        evidenceId: 'scope-attestation-1',
      },
      scope: TEAM,
    },
  ];
  const rolling = byKey('rolling-update-on-deployment');
  rolling.status = 'implemented';
  rolling.evidence = [
    {
      activityId: rolling.activityId,
      source: 'annotation',
      observedAt: '2026-11-21T00:00:00Z',
      details: { summary: 'Listed in dsomm.organization.implemented' },
      scope: 'organization',
    },
  ];
  const build = byKey('defined-build-process');
  build.evidence = [
    ...build.evidence,
    {
      activityId: build.activityId,
      source: 'annotation',
      observedAt: '2026-11-21T00:00:00Z',
      details: {
        summary: 'Listed in the dsomm.owasp.org/implemented annotation',
      },
      scope: TEAM,
    },
  ];
  return score;
}

async function renderScoped() {
  const api = mockDsommApi({
    getEntityScore: jest.fn(async () => scopedScore()),
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [dsommApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
        ],
      ]}
    >
      <EntityProvider entity={componentEntity('auth-service')}>
        <EntityDsommContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: {} },
  );
  await screen.findByRole('heading', { name: 'Maturity' });
  await screen.findAllByRole('button', { name: /^Attest / });
}

function activitiesTable() {
  return within(
    screen
      .getByRole('heading', { name: 'Activities' })
      .closest('.MuiPaper-root') as HTMLElement,
  );
}

function activityRow(name: string) {
  return activitiesTable()
    .getByRole('link', { name: external(name) })
    .closest('tr') as HTMLElement;
}

/** Types into the name filter in one go (typing key by key is slow in this big tree). */
async function fill(text: string) {
  await userEvent.click(screen.getByRole('textbox', { name: 'Name' }));
  await userEvent.paste(text);
}

// The whole tab renders in each test, which takes jsdom a while.
jest.setTimeout(120_000);

describe('EntityDsommContent with inherited evidence', () => {
  it('shows inherited evidence apart, with its scope, who, when, expiry and a link', async () => {
    await renderScoped();
    await fill('signing of artifacts');
    const row = within(activityRow('Signing of artifacts'));
    expect(row.getByText('Implemented')).toBeInTheDocument();
    const inherited = within(
      row.getByRole('list', {
        name: 'Inherited evidence of Signing of artifacts',
      }),
    );
    // under its own heading, apart from the component's evidence
    expect(row.getByText('Inherited')).toBeInTheDocument();
    const link = inherited.getByRole('link', { name: 'group team-payments' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/group/team-payments',
    );
    expect(link.closest('div')).toHaveTextContent(/^From group team-payments$/);
    // The person by name (no catalog user here, so the ref's name), linked, the ref as tooltip.
    const person = inherited.getByRole('link', { name: 'alice-moreau' });
    expect(person).toHaveAttribute('title', 'user:default/alice-moreau');
    expect(person.closest('span')).toHaveTextContent(
      /^attested by\s*alice-moreau$/,
    );
    expect(inherited.getByText('2026-11-20')).toBeInTheDocument();
    expect(inherited.getByText('expires 2099-02-18')).toBeInTheDocument();
    // It is revoked on the group, not here.
    expect(
      row.queryByRole('button', { name: /^Revoke/ }),
    ).not.toBeInTheDocument();
  });

  it('links organisation-wide evidence to the DSOMM scorecard', async () => {
    await renderScoped();
    await fill('rolling update');
    const row = within(activityRow('Rolling update on deployment'));
    const link = row.getByRole('link', { name: 'the organisation' });
    expect(link).toHaveAttribute('href', '/dsomm');
    expect(
      row.getByText('Listed in dsomm.organization.implemented', {
        exact: false,
      }),
    ).toBeInTheDocument();
  });

  it("keeps the component's own evidence first, the inherited below its heading", async () => {
    await renderScoped();
    await fill('defined build');
    const row = activityRow('Defined build process');
    const items = within(row).getAllByText(
      'Listed in the dsomm.owasp.org/implemented annotation',
      { exact: false },
    );
    expect(items).toHaveLength(2);
    const inherited = within(row).getByRole('list', {
      name: 'Inherited evidence of Defined build process',
    });
    expect(inherited).not.toContainElement(items[0]);
    expect(inherited).toContainElement(items[1]);
  });

  it('sums up what is inherited and filters by origin', async () => {
    await renderScoped();
    const implemented = scopedScore().activities.filter(
      a => a.status === 'implemented',
    ).length;
    const total = scopedScore().activities.length;
    // Defined build process has its own annotation too, so it is the component's own.
    expect(screen.getByTestId('dsomm-inheritance-summary')).toHaveTextContent(
      `2 of ${implemented} implemented activities are inherited: 1 from group team-payments, 1 from the organisation.`,
    );

    await userEvent.selectOptions(
      screen.getByLabelText('Evidence'),
      'inherited',
    );
    expect(screen.getByText(`3 of ${total} activities`)).toBeInTheDocument();
    for (const name of [
      'Signing of artifacts',
      'Rolling update on deployment',
      'Defined build process',
    ]) {
      expect(activityRow(name)).toBeInTheDocument();
    }

    await userEvent.selectOptions(screen.getByLabelText('Evidence'), 'own');
    expect(
      activitiesTable().queryByRole('link', {
        name: external('Signing of artifacts'),
      }),
    ).not.toBeInTheDocument();
    expect(
      activitiesTable().getByRole('link', {
        name: external('Defined build process'),
      }),
    ).toBeInTheDocument();
  });

  it('says when nothing is inherited', async () => {
    const api = mockDsommApi();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [dsommApiRef, api],
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.DENY }),
          ],
        ]}
      >
        <EntityProvider entity={componentEntity('auth-service')}>
          <EntityDsommContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    const summary = await screen.findByTestId('dsomm-inheritance-summary');
    const implemented = fixtures
      .authServiceScore()
      .activities.filter(a => a.status === 'implemented').length;
    expect(summary).toHaveTextContent(
      `All ${implemented} implemented activities are the component's own`,
    );
    expect(
      screen.queryByRole('list', { name: /^Inherited evidence of/ }),
    ).not.toBeInTheDocument();
  });
});
