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

// The page is a lazily loaded chunk: on a loaded CI machine its first render can take seconds.
jest.setTimeout(30_000);

describe('dsomm plugin (new frontend system)', () => {
  it('serves the DSOMM page at /dsomm', async () => {
    renderTestApp({
      features: [dsommPlugin],
      apis: [[dsommApiRef, { getModel: async () => model }]],
      initialRouteEntries: ['/dsomm'],
    });

    expect(
      await screen.findByRole(
        'heading',
        { name: 'DevSecOps maturity' },
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/OWASP DSOMM 4\.3\.1/, undefined, {
        timeout: 15_000,
      }),
    ).toBeInTheDocument();
  });
});
