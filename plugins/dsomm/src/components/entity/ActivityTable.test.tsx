import { hasFocusRing } from '../common/__testUtils__/focusRing';
import { renderInTestApp } from '@backstage/test-utils';
import { DsommModel, ModelResponse } from '@dsomm/plugin-dsomm-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { ActivityTable } from './ActivityTable';
import { activityRows } from './activityRows';
import { activityId, fixtures } from './__testUtils__/fixtures';

// A big table in jsdom on a shared machine.
jest.setTimeout(120_000);

/** Shows the current search string, to check what the table writes into the URL. */
function Search() {
  return <output aria-label="search">{useLocation().search}</output>;
}

/** The fixture model with DSOMM's texts for one activity, and the portal's evidence rules. */
function modelWithTexts(): ModelResponse {
  const model = fixtures.model();
  const activity = model.activities.find(
    a => a.key === 'pinning-of-artifacts',
  )!;
  activity.texts = {
    description: 'Pin every artifact by its digest.',
    risk: 'Unpinned artifacts can change under you.',
    measure: 'Use digests, not tags.',
  };
  return {
    ...model,
    evidenceRules: {
      annotations: [
        { annotation: 'example.com/pinned', activityIds: [activity.id] },
        { annotation: 'example.com/other', activityIds: [] },
      ],
      reports: { sbom: [activity.id], sca: [] },
    },
  };
}

async function renderTable(
  options: {
    url?: string;
    belowTarget?: boolean;
    model?: DsommModel;
    onAttest?: (id: string) => void;
  } = {},
) {
  const rows = activityRows(
    fixtures.dataCatalogUiScore(),
    options.model ?? fixtures.model(),
  );
  await renderInTestApp(
    <>
      <ActivityTable
        rows={rows}
        belowTarget={options.belowTarget ?? true}
        onAttest={options.onAttest}
      />
      <Search />
    </>,
    { routeEntries: [options.url ?? '/'] },
  );
  return rows;
}

function rowOf(name: string) {
  return screen
    .getByRole('link', { name: new RegExp(`^${name}`) })
    .closest('tr') as HTMLElement;
}

// A modal drawer hides the rest of the page from the accessibility tree.
const search = () =>
  screen.getByRole('status', { name: 'search', hidden: true });

