import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { MockEntityListContextProvider } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dsommApiRef } from '../../api';
import dsommPlugin from '../../alpha';
import { DsommBelowTargetFilter } from './DsommBelowTargetFilter';

jest.setTimeout(30_000);
const untilTimeout = { timeout: 60_000 };

describe('dsomm catalog filter extension (new frontend system)', () => {
  it('attaches the "DSOMM: below target" picker to the catalog page filters', async () => {
    const extension = dsommPlugin.getExtension(
      'catalog-filter:dsomm/below-target',
    );
    const getBelowTargetRefs = jest.fn(async () => ({
      entityRefs: ['component:default/alpha'],
    }));
    const tester = createExtensionTester(extension, {
      apis: [[dsommApiRef, { getBelowTargetRefs }]],
    });
    expect(tester.snapshot()).toMatchObject({
      id: 'catalog-filter:dsomm/below-target',
    });
    const updateFilters = jest.fn();
    renderInTestApp(
      <MockEntityListContextProvider value={{ updateFilters }}>
        {tester.reactElement()}
      </MockEntityListContextProvider>,
      { apis: [[dsommApiRef, { getBelowTargetRefs }]] },
    );
    await userEvent.click(
      await screen.findByRole(
        'checkbox',
        { name: 'DSOMM: below target' },
        untilTimeout,
      ),
    );
    await waitFor(
      () =>
        expect(updateFilters).toHaveBeenLastCalledWith({
          dsommBelowTarget: expect.any(DsommBelowTargetFilter),
        }),
      untilTimeout,
    );
    const filter = updateFilters.mock.lastCall[0].dsommBelowTarget;
    expect([...filter.entityRefs]).toEqual(['component:default/alpha']);
  });
});
