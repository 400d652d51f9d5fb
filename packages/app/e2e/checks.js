// @ts-check
const fs = require('fs');
const path = require('path');

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {{ app: string, shots: string, token: string }} Context */

/**
 * @param {boolean} condition
 * @param {string} message
 */
function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** @type {Array<[string, (page: Page, ctx: Context) => Promise<void>]>} */
const checks = [
  [
    'an engineer opens a component and its DSOMM tab: heatmap and report evidence',
    async (page, { app, shots }) => {
      await page.goto(`${app}/catalog/default/component/auth-service`);
      await page.getByText('auth-service').first().waitFor({ timeout: 60_000 });
      await page.screenshot({
        path: path.join(shots, 'entity-overview.png'),
        fullPage: true,
      });
      // The entity page's tabs (not the sidebar's DSOMM item, which is the scorecard).
      const tab = page.getByRole('tab', { name: 'DSOMM' });
      await ((await tab.count()) > 0
        ? tab
        : page.getByRole('link', { name: 'DSOMM', exact: true }).last()
      ).click();
      await page.waitForURL(
        /\/catalog\/default\/component\/auth-service\/dsomm/,
        {
          timeout: 30_000,
        },
      );
      const heatmap = page.getByRole('table', {
        name: 'Implemented of applicable activities per sub-dimension and level',
      });
      await heatmap.waitFor({ timeout: 60_000 });
      const heatmapText = await heatmap.innerText();
      expect(
        heatmapText.includes('Build'),
        'heatmap lists the Build sub-dimension',
      );
      expect(
        /\d+\/\d+/.test(heatmapText),
        'heatmap cells show implemented/applicable',
      );
      const reports = page.getByRole('table', {
        name: 'Uploaded scanner reports',
      });
      await reports.waitFor({ timeout: 30_000 });
      const reportsText = await reports.innerText();
      expect(reportsText.includes('Semgrep'), 'the Semgrep report is listed');
      // an activity whose evidence is an uploaded report: two SAST tools' reports
      await page
        .getByPlaceholder('Activity or sub-dimension')
        .fill('multiple analyzers');
      const row = page
        .getByRole('row')
        .filter({ hasText: 'Usage of multiple analyzers' })
        .filter({ hasText: /Report [0-9a-f]{8}/ });
      await row.first().waitFor({ timeout: 30_000 });
      await page.screenshot({
        path: path.join(shots, 'entity-dsomm-tab.png'),
        fullPage: true,
      });
    },
  ],
  [
    'a manager opens the scorecard, filters by tier and exports CSV',
    async (page, { app, shots }) => {
      await page.goto(`${app}/dsomm`);
      await page.getByText('Group by').first().waitFor({ timeout: 60_000 });
      await page.screenshot({
        path: path.join(shots, 'scorecard.png'),
        fullPage: true,
      });
      // Group by, owner, system, domain, tier, kind, lifecycle: the tier select is the fifth.
      const tierSelect = page
        .getByRole('group', { name: 'Scorecard filters' })
        .locator('[role="button"]')
        .nth(4);
      await tierSelect.click();
      await page.getByRole('option', { name: 'critical' }).click();
      await page.keyboard.press('Escape');
      await page.waitForURL(/tier=critical/, { timeout: 30_000 });
      const components = page
        .getByRole('row')
        .filter({ hasText: 'payments-api' });
      await components.first().waitFor({ timeout: 30_000 });
      expect(
        (await page
          .getByRole('row')
          .filter({ hasText: 'cost-explorer' })
          .count()) === 0,
        'an experimental component is filtered out',
      );
      await page.screenshot({
        path: path.join(shots, 'scorecard-critical.png'),
        fullPage: true,
      });
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 30_000 }),
        page.getByRole('button', { name: /export csv/i }).click(),
      ]);
      const file = path.join(shots, 'scorecard-critical.csv');
      await download.saveAs(file);
      const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
      expect(lines[0].startsWith('entityRef,'), `CSV header, got ${lines[0]}`);
      const tierColumn = lines[0].split(',').indexOf('tier');
      expect(
        lines.length === 11,
        `10 critical components exported, got ${lines.length - 1}`,
      );
      for (const line of lines.slice(1)) {
        expect(
          line.split(',')[tierColumn] === 'critical',
          `only critical rows: ${line}`,
        );
      }
    },
  ],
];

module.exports = { checks };