describe('ActivityTable', () => {
  it('opens on what the target needs when below it, and shows the rest on "All"', async () => {
    const rows = await renderTable();
    const needed = rows.filter(r => r.target === 'needed');
    expect(needed.length).toBeGreaterThan(1);
    expect(screen.getByLabelText('Status')).toHaveValue('needed');
    expect(
      screen.getByText(`${needed.length} of ${rows.length} activities`),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        `${needed.length} activities are needed for the target.`,
        { exact: false },
      ),
    ).toBeInTheDocument();
    const row = rowOf('Automated deployment process');
    expect(within(row).getByText('Missing')).toBeInTheDocument();
    expect(within(row).getByText('Needed for target')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /^Pinning of artifacts/ })).toBe(
      null,
    );

    await userEvent.selectOptions(screen.getByLabelText('Status'), '');
    expect(
      screen.getByText(`${rows.length} of ${rows.length} activities`),
    ).toBeInTheDocument();
    expect(search()).toHaveTextContent('?status=all');
  });

  it('shows missing activities above the target as grey "Beyond target", not "Missing"', async () => {
    const rows = await renderTable({ url: '/?status=beyond' });
    const beyond = rows.filter(r => r.target === 'beyond');
    expect(screen.getByLabelText('Status')).toHaveValue('beyond');
    expect(
      screen.getByText(`${beyond.length} of ${rows.length} activities`, {
        exact: false,
      }),
    ).toBeInTheDocument();
    const row = rowOf('Pinning of artifacts');
    expect(within(row).getByText('Beyond target')).toBeInTheDocument();
    expect(within(row).queryByText('Missing')).toBe(null);
    expect(within(row).queryByText('Needed for target')).toBe(null);
  });

  it('shows each activity key with a copy button, its tools, references and DSOMM page', async () => {
    const writeText = jest.fn(async () => undefined);
    Object.assign(navigator, { clipboard: { writeText } });
    await renderTable({ url: '/?status=all&q=defined-build' });
    const row = rowOf('Defined build process');
    expect(within(row).getByText('defined-build-process')).toBeInTheDocument();
    expect(within(row).getByText(/Tools: CI\/CD tools,/)).toBeInTheDocument();
    expect(
      within(row).getByText(
        'SAMM I-SB-A-1 · ISO 27001:2022 5.37, 8.32 · ISO 27001:2017 12.1.1, 14.2.2',
      ),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('link', {
        name: /^DSOMM page of Defined build process/,
      }),
    ).toHaveAttribute(
      'href',
      `https://dsomm.owasp.org/activity-description?uuid=${activityId(
        'defined-build-process',
      )}`,
    );

    await userEvent.click(
      within(row).getByRole('button', {
        name: 'Copy key defined-build-process',
      }),
    );
    expect(writeText).toHaveBeenCalledWith('defined-build-process');
    expect(await within(row).findByText('Copied')).toBeInTheDocument();
  });

  it('says so when the clipboard refuses the key', async () => {
    Object.assign(navigator, {
      clipboard: {
        writeText: jest.fn(async () => Promise.reject(new Error('denied'))),
      },
    });
    await renderTable({ url: '/?q=automated-deployment' });
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Copy key automated-deployment-process',
      }),
    );
    expect(
      await screen.findByText('Could not copy; select the key'),
    ).toBeInTheDocument();
  });

  it('opens the drawer of the activity named in the URL, with DSOMM texts and how to prove it', async () => {
    const onAttest = jest.fn();
    await renderTable({
      url: '/?status=all&activity=pinning-of-artifacts',
      model: modelWithTexts(),
      onAttest,
    });
    const drawer = await screen.findByRole('dialog', {
      name: 'Activity Pinning of artifacts',
    });
    const inDrawer = within(drawer);
    expect(
      inDrawer.getByRole('heading', { name: 'Description' }),
    ).toBeInTheDocument();
    expect(
      inDrawer.getByText('Pin every artifact by its digest.'),
    ).toBeInTheDocument();
    expect(
      inDrawer.getByText('Unpinned artifacts can change under you.'),
    ).toBeInTheDocument();
    expect(inDrawer.getByText('Use digests, not tags.')).toBeInTheDocument();
    expect(inDrawer.getByText('Beyond target')).toBeInTheDocument();
    expect(inDrawer.getByLabelText('Annotation snippet')).toHaveTextContent(
      'dsomm.owasp.org/implemented: pinning-of-artifacts',
    );
    // The portal's rules from the model answer, not the plugin's defaults.
    expect(
      inDrawer.getByText(/also counts it for a component with any of these/),
    ).toHaveTextContent(/annotations: example.com\/pinned\.$/);
    expect(
      inDrawer.getByText('Upload a SBOM report for this component.'),
    ).toBeInTheDocument();
    await userEvent.click(
      inDrawer.getByRole('button', { name: 'Attest Pinning of artifacts' }),
    );
    expect(onAttest).toHaveBeenCalledWith(activityId('pinning-of-artifacts'));

    // The drawer is a portal, outside the tab's focus ring rule: it carries its own.
    expect(hasFocusRing(inDrawer.getByRole('button', { name: 'Close' }))).toBe(
      true,
    );
    await userEvent.click(inDrawer.getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', { name: 'Activity Pinning of artifacts' }),
      ).not.toBeInTheDocument(),
    );
    expect(search()).toHaveTextContent('?status=all');
    expect(search()).not.toHaveTextContent('activity=');
  });

  it('opens the drawer from a row, writes it into the URL, and links to DSOMM without texts', async () => {
    await renderTable({ url: '/?q=software-composition-analysis-server' });
    // Needed for target is the default; this activity is beyond it.
    await userEvent.selectOptions(screen.getByLabelText('Status'), '');
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Details of Software Composition Analysis (server side)',
      }),
    );
    const drawer = await screen.findByRole('dialog', {
      name: /^Activity Software Composition Analysis/,
    });
    expect(search()).toHaveTextContent(
      'activity=software-composition-analysis-server-side',
    );
    expect(
      within(drawer).getByText(/has no DSOMM description of this activity/),
    ).toBeInTheDocument();
    expect(
      within(drawer).getByRole('link', { name: /^its DSOMM page/ }),
    ).toHaveAttribute(
      'href',
      `https://dsomm.owasp.org/activity-description?uuid=${activityId(
        'software-composition-analysis-server-side',
      )}`,
    );
    expect(
      within(drawer).getByText('Upload a SCA report for this component.'),
    ).toBeInTheDocument();
  });
});
