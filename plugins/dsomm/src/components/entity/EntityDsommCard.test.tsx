import { hasFocusRing } from '../common/__testUtils__/focusRing';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { dsommApiRef } from '../../api';
import { EntityDsommCard } from './EntityDsommCard';
import {
  componentEntity,
  external,
  fixtures,
  mockDsommApi,
} from './__testUtils__/fixtures';

describe('EntityDsommCard', () => {
  it('shows level, target, status, score and the top next step with why', async () => {
    const api = mockDsommApi();
    await renderInTestApp(
      <TestApiProvider apis={[[dsommApiRef, api]]}>
        <EntityProvider entity={componentEntity('auth-service')}>
          <EntityDsommCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    const step = fixtures.authServiceScore().nextSteps[0];
    const name = fixtures
      .model()
      .activities.find(a => a.id === step.activityId)!.name;

    expect(await screen.findByText('Meets target')).toBeInTheDocument();
    expect(
      screen.getByText('of target 2', { exact: false }),
    ).toBeInTheDocument();
    expect(screen.getByText('29.3')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: external(name) })).toHaveAttribute(
      'target',
      '_blank',
    );
    expect(screen.getByText(step.why)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /View DSOMM details/ }),
    ).toHaveAttribute('href', '/dsomm');
    // Keyboard users see which link they are on.
    expect(
      hasFocusRing(screen.getByRole('link', { name: /View DSOMM details/ })),
    ).toBe(true);
    expect(
      hasFocusRing(screen.getByRole('link', { name: external(name) })),
    ).toBe(true);
  });

  it('says when the component is below target', async () => {
    const api = mockDsommApi({
      getEntityScore: jest.fn(async () => fixtures.dataCatalogUiScore()),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[dsommApiRef, api]]}>
        <EntityProvider entity={componentEntity('data-catalog-ui')}>
          <EntityDsommCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByText('Below target')).toBeInTheDocument();
    expect(
      screen.getByText(fixtures.dataCatalogUiScore().nextSteps[0].why),
    ).toBeInTheDocument();
  });

  it('shows the error when the score cannot be loaded', async () => {
    const api = mockDsommApi({
      getEntityScore: jest.fn(async () => {
        throw new Error('backend down');
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[dsommApiRef, api]]}>
        <EntityProvider entity={componentEntity('auth-service')}>
          <EntityDsommCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
  });
});
