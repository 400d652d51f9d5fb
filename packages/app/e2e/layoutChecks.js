// @ts-check
const path = require('path');
const { expectNoSeriousViolations } = require('./axe');
const { expectNoSidewaysScroll } = require('./overflow');

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').Locator} Locator */
/** @typedef {{ app: string, shots: string, token: string }} Context */

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/**
 * The component tab's activities: table rows, or one card each below the `sm` breakpoint.
 * @param {Page} page
 */
const activityRows = page =>
  page
    .locator('#dsomm-activities tbody tr')
    .or(page.getByRole('list', { name: 'Activities' }).getByRole('listitem'));

/**
 * The DSOMM pages, each with what shows it has loaded and the part axe-core checks: the whole
 * page, except on the entity overview, where only the DSOMM card is ours.
 * @type {Record<string, { path: string, ready: (page: Page) => Promise<void>, root: (page: Page) => Locator }>}
 */
const PAGES = {
  tab: {
    path: '/catalog/default/component/auth-service/dsomm',
    ready: async page => {
      await page
        .getByRole('table', {
          name: 'Implemented of applicable activities per sub-dimension and level',
        })
        .waitFor({ timeout: 60_000 });
      await activityRows(page).first().waitFor();
      await page
        .getByRole('table', { name: 'Uploaded scanner reports' })
        .waitFor();
    },
    root: page => page.locator('body'),
  },
  'start-state tab': {
    path: '/catalog/default/component/fresh-service/dsomm',
    ready: async page => {
      await page
        .getByRole('region', { name: 'Not assessed yet' })
        .waitFor({ timeout: 60_000 });
      await activityRows(page).first().waitFor();
    },
    root: page => page.locator('body'),
  },
  card: {
    path: '/catalog/default/component/auth-service',
    ready: async page => {
      await page
        .locator('.MuiCard-root')
        .filter({ hasText: 'DSOMM maturity' })
        .getByText('Next step')
        .waitFor({ timeout: 60_000 });
    },
    root: page =>
      page.locator('.MuiCard-root').filter({ hasText: 'DSOMM maturity' }),
  },
  'group roll-up tab': {
    path: '/catalog/default/group/team-payments/dsomm',
    ready: async page => {
      await page
        .getByRole('table', { name: 'Team assessment matrix' })
        .waitFor({ timeout: 60_000 });
    },
    root: page => page.locator('body'),
  },
  scorecard: {
    path: '/dsomm',
    ready: async page => {
      await page.getByText('Group by').first().waitFor({ timeout: 60_000 });
      await page.getByRole('table').first().waitFor({ timeout: 60_000 });
      // The cards and the components table load on their own: checked once none still loads.
      await page.waitForFunction(
        () => !document.querySelector('[role="progressbar"]'),
        undefined,
        { timeout: 60_000 },
      );
    },
    root: page => page.locator('body'),
  },
};

/**
 * Opens one of PAGES and waits until it has loaded.
 * @param {Page} page
 * @param {string} app
 * @param {keyof typeof PAGES} name
 */
async function open(page, app, name) {
  await page.goto(`${app}${PAGES[name].path}`);
  await PAGES[name].ready(page);
  // Cards load on their own: wait until none shows a loading bar (a progress bar without a
  // value; the score's bar has one) any more.
  await page.waitForFunction(
    () =>
      !document.querySelector('main [role="progressbar"]:not([aria-valuenow])'),
    undefined,
    { timeout: 60_000 },
  );
}

/**
 * Opens the catalog's component list and waits for the DSOMM column's levels.
 * @param {Page} page
 * @param {string} app
 */
async function openCatalog(page, app) {
  await page.goto(`${app}/catalog?filters[kind]=component`);
  await page
    .getByRole('columnheader', { name: 'DSOMM' })
    .waitFor({ timeout: 60_000 });
  await page
    .getByRole('link', { name: /^DSOMM level \d/ })
    .first()
    .waitFor({ timeout: 60_000 });
}

/**
 * @param {Page} page
 * @param {string} shots
 * @param {string} name
 */
const shoot = (page, shots, name) =>
  page.screenshot({ path: path.join(shots, name), fullPage: true });

/** @type {Array<[string, (page: Page, ctx: Context) => Promise<void>]>} */
const layoutChecks = [
  [
    'at 390 px no DSOMM page scrolls sideways (tab, start state, card, Group roll-up, scorecard)',
    async (page, { app, shots }) => {
      await page.setViewportSize(PHONE);
      /** @type {string[]} */
      const failures = [];
      for (const name of /** @type {(keyof typeof PAGES)[]} */ (
        Object.keys(PAGES)
      )) {
        await open(page, app, name);
        await expectNoSidewaysScroll(page, name).catch(error =>
          failures.push(error.message),
        );
        if (name === 'tab') await shoot(page, shots, 'tab-390.png');
        if (name === 'scorecard') await shoot(page, shots, 'scorecard-390.png');
      }
      await openCatalog(page, app);
      await shoot(page, shots, 'catalog-390.png');
      if (failures.length > 0) throw new Error(failures.join('\n'));
    },
  ],
  [
    'axe-core finds no serious or critical violation on the tab, the card and the scorecard at 1440 px',
    async (page, { app, shots }) => {
      await page.setViewportSize(DESKTOP);
      /** @type {string[]} */
      const failures = [];
      for (const name of /** @type {(keyof typeof PAGES)[]} */ ([
        'tab',
        'start-state tab',
        'card',
        'scorecard',
      ])) {
        await open(page, app, name);
        await expectNoSeriousViolations(
          page,
          name,
          PAGES[name].root(page),
        ).catch(error => failures.push(error.message));
        if (name === 'tab') await shoot(page, shots, 'tab-1440.png');
        if (name === 'scorecard')
          await shoot(page, shots, 'scorecard-1440.png');
      }
      await openCatalog(page, app);
      await shoot(page, shots, 'catalog-1440.png');
      if (failures.length > 0) throw new Error(failures.join('\n'));
    },
  ],
];

module.exports = { layoutChecks };
