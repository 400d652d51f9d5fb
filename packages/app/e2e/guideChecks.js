// @ts-check
const fs = require('fs');
const path = require('path');
const { BACKEND } = require('./portal');
const { expect, getJson, openDsommTab } = require('./checks');

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {{ app: string, shots: string, token: string }} Context */
/** @typedef {{ id: string, key: string, name: string }} ModelActivity */

/** The component of catalog-e2e.yaml (app-config.e2e.yaml): no evidence applies to it. */
const FRESH = 'component:default/fresh-service';
/** Its annotation declares the high/critical treatment activity (examples/). */
const DECLARING = 'user-profile-service';
const TREATMENT = 'treatment-of-defects-with-high-or-critical-severity';
/** The upload token of app-config.yaml, as a CI pipeline has it. */
const UPLOAD_TOKEN = process.env.DSOMM_UPLOAD_TOKEN ?? 'dsomm-local-dev-token';
const TRIVY_REPORT = path.resolve(
  __dirname,
  '../../../examples/reports/trivy-image.json',
);

/**
 * Lets the page use the clipboard, as a user who allowed it would.
 * @param {Page} page
 * @param {string} app
 */
async function allowClipboard(page, app) {
  await page
    .context()
    .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app });
}

/** @param {Page} page */
const readClipboard = page =>
  page.evaluate(() => navigator.clipboard.readText());

/**
 * Names of the activities the Activities card lists on its current page: each row's first
 * link is the activity's name (its own text; a hidden span adds "Opens in a new window").
 * @param {Page} page
 */
const listedActivities = page =>
  page.locator('#dsomm-activities tbody tr').evaluateAll(rows =>
    rows
      .map(row =>
        [...(row.querySelector('td a')?.childNodes ?? [])]
          .filter(node => node.nodeType === Node.TEXT_NODE)
          .map(node => node.textContent)
          .join('')
          .trim(),
      )
      .filter(Boolean),
  );

/**
 * The "N of M activities" line of the Activities card.
 * @param {Page} page
 */
async function shownOfTotal(page) {
  const text = await page
    .locator('#dsomm-activities')
    .getByText(/^\d+ of \d+ activities$/)
    .innerText();
  const [shown, total] = text.split(' ').filter(w => /^\d+$/.test(w));
  return { shown: Number(shown), total: Number(total) };
}

