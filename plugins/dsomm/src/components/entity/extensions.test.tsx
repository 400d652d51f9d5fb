import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockApis } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { dsommApiRef } from '../../api';
import dsommPlugin from '../../alpha';
import {
  componentEntity,
  fixtures,
  mockDsommApi,
} from './__testUtils__/fixtures';

// The first test renders the whole tab, which takes jsdom a while.
jest.setTimeout(20_000);

const apiEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'payments', namespace: 'default' },
  spec: {},
};

describe('dsomm plugin entity extensions (new frontend system)', () => {
  it('offers a DSOMM tab for Components', async () => {
    const content = dsommPlugin.getExtension('entity-content:dsomm');
    const tester = createExtensionTester(content, {
      apis: [[dsommApiRef, mockDsommApi()]],
    });

    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('DSOMM');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter?.(componentEntity('auth-service'))).toBe(true);
    expect(filter?.(apiEntity)).toBe(false);

    renderInTestApp(
      <EntityProvider entity={componentEntity('auth-service')}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [
          [dsommApiRef, mockDsommApi()],
          [permissionApiRef, mockApis.permission()],
        ],
      },
    );
    expect(
      await screen.findByText('Coverage by sub-dimension and level'),
    ).toBeInTheDocument();
  });

  it('offers a DSOMM card for the overview of Components', async () => {
    const card = dsommPlugin.getExtension('entity-card:dsomm');
    const tester = createExtensionTester(card, {
      apis: [[dsommApiRef, mockDsommApi()]],
    });
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter?.(componentEntity('auth-service'))).toBe(true);
    expect(filter?.(apiEntity)).toBe(false);

    renderInTestApp(
      <EntityProvider entity={componentEntity('auth-service')}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[dsommApiRef, mockDsommApi()]] },
    );
    expect(await screen.findByText('DSOMM maturity')).toBeInTheDocument();
    expect(
      await screen.findByText(fixtures.authServiceScore().nextSteps[0].why),
    ).toBeInTheDocument();
  });
});
