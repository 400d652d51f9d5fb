import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { NextStepsCard } from './NextStepsCard';
import { fixtures } from './__testUtils__/fixtures';

jest.setTimeout(60_000);

function Search() {
  return <output aria-label="search">{useLocation().search}</output>;
}

async function renderCard(neededCount: number, url = '/') {
  const score = fixtures.dataCatalogUiScore();
  await renderInTestApp(
    <>
      <NextStepsCard
        nextSteps={score.nextSteps}
        model={fixtures.model()}
        neededCount={neededCount}
      />
      <Search />
    </>,
    { routeEntries: [url] },
  );
  return score;
}

describe('NextStepsCard', () => {
  it('shows each step with its key, copy button, references and DSOMM page', async () => {
    const score = await renderCard(3);
    const model = fixtures.model();
    const step = score.nextSteps[0];
    const activity = model.activities.find(a => a.id === step.activityId)!;
    const item = screen
      .getByRole('link', { name: new RegExp(`^${activity.name}`) })
      .closest('li') as HTMLElement;
    expect(within(item).getByText(activity.key)).toBeInTheDocument();
    expect(
      within(item).getByRole('button', { name: `Copy key ${activity.key}` }),
    ).toBeInTheDocument();
    expect(
      within(item).getByText(
        new RegExp(`^SAMM ${activity.references.samm2[0]}`),
      ),
    ).toBeInTheDocument();
    expect(
      within(item).getByRole('link', {
        name: new RegExp(`^DSOMM page of ${activity.name}`),
      }),
    ).toHaveAttribute('href', activity.url);
  });

  it('opens a step in the detail drawer through the URL', async () => {
    const score = await renderCard(3, '/?status=missing');
    const step = score.nextSteps[0];
    const key = fixtures
      .model()
      .activities.find(a => a.id === step.activityId)!.key;
    await userEvent.click(
      screen.getAllByRole('button', { name: /^Details of / })[0],
    );
    expect(screen.getByRole('status', { name: 'search' })).toHaveTextContent(
      `?status=missing&activity=${key}`,
    );
  });

  it('links to every activity needed for the target, beyond the steps listed', async () => {
    await renderCard(16, '/?status=beyond&level=3&activity=x');
    await userEvent.click(
      screen.getByRole('button', { name: 'Show all 16 needed for target' }),
    );
    // Other filters would hide some of what is needed: only the status filter remains.
    expect(screen.getByRole('status', { name: 'search' })).toHaveTextContent(
      /^\?status=needed$/,
    );
  });

  it('offers no needed-for-target link when the target needs nothing more', async () => {
    await renderCard(0);
    expect(screen.queryByRole('button', { name: /needed for target/ })).toBe(
      null,
    );
  });
});
