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
const LIMIT = 60_000;
jest.setTimeout(LIMIT);

describe('dsomm plugin (new frontend system)', () => {
  it('serves the DSOMM page at /dsomm', async () => {
    renderTestApp({
      features: [dsommPlugin],
      apis: [
        [
          dsommApiRef,
          {
            getModel: async () => model,
            getPendingApprovals: async () => ({ requests: [] }),
          },
        ],
      ],
      initialRouteEntries: ['/dsomm'],
    });

    // The page's own title and subtitle, as text below the framework's plugin header.
    expect(
      await screen.findByRole(
        'heading',
        { name: 'DevSecOps maturity', level: 2 },
        { timeout: LIMIT },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'OWASP DevSecOps Maturity Model (DSOMM) across the organisation',
      ),
    ).toBeInTheDocument();
    // The plugin header names the page (its h1, with the plugin's title and breadcrumbs)...
    expect(
      screen.getByRole('heading', { name: 'DSOMM', level: 1 }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('navigation', { name: 'Breadcrumbs' }),
    ).toHaveTextContent('DSOMM');
    // ...and the page adds no second, legacy banner header below it.
    expect(screen.queryAllByRole('banner')).toHaveLength(0);
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(
      await screen.findByText(/OWASP DSOMM 4\.3\.1/, undefined, {
        timeout: LIMIT,
      }),
    ).toBeInTheDocument();
  });
});