/** @type {Array<[string, (page: Page, ctx: Context) => Promise<void>]>} */
const guideChecks = [
  [
    'a component nobody assessed shows "Not assessed yet" on its card and tab, with three ways to start',
    async (page, { app, token }) => {
      await allowClipboard(page, app);
      await page.goto(`${app}/catalog/default/component/fresh-service`);
      const card = page
        .locator('.MuiCard-root')
        .filter({ hasText: 'DSOMM maturity' });
      await card.getByText('Not assessed yet').waitFor({ timeout: 60_000 });
      const cardText = await card.innerText();
      expect(
        cardText.includes('three ways to start'),
        `the card points to the three ways to start (${cardText})`,
      );

      await openDsommTab(page, app, 'default/component/fresh-service');
      const panel = page.getByRole('region', { name: 'Not assessed yet' });
      await panel.waitFor({ timeout: 60_000 });
      const [snippet, command] = await panel.locator('pre').allInnerTexts();
      // 1. the annotation, with real keys of the model
      /** @type {{ activities: ModelActivity[] }} */
      const model = await getJson(token, '/api/dsomm/model');
      const keys = new Set(model.activities.map(a => a.key));
      const declared = /dsomm\.owasp\.org\/implemented: (.+)$/m.exec(
        snippet ?? '',
      );
      const snippetKeys = declared ? declared[1].split(',') : [];
      expect(
        snippetKeys.length > 0 && snippetKeys.every(k => keys.has(k)),
        `the annotation snippet declares keys of the model (${snippet})`,
      );
      // 2. the upload command for this very component, copied as shown
      expect(
        command?.includes(`--entity ${FRESH}`) && command.includes(BACKEND),
        `the upload command names ${FRESH} and ${BACKEND} (${command})`,
      );
      await panel.getByRole('button', { name: 'Copy upload command' }).click();
      await panel.getByText('Copied', { exact: true }).waitFor();
      expect(
        (await readClipboard(page)) === command,
        'the copied upload command is the one shown',
      );
      // 3. attest: the guest owns the component, so the button opens the dialog
      const attest = panel.getByRole('button', { name: /^Attest / });
      await attest.click({ timeout: 10_000 });
      const dialog = page.getByRole('dialog');
      await dialog.waitFor({ timeout: 10_000 });
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    },
  ],
  [
    "an engineer copies an activity's key and gets the key shown",
    async (page, { app }) => {
      await allowClipboard(page, app);
      await openDsommTab(
        page,
        app,
        'default/component/auth-service',
        '?status=all&q=multiple analyzers',
      );
      const row = page
        .locator('#dsomm-activities tbody tr')
        .filter({ hasText: 'Usage of multiple analyzers' });
      await row.waitFor({ timeout: 60_000 });
      const shown = (await row.locator('code').first().innerText()).trim();
      expect(shown.length > 0, 'the row shows a key');
      await row.getByRole('button', { name: `Copy key ${shown}` }).click();
      await row.getByText('Copied', { exact: true }).waitFor();
      const copied = await readClipboard(page);
      expect(copied === shown, `copied "${copied}", shown "${shown}"`);
    },
  ],
  [
    'a declared activity that the latest report contradicts shows as contradicted, with both sides',
    async (page, { app }) => {
      // A CI pipeline uploads a Trivy image scan made 20 days ago: its critical finding is
      // past the 7-day SLA, while the component's annotation declares the treatment.
      const scan = JSON.parse(fs.readFileSync(TRIVY_REPORT, 'utf8'));
      scan.CreatedAt = new Date(Date.now() - 20 * 86_400_000).toISOString();
      const res = await fetch(
        `${BACKEND}/api/dsomm/reports?${new URLSearchParams({
          entity: `component:default/${DECLARING}`,
          source: 'e2e Trivy scan from 20 days ago',
        })}`,
        {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${UPLOAD_TOKEN}`,
            'Content-Type': 'application/json',
          },
          body: JSON.stringify(scan),
        },
      );
      expect(res.ok, `report upload: ${res.status} ${await res.text()}`);

      await openDsommTab(
        page,
        app,
        `default/component/${DECLARING}`,
        `?status=all&q=${TREATMENT}`,
      );
      const row = page
        .locator('#dsomm-activities tbody tr')
        .filter({ hasText: 'Treatment of defects with high or critical' });
      const note = row.getByRole('note', { name: 'Contradicted' });
      await note.waitFor({ timeout: 60_000 });
      expect(
        (await row.innerText()).includes('Contradicted'),
        'the status reads Contradicted',
      );
      const noteText = await note.innerText();
      expect(
        /Declared:\s*Annotation/.test(noteText),
        `the declared side names the annotation (${noteText})`,
      );
      expect(
        /Measured:\s*1 critical or high finding\(s\) open longer than the SLA/.test(
          noteText,
        ),
        `the measured side names the finding past its SLA (${noteText})`,
      );
    },
  ],
  [
    'a component below its target opens on "Needed for target", listing exactly what it needs',
    async (page, { app, token }) => {
      // A component below target needing a few activities (one page of the table), from the API.
      /** @type {Array<{ metadata: { name: string } }>} */
      const entities = await getJson(
        token,
        '/api/catalog/entities?filter=kind=component&fields=metadata.name',
      );
      /** @type {{ activities: ModelActivity[] }} */
      const model = await getJson(token, '/api/dsomm/model');
      const names = new Map(model.activities.map(a => [a.id, a.name]));
      /** @type {{ name: string, needed: string[] } | undefined} */
      let pick;
      for (const name of entities.map(e => e.metadata.name).sort()) {
        const score = await getJson(
          token,
          `/api/dsomm/entities/component/default/${name}`,
        );
        /** @type {string[]} */
        const needed = score.gap.dimensions.flatMap(
          (/** @type {{ missingActivityIds: string[] }} */ d) =>
            d.missingActivityIds,
        );
        if (
          score.assessed &&
          !score.meetsTarget &&
          needed.length >= 2 &&
          needed.length <= 20
        ) {
          pick = { name, needed: needed.map(id => names.get(id) ?? id) };
          break;
        }
      }
      expect(pick !== undefined, 'a component below target needs 2-20');
      const { name, needed } = /** @type {NonNullable<typeof pick>} */ (pick);

      await openDsommTab(page, app, `default/component/${name}`);
      const status = page.getByLabel('Status', { exact: true });
      await status.waitFor({ timeout: 60_000 });
      await page.locator('#dsomm-activities tbody tr').first().waitFor();
      expect(
        (await status.inputValue()) === 'needed',
        `the status filter opens on needed (${await status.inputValue()})`,
      );
      const listed = await listedActivities(page);
      expect(
        [...listed].sort().join('|') === [...needed].sort().join('|'),
        `${name} lists exactly the ${needed.length} needed: ${listed.join(
          ', ',
        )} vs ${needed.join(', ')}`,
      );
      const { shown, total } = await shownOfTotal(page);
      expect(shown === needed.length, `${shown} shown of ${needed.length}`);

      await status.selectOption({ label: 'All' });
      await page.waitForURL(/status=all/);
      await page
        .locator('#dsomm-activities')
        .getByText(`${total} of ${total} activities`)
        .waitFor();
      const all = await listedActivities(page);
      expect(
        all.some(n => !needed.includes(n)),
        `all statuses list activities beyond the needed ones (${all.length} on the first page)`,
      );
    },
  ],
];

module.exports = { guideChecks };
