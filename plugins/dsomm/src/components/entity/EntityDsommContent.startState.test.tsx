import { discoveryApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { EntityScoreResponse } from '@dsomm/plugin-dsomm-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DsommApi, dsommApiRef } from '../../api';
import { EntityDsommCard } from './EntityDsommCard';
import { EntityDsommContent } from './EntityDsommContent';
import {
  componentEntity,
  fixtures,
  mockDsommApi,
} from './__testUtils__/fixtures';

jest.setTimeout(60_000);

/** data-catalog-ui as the backend answers it before any evidence exists. */
function notAssessed(): EntityScoreResponse {
  const score = fixtures.dataCatalogUiScore();
  return {
    ...score,
    assessed: false,
    activities: score.activities.map(a => ({
      ...a,
      status: 'missing',
      evidence: [],
    })),
    attestations: [],
    waivers: [],
  };
}

async function render(api: DsommApi, element: JSX.Element) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [dsommApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
        ],
        [
          discoveryApiRef,
          mockApis.discovery({ baseUrl: 'https://portal.example.com' }),
        ],
      ]}
    >
      <EntityProvider entity={componentEntity('data-catalog-ui')}>
        {element}
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('start state "Not assessed yet"', () => {
  const writeText = jest.fn(async (_: string) => undefined);
  beforeAll(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText },
      configurable: true,
    });
  });

  it('offers the three ways to start on the tab, ready to copy for this component', async () => {
    const score = notAssessed();
    const api = mockDsommApi({ getEntityScore: jest.fn(async () => score) });
    await render(api, <EntityDsommContent />);
    const panel = await screen.findByRole('region', {
      name: 'Not assessed yet',
    });
    // No red verdict while nothing was assessed, overall or per dimension.
    expect(screen.queryByText('Below target')).toBeNull();
    const dimensions = screen.getByRole('table', {
      name: 'Dimension levels against target',
    });
    expect(within(dimensions).getAllByText('Not assessed')).toHaveLength(
      score.gap.dimensions.length,
    );

    const model = fixtures.model();
    const keys = score.nextSteps
      .slice(0, 3)
      .map(s => model.activities.find(a => a.id === s.activityId)!.key);
    const snippet = `metadata:\n  annotations:\n    dsomm.owasp.org/implemented: ${keys.join(
      ',',
    )}`;
    const command =
      'npx @dsomm/dsomm-upload --url https://portal.example.com --token "$DSOMM_TOKEN" --entity component:default/data-catalog-ui <report.json>';
    // The upload command waits for the discovery API's answer.
    expect(await within(panel).findByText(command)).toBeInTheDocument();
    expect(
      within(panel).getByText(
        (_, el) => el?.tagName === 'PRE' && el.textContent === snippet,
      ),
    ).toBeInTheDocument();

    await userEvent.click(
      within(panel).getByRole('button', { name: 'Copy annotation snippet' }),
    );
    expect(writeText).toHaveBeenLastCalledWith(snippet);
    await userEvent.click(
      within(panel).getByRole('button', { name: 'Copy upload command' }),
    );
    expect(writeText).toHaveBeenLastCalledWith(command);
    expect(within(panel).getAllByText('Copied')).toHaveLength(2);

    // The third way opens the attest dialog for the first next step, with its default expiry.
    const first = model.activities.find(
      a => a.id === score.nextSteps[0].activityId,
    )!;
    await userEvent.click(
      await within(panel).findByRole('button', {
        name: `Attest ${first.name}`,
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(
        /Leave empty: expires on \d{4}-\d\d-\d\d, in 365 days/,
      ),
    ).toBeInTheDocument();
  });

  it('shows no start panel once the component is assessed', async () => {
    const api = mockDsommApi();
    await render(api, <EntityDsommContent />);
    await screen.findByRole('heading', { name: 'Maturity' });
    expect(
      screen.queryByRole('region', { name: 'Not assessed yet' }),
    ).toBeNull();
  });

  it('says "Not assessed yet" on the card instead of below target', async () => {
    const api = mockDsommApi({
      getEntityScore: jest.fn(async () => notAssessed()),
    });
    await render(api, <EntityDsommCard />);
    expect(await screen.findByText('Not assessed yet')).toBeInTheDocument();
    expect(screen.queryByText('Below target')).toBeNull();
    expect(screen.getByText(/three ways to\s+start/)).toBeInTheDocument();
  });

  it('refreshes the score and says what changed, or that it is up to date', async () => {
    const before = notAssessed();
    const after: EntityScoreResponse = {
      ...fixtures.dataCatalogUiScore(),
      assessed: true,
    };
    let current = before;
    const refreshEntity = jest.fn(async () => {
      current = after;
      return after;
    });
    const api = mockDsommApi({
      getEntityScore: jest.fn(async () => current),
      refreshEntity,
    });
    await render(api, <EntityDsommContent />);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Refresh score' }),
    );
    // The whole tab re-renders after the refresh: bounded by the test's own timeout only.
    const status = await screen.findByRole(
      'status',
      { name: 'What changed' },
      { timeout: 50_000 },
    );
    expect(within(status).getByText('Refreshed.')).toBeInTheDocument();
    expect(
      within(status).getByText('First evidence found: assessed.'),
    ).toBeInTheDocument();
    expect(refreshEntity).toHaveBeenCalledWith({
      kind: 'component',
      namespace: 'default',
      name: 'data-catalog-ui',
    });
    // The re-read score replaces the start panel.
    await waitFor(() =>
      expect(
        screen.queryByRole('region', { name: 'Not assessed yet' }),
      ).toBeNull(),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Refresh score' }),
    );
    expect(
      await screen.findByText('Up to date: the refresh changed nothing.'),
    ).toBeInTheDocument();
  });
});
