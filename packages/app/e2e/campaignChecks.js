// @ts-check
const path = require('path');
const { expectNoSeriousViolations } = require('./axe');
const { expect } = require('./checks');

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {{ app: string, shots: string, token: string }} Context */

/** A date `days` from today as the date input takes it (YYYY-MM-DD). */
function dayFromNow(/** @type {number} */ days) {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000)
    .toISOString()
    .slice(0, 10);
}

/** @type {Array<[string, (page: Page, context: Context) => Promise<void>]>} */
const campaignChecks = [
  [
    'a campaign manager creates a campaign from the scorecard and sees its burn-up',
    async (page, { app, shots }) => {
      await page.goto(`${app}/dsomm`);
      await page
        .getByRole('button', { name: 'Campaigns', exact: true })
        .click({ timeout: 60_000 });
      await page.waitForURL(/\/dsomm\/campaigns$/);
      await page
        .getByRole('button', { name: 'New campaign' })
        .click({ timeout: 60_000 });
      const dialog = page.getByRole('dialog', { name: 'New campaign' });
      const name = `Level 2 everywhere ${Date.now()}`;
      await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
      await dialog
        .getByRole('textbox', { name: 'Campaign owner' })
        .fill('group:default/security');
      await dialog.getByLabel('Deadline').fill(dayFromNow(30));
      await expectNoSeriousViolations(page, 'the new campaign form', dialog);
      await dialog.getByRole('button', { name: 'Create' }).click();

      // The page opens the new campaign.
      await page.waitForURL(/\/dsomm\/campaigns\/[^/]+$/, { timeout: 30_000 });
      await page.getByRole('heading', { name }).waitFor({ timeout: 30_000 });
      const chart = page.getByRole('img', { name: /^Burn-up chart/ });
      await chart.waitFor({ timeout: 30_000 });
      expect(
        (await chart.getAttribute('aria-label'))?.includes(
          `the deadline is ${dayFromNow(30)}`,
        ) === true,
        'the burn-up names the deadline',
      );
      await page
        .getByRole('table', { name: 'Components and what they still need' })
        .waitFor();
      await page.screenshot({
        path: path.join(shots, 'campaign.png'),
        fullPage: true,
      });
      await expectNoSeriousViolations(
        page,
        'the campaign view',
        page.locator('body'),
      );

      // Archived, it leaves the list of live campaigns.
      await page.getByRole('button', { name: 'Archive' }).click();
      await page.getByRole('button', { name: 'Restore' }).waitFor();
      await page.getByRole('button', { name: 'All campaigns' }).click();
      await page
        .getByRole('table', { name: 'Campaigns' })
        .or(page.getByText('No campaigns yet'))
        .first()
        .waitFor({ timeout: 30_000 });
      expect(
        (await page.getByRole('link', { name }).count()) === 0,
        'the archived campaign is not listed',
      );
      await expectNoSeriousViolations(
        page,
        'the campaigns list',
        page.locator('body'),
      );
    },
  ],
];

module.exports = { campaignChecks };
