import { ResponseError } from '@backstage/errors';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  Activity,
  DsommModel,
  Level,
  activityUrl,
  slugify,
} from '@dsomm/plugin-dsomm-common';
import { screen, within } from '@testing-library/react';
import { DsommApi, dsommApiRef } from '../../api';
import { DsommPage } from './DsommPage';

function activity(
  id: string,
  name: string,
  dimension: string,
  subDimension: string,
  level: Level,
): Activity {
  return {
    id,
    key: slugify(name),
    name,
    dimension,
    subDimension,
    level,
    difficulty: { knowledge: 2, time: 2, resources: 2 },
    usefulness: 3,
    dependsOn: [],
    tags: [],
    references: { samm2: [], 'iso27001-2017': [], 'iso27001-2022': [] },
    tools: [],
    url: activityUrl(id),
  };
}

// A slice of DSOMM 4.3.1: two dimensions, three sub-dimensions, eight activities.
const activities: Activity[] = [
  activity(
    'f6f7737f',
    'Defined build process',
    'Build and Deployment',
    'Build',
    1,
  ),
  activity(
    'a340f46b',
    'Building and testing of artifacts in virtual environments',
    'Build and Deployment',
    'Build',
    2,
  ),
  activity(
    'f3c4971e',
    'Pinning of artifacts',
    'Build and Deployment',
    'Build',
    2,
  ),
  activity(
    '2858ac12',
    'SBOM of components',
    'Build and Deployment',
    'Build',
    2,
  ),
  activity('9f107927', 'Signing of code', 'Build and Deployment', 'Build', 3),
  activity(
    '5786959d',
    'Signing of artifacts',
    'Build and Deployment',
    'Build',
    5,
  ),
  activity(
    '0b6a1d6e',
    'Defined deployment process',
    'Build and Deployment',
    'Deployment',
    1,
  ),
  activity(
    '44f2c8e5',
    'Test for stored secrets in code',
    'Test and Verification',
    'Static depth for applications',
    1,
  ),
];

function subDimensionOf(dimension: string, name: string) {
  return {
    name,
    key: slugify(name),
    dimension,
    activityIds: activities
      .filter(a => a.dimension === dimension && a.subDimension === name)
      .map(a => a.id),
  };
}

const model: DsommModel = {
  version: '4.3.1',
  released: '2026-05-19',
  source: 'built-in',
  levels: {
    1: 'Basic understanding of security practices',
    2: 'Adoption of basic security practices',
    3: 'High adoption of security practices',
    4: 'Very high adoption of security practices',
    5: 'Advanced deployment of security practices at scale',
  },
  dimensions: [
    {
      name: 'Build and Deployment',
      key: 'build-and-deployment',
      subDimensions: [
        subDimensionOf('Build and Deployment', 'Build'),
        subDimensionOf('Build and Deployment', 'Deployment'),
      ],
    },
    {
      name: 'Test and Verification',
      key: 'test-and-verification',
      subDimensions: [
        subDimensionOf(
          'Test and Verification',
          'Static depth for applications',
        ),
      ],
    },
  ],
  activities,
};

function renderPage(api: DsommApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[dsommApiRef, api]]}>
      <DsommPage />
    </TestApiProvider>,
  );
}

/** The texts of a sub-dimension's row: name, levels 1-5, total. */
function rowTexts(subDimensionName: string) {
  const row = screen
    .getByText(subDimensionName, { selector: 'tbody th' })
    .closest('tr') as HTMLElement;
  return Array.from(row.querySelectorAll('th, td')).map(
    cell => cell.textContent,
  );
}

describe('DsommPage', () => {
  it('lists the activities per level of every sub-dimension', async () => {
    await renderPage({
      getModel: jest.fn().mockResolvedValue(model),
    } as unknown as DsommApi);

    expect(await screen.findByText('DevSecOps maturity')).toBeInTheDocument();
    expect(
      await screen.findByText(
        'OWASP DSOMM 4.3.1, released 2026-05-19 (source: built-in): 8 activities in 2 dimensions.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', {
        name: 'Activities per level in Build and Deployment',
      }),
    ).toBeInTheDocument();

    expect(rowTexts('Build')).toEqual(['Build', '1', '3', '1', '0', '1', '6']);
    expect(rowTexts('Deployment')).toEqual([
      'Deployment',
      '1',
      '0',
      '0',
      '0',
      '0',
      '1',
    ]);
    expect(rowTexts('Static depth for applications')).toEqual([
      'Static depth for applications',
      '1',
      '0',
      '0',
      '0',
      '0',
      '1',
    ]);
  });

  it('shows an error panel when the model cannot be loaded', async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'Error', message: 'model file unreadable' },
          request: { method: 'GET', url: '/api/dsomm/model' },
          response: { statusCode: 500 },
        }),
        {
          status: 500,
          statusText: 'Internal Server Error',
          headers: { 'Content-Type': 'application/json' },
        },
      ),
    );
    await renderPage({
      getModel: jest.fn().mockRejectedValue(error),
    } as unknown as DsommApi);

    const panel = await screen.findByRole('alert');
    expect(
      within(panel).getByText(
        'Error: Request failed with 500 Internal Server Error',
      ),
    ).toBeInTheDocument();
    expect(
      within(panel).getByText('model file unreadable'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
