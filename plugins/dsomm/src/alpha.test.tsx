import { renderTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { DsommModel } from '@dsomm/plugin-dsomm-common';
import { dsommApiRef } from './api';
import dsommPlugin from './alpha';

const model: DsommModel = {
  version: '4.3.1',
  source: 'built-in',
  levels: { 1: 'one', 2: 'two', 3: 'three', 4: 'four', 5: 'five' },
  dimensions: [
    {
      name: 'Build and Deployment',
      key: 'build-and-deployment',
      subDimensions: [
        {
          name: 'Build',
          key: 'build',
          dimension: 'Build and Deployment',
          activityIds: [],
        },
      ],
    },
  ],
  activities: [],
};

// The page is a lazily loaded chunk: on a loaded, shared machine its first render can take
// tens of seconds. The finds wait as long as the test may run: the jest timeout is the limit.
const LIMIT = 120_000;
jest.setTimeout(LIMIT);

describe('dsomm plugin (new frontend system)', () => {
  it('serves the DSOMM page at /dsomm', async () => {
    renderTestApp({
      features: [dsommPlugin],
      apis: [[dsommApiRef, { getModel: async () => model }]],
      initialRouteEntries: ['/dsomm'],
    });

    // The framework's plugin header with the plugin's title, then the page's own title.
    const header = await screen.findByRole('banner', {}, { timeout: LIMIT });
    expect(header).toHaveTextContent('DSOMM');
    expect(
      await screen.findByRole(
        'heading',
        { name: 'DevSecOps maturity', level: 1 },
        { timeout: LIMIT },
      ),
    ).toBeInTheDocument();
    // One header only: the page does not add the legacy banner header below the plugin's.
    expect(screen.getAllByRole('banner')).toHaveLength(1);
    expect(
      await screen.findByText(/OWASP DSOMM 4\.3\.1/, undefined, {
        timeout: LIMIT,
      }),
    ).toBeInTheDocument();
  });
});
