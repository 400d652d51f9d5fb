import { GroupKpis } from '@dsomm/plugin-dsomm-common';
import { ScorecardRequest } from '../../api';
import { screen, within } from '@testing-library/react';
import { Scorecard } from './Scorecard';
import {
  fixtureFor,
  mockDsommApi,
  renderWithApi,
} from './__testUtils__/testApi';

jest.setTimeout(120_000);

const kpis = (over: Partial<GroupKpis>): GroupKpis => ({
  windowDays: 90,
  mttrDays: { critical: 12.25, high: 30, medium: null, low: null },
  openPastSla: { critical: 1, high: 4, medium: 2, low: null },
  automatedShare: 0.625,
  criticalMisconfigurations: 3,
  ...over,
});

const ORG = kpis({});
const IDENTITY = kpis({
  openPastSla: { critical: 0, high: 2, medium: 1, low: null },
  automatedShare: 0.5,
});

/** The saved answers with KPIs: the organisation's, and team-identity's. */
function withKpis(request: ScorecardRequest) {
  const answer = fixtureFor(request);
  return {
    ...answer,
    kpis: ORG,
    total: { ...answer.total, kpis: ORG },
    groups: answer.groups.map(g =>
      g.key === 'group:default/team-identity' ? { ...g, kpis: IDENTITY } : g,
    ),
  };
}

const point = (day: string, k: Partial<Record<string, number | null>>) => ({
  day,
  count: 34,
  meetingTarget: 5,
  shareMeetingTarget: 0.15,
  kpis: {
    openPastSla: null,
    criticalMisconfigurations: null,
    automatedShare: null,
    mttrDays: null,
    ...k,
  },
});

describe('Scorecard outcomes', () => {
  it('shows the organisation’s KPIs with how they moved, and KPI columns per group', async () => {
    const api = mockDsommApi({
      getScorecard: jest.fn(async (request: ScorecardRequest) =>
        withKpis(request),
      ) as any,
      getScorecardTrend: jest.fn().mockResolvedValue({
        points: [
          // A day before the KPIs were kept: no arrow starts there.
          point('2026-11-20', {}),
          point('2026-11-21', {
            openPastSla: 9,
            criticalMisconfigurations: 3,
            automatedShare: 0.5,
            mttrDays: 20,
          }),
          point('2026-11-23', {
            openPastSla: 7,
            criticalMisconfigurations: 3,
            automatedShare: 0.625,
            mttrDays: 21.5,
          }),
        ],
      }),
    });
    await renderWithApi(<Scorecard />, api);

    const pastSla = await screen.findByRole('group', { name: 'open past SLA' });
    expect(within(pastSla).getByText('7')).toBeInTheDocument();
    expect(
      within(pastSla).getByText('critical 1 · high 4 · medium 2'),
    ).toBeInTheDocument();
    expect(
      await within(pastSla).findByText('↓ down 2 since 2026-11-21 (was 9)'),
    ).toBeInTheDocument();

    const misconfigurations = screen.getByRole('group', {
      name: 'critical misconfigurations',
    });
    expect(within(misconfigurations).getByText('3')).toBeInTheDocument();
    expect(
      within(misconfigurations).getByText('→ unchanged since 2026-11-21'),
    ).toBeInTheDocument();

    const automated = screen.getByRole('group', {
      name: 'proven by automation',
    });
    expect(within(automated).getByText('63%')).toBeInTheDocument();
    expect(
      within(automated).getByText('↑ up 13 points since 2026-11-21 (was 50%)'),
    ).toBeInTheDocument();

    const mttr = screen.getByRole('group', {
      name: 'mean time to fix critical findings',
    });
    expect(within(mttr).getByText('12.3 d')).toBeInTheDocument();
    expect(
      within(mttr).getByText('critical 12.3 d · high 30 d · medium – · low –'),
    ).toBeInTheDocument();
    expect(
      within(mttr).getByText(
        'all severities: ↑ up 1.5 since 2026-11-21 (was 20)',
      ),
    ).toBeInTheDocument();

    const table = screen.getByRole('table', { name: 'Scorecard by owner' });
    const cells = (name: string) => {
      const row = within(table)
        .getByText(name, { selector: 'th, th *' })
        .closest('tr') as HTMLElement;
      return Array.from(row.querySelectorAll('th, td')).map(
        cell => (cell.querySelector('[aria-hidden]') ?? cell).textContent,
      );
    };
    // Owner, components, meeting target, mean score, open past SLA, automated share.
    expect(cells('team-identity').slice(4, 6)).toEqual(['3', '50%']);
    expect(cells('All').slice(4, 6)).toEqual(['7', '63%']);
    // One fetch serves the strip's arrows and the trend card.
    expect(
      await screen.findByText(/components met their target/),
    ).toBeInTheDocument();
    expect(api.getScorecardTrend).toHaveBeenCalledTimes(1);
  });

  it('shows the figures without arrows when the trend has no KPI history', async () => {
    const api = mockDsommApi({
      getScorecard: jest.fn(async (request: ScorecardRequest) =>
        withKpis(request),
      ) as any,
      getScorecardTrend: jest.fn().mockResolvedValue({ points: [] }),
    });
    await renderWithApi(<Scorecard />, api);
    const pastSla = await screen.findByRole('group', { name: 'open past SLA' });
    expect(within(pastSla).getByText('7')).toBeInTheDocument();
    expect(within(pastSla).queryByText(/since/)).toBeNull();
  });

  it('leaves the strip out for a backend that answers no KPIs', async () => {
    const api = mockDsommApi();
    await renderWithApi(<Scorecard />, api);
    await screen.findByRole('table', { name: 'Scorecard by owner' });
    expect(screen.queryByRole('group', { name: 'open past SLA' })).toBeNull();
  });
});
