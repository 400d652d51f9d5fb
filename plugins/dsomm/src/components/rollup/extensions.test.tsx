import { hasFocusRing } from '../common/__testUtils__/focusRing';
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
  external,
  mockDsommApi,
} from '../entity/__testUtils__/fixtures';
import {
  groupEntity,
  teamPaymentsRollupFixture,
} from './__testUtils__/rollupFixtures';

jest.setTimeout(30_000);

const systemEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { owner: 'team-payments' },
};
const domainEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Domain',
  metadata: { name: 'commerce', namespace: 'default' },
  spec: { owner: 'team-payments' },
};

const api = () =>
  mockDsommApi({ getRollup: jest.fn(async () => teamPaymentsRollupFixture()) });

describe('dsomm roll-up extensions (new frontend system)', () => {
  it('offers a DSOMM tab for Groups, Systems and Domains, not Components', async () => {
    const content = dsommPlugin.getExtension('entity-content:dsomm/rollup');
    const tester = createExtensionTester(content, {
      apis: [[dsommApiRef, api()]],
    });
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('DSOMM');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter?.(groupEntity('team-payments'))).toBe(true);
    expect(filter?.(systemEntity)).toBe(true);
    expect(filter?.(domainEntity)).toBe(true);
    expect(filter?.(componentEntity('auth-service'))).toBe(false);

    renderInTestApp(
      <EntityProvider entity={groupEntity('team-payments')}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [
          [dsommApiRef, api()],
          [permissionApiRef, mockApis.permission()],
        ],
      },
    );
    expect(await screen.findByText('Team assessment')).toBeInTheDocument();
  });

  it('offers a roll-up card with the figures and the activity most often missing', async () => {
    const card = dsommPlugin.getExtension('entity-card:dsomm/rollup');
    const tester = createExtensionTester(card, {
      apis: [[dsommApiRef, api()]],
    });
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter?.(systemEntity)).toBe(true);
    expect(filter?.(componentEntity('auth-service'))).toBe(false);

    renderInTestApp(
      <EntityProvider entity={groupEntity('team-payments')}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[dsommApiRef, api()]] },
    );
    expect(await screen.findByText('DSOMM maturity below')).toBeInTheDocument();
    expect(await screen.findByText('29%')).toBeInTheDocument();
    expect(screen.getByText('2 of 9')).toBeInTheDocument();
    expect(
      screen.getByText(/7 of 9 components miss/).closest('p'),
    ).toHaveTextContent(
      /^7 of 9 components miss Pinning of artifacts.* \(level 2, Build\)$/,
    );
    expect(
      screen.getByRole('link', { name: external('Pinning of artifacts') }),
    ).toHaveAttribute(
      'href',
      'https://dsomm.owasp.org/activity-description?uuid=f3c4971e-9f4d-4e59-8ed0-f0bdb6262477',
    );
    expect(
      screen.getByRole('link', { name: external('View DSOMM roll-up') }),
    ).toBeInTheDocument();
    expect(
      hasFocusRing(
        screen.getByRole('link', { name: external('View DSOMM roll-up') }),
      ),
    ).toBe(true);
  });
});
