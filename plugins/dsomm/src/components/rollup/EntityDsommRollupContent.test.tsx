import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { dsommApiRef } from '../../api';
import { external, mockDsommApi } from '../entity/__testUtils__/fixtures';
import { EntityDsommRollupContent } from './EntityDsommRollupContent';
import { entityCampaign } from '../campaigns/__testUtils__/campaignFixtures';
import {
  groupEntity,
  teamPaymentsRollupFixture,
} from './__testUtils__/rollupFixtures';

// The tab renders the whole matrix, which takes jsdom a while on a busy machine.
jest.setTimeout(30_000);

async function renderTab(overrides: Parameters<typeof mockDsommApi>[0] = {}) {
  const api = mockDsommApi({
    getRollup: jest.fn(async () => teamPaymentsRollupFixture()),
    ...overrides,
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [dsommApiRef, api],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <EntityProvider entity={groupEntity('team-payments')}>
        <EntityDsommRollupContent />
      </EntityProvider>
    </TestApiProvider>,
  );
  await screen.findByText('Team assessment');
  return api;
}

describe('EntityDsommRollupContent', () => {
  it('asks for the roll-up of the page entity', async () => {
    const api = await renderTab();
    expect(api.getRollup).toHaveBeenCalledWith({
      kind: 'group',
      namespace: 'default',
      name: 'team-payments',
    });
  });

  it('shows the figures of the roll-up', async () => {
    await renderTab();
    expect(screen.getByText('Components')).toBeInTheDocument();
    expect(screen.getByText('29%')).toBeInTheDocument();
    expect(screen.getByText('2 of 9')).toBeInTheDocument();
    expect(screen.getByText('31.4')).toBeInTheDocument();
    const levels = screen.getByRole('list', {
      name: 'Components per overall level',
    });
    expect(
      within(levels)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'Level 05 (56%)',
      'Level 13 (33%)',
      'Level 21 (11%)',
      'Level 30 (0%)',
      'Level 40 (0%)',
      'Level 50 (0%)',
    ]);
    const dimensions = screen.getByRole('table', {
      name: 'Mean level per dimension',
    });
    expect(
      within(dimensions)
        .getAllByRole('row')
        .slice(1)
        .map(row =>
          // What is shown: a heat cell's button also holds its spoken name, which is not shown.
          Array.from(row.querySelectorAll('th, td'))
            .map(
              cell => (cell.querySelector('[aria-hidden]') ?? cell).textContent,
            )
            .join(''),
        ),
    ).toEqual([
      'Build and Deployment1.32 / 3 / 4 / 0 / 0 / 0',
      'Test and Verification0.74 / 4 / 1 / 0 / 0 / 0',
    ]);
  });

  it('lists the components below target worst first, linking to their DSOMM tabs', async () => {
    await renderTab();
    expect(screen.getByText('Below target (5)')).toBeInTheDocument();
    const table = screen.getByRole('table', {
      name: 'Components below target',
    });
    const links = within(table).getAllByRole('link');
    expect(links.map(l => [l.textContent, l.getAttribute('href')])).toEqual([
      ['Payments ledger', '/catalog/default/component/payments-ledger/dsomm'],
      ['refund-worker', '/catalog/default/component/refund-worker/dsomm'],
      ['checkout-api', '/catalog/default/component/checkout-api/dsomm'],
    ]);
    expect(screen.getByText('The worst 3 of 5 are shown.')).toBeInTheDocument();
  });

  it('shows the sub-dimension by level heatmap across the components', async () => {
    await renderTab();
    const table = screen.getByRole('table', {
      name: 'Components with every applicable activity implemented, per sub-dimension and level',
    });
    const build = within(table)
      .getAllByRole('row')
      .find(row => row.querySelector('th')?.textContent === 'Build')!;
    expect(build.querySelectorAll('td')[0]).toHaveTextContent(
      '7/9 components complete, 78% of activities',
    );
  });

  it('names the activities most often missing, with key and DSOMM link', async () => {
    await renderTab();
    const list = screen.getByRole('list', {
      name: 'Activities most often missing',
    });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(
      '7 of 9 components miss Pinning of artifacts',
    );
    expect(items[0]).toHaveTextContent('pinning-of-artifacts, level 2, Build');
    expect(
      within(items[0]).getByRole('link', {
        name: external('Pinning of artifacts'),
      }),
    ).toHaveAttribute(
      'href',
      'https://dsomm.owasp.org/activity-description?uuid=f3c4971e-9f4d-4e59-8ed0-f0bdb6262477',
    );
    expect(items[1]).toHaveTextContent('4 of 9 components miss Simple Scan');
  });

  it('shows the campaigns that concern the group', async () => {
    const api = await renderTab({
      getEntityCampaigns: jest.fn(async () => [
        { ...entityCampaign, here: { ...entityCampaign.here, inScope: 2 } },
      ]),
    });
    expect(api.getEntityCampaigns).toHaveBeenCalledWith(
      'group:default/team-payments',
    );
    const card = await screen.findByRole('heading', { name: 'Campaigns' });
    expect(
      within(card.closest('.MuiCard-root') as HTMLElement).getByRole(
        'progressbar',
        { name: `${entityCampaign.name}: 0 of 2 done` },
      ),
    ).toBeInTheDocument();
  });

  it('shows no campaigns card when no campaign concerns the group', async () => {
    const api = await renderTab();
    expect(api.getEntityCampaigns).toHaveBeenCalled();
    expect(
      screen.queryByRole('heading', { name: 'Campaigns' }),
    ).not.toBeInTheDocument();
  });
});
