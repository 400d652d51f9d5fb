// @ts-check
/* eslint-disable no-console */
const fs = require('fs');
const path = require('path');
const { waitFor, BACKEND } = require('./portal');

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {{ app: string, shots: string, token: string }} Context */

/**
 * @param {boolean} condition
 * @param {string} message
 */
function expect(condition, message) {
  if (!condition) throw new Error(message);
}

const TEAM = 'group:default/team-payments';

/** @typedef {{ id: string, key: string, name: string, level: number }} ModelActivity */
/** @typedef {{ scope?: string, details?: { actor?: string } }} Evidence */
/** @typedef {{ activityId: string, status: string, evidence: Evidence[] }} ScoredActivity */
/** @typedef {{ activities: ScoredActivity[] }} Score */

/**
 * @param {string} token
 * @param {string} urlPath
 * @returns {Promise<any>}
 */
async function getJson(token, urlPath) {
  const res = await fetch(`${BACKEND}${urlPath}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`GET ${urlPath}: ${res.status}`);
  return res.json();
}

/**
 * Opens the DSOMM tab of an entity page (the entity page's tab, not the sidebar's scorecard).
 * @param {Page} page
 * @param {string} app
 * @param {string} entityPath e.g. `default/component/auth-service`
 * @param {string} [query] e.g. `?status=all`
 */
async function openDsommTab(page, app, entityPath, query = '') {
  await page.goto(`${app}/catalog/${entityPath}/dsomm${query}`);
  await page.waitForURL(new RegExp(`/catalog/${entityPath}/dsomm`), {
    timeout: 30_000,
  });
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
      // The entity page's tab, not the sidebar's DSOMM item (the scorecard), which comes first
      // in the page and is there before the entity's tabs: wait for the tab itself, or a loaded
      // page's click lands on the sidebar.
      const tab = page
        .getByRole('tab', { name: 'DSOMM' })
        .or(page.getByRole('link', { name: 'DSOMM', exact: true }).nth(1))
        .first();
      await tab.waitFor({ timeout: 60_000 });
      await tab.click();
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
      // Outcomes: the KPIs from the lifecycle of the uploaded reports' findings.
      const outcomes = page.getByRole('table', {
        name: 'Time to fix and open past SLA, by severity',
      });
      await outcomes.waitFor({ timeout: 30_000 });
      const outcomesText = await outcomes.innerText();
      expect(
        /critical[\s\S]*high[\s\S]*medium[\s\S]*low/.test(outcomesText),
        `the outcomes table lists the four severities: ${outcomesText}`,
      );
      const scans = await page.getByText(/^Last scans: /).innerText();
      expect(
        /SAST (today|[\d.]+ days? ago)/.test(scans),
        `the SAST reports show among the last scans: ${scans}`,
      );
      // an activity whose evidence is an uploaded report: two SAST tools' reports (all
      // statuses: below target the table opens on "Needed for target" only)
      await page
        .getByLabel('Status', { exact: true })
        .selectOption({ label: 'All' });
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
  [
    "the scorecard's Outcomes strip shows the organisation's KPIs, as the components' own KPIs add up",
    async (page, { app, shots, token }) => {
      // Every scored component the scorecard counts, and each one's KPIs as its tab shows them.
      const scorecard = await getJson(token, '/api/dsomm/scorecard?limit=500');
      expect(
        scorecard.rows.length === scorecard.totalRows,
        `one page holds every row: ${scorecard.rows.length} of ${scorecard.totalRows}`,
      );
      const kpis = await Promise.all(
        scorecard.rows.map(
          (
            /** @type {{ kind: string, namespace: string, name: string }} */ r,
          ) =>
            getJson(
              token,
              `/api/dsomm/entities/${r.kind}/${r.namespace}/${r.name}`,
            ).then(score => score.kpis),
        ),
      );
      const severities = ['critical', 'high', 'medium', 'low'];
      const pastSla = kpis.reduce(
        (n, k) =>
          n + severities.reduce((m, s) => m + (k.openPastSla[s] ?? 0), 0),
        0,
      );
      const misconfigurations = kpis.reduce(
        (n, k) => n + k.criticalMisconfigurations,
        0,
      );
      // The uploads of the earlier checks left tracked findings to count.
      const tracked = kpis.filter(
        k =>
          severities.some(s => (k.openPastSla[s] ?? 0) > 0) ||
          severities.some(s => k.mttrDays[s] !== null) ||
          k.criticalMisconfigurations > 0,
      ).length;
      console.log(
        `    example portal KPIs: open past SLA ${pastSla}, critical misconfigurations ${misconfigurations}, automated share ${
          scorecard.kpis.automatedShare
        }, MTTR ${JSON.stringify(
          scorecard.kpis.mttrDays,
        )}; components with tracked findings ${tracked}`,
      );
      await page.goto(`${app}/dsomm`);
      const figure = (/** @type {string} */ name) =>
        page.getByRole('group', { name, exact: true });
      await figure('open past SLA').waitFor({ timeout: 60_000 });
      const pastSlaText = await figure('open past SLA').innerText();
      expect(
        pastSlaText.split('\n')[0].trim() === String(pastSla),
        `open past SLA shows ${pastSla}: ${pastSlaText}`,
      );
      const misconfigurationsText = await figure(
        'critical misconfigurations',
      ).innerText();
      expect(
        misconfigurationsText.split('\n')[0].trim() ===
          String(misconfigurations),
        `critical misconfigurations show ${misconfigurations}: ${misconfigurationsText}`,
      );
      const share = scorecard.kpis.automatedShare;
      const shareText = await figure('proven by automation').innerText();
      expect(
        shareText.split('\n')[0].trim() ===
          (share === null ? '–' : `${Math.round(share * 100)}%`),
        `the automated share shows ${share}: ${shareText}`,
      );
      const groups = page.getByRole('table', { name: 'Scorecard by owner' });
      const headings = await groups.locator('thead').innerText();
      expect(
        headings.includes('Open past SLA') &&
          headings.includes('Proven by automation'),
        `the group table has KPI columns: ${headings}`,
      );
      await page.screenshot({
        path: path.join(shots, 'scorecard-outcomes.png'),
        fullPage: true,
      });
    },
  ],
  [
    'a team lead marks three activities for team-payments on its Group page; every team-payments component inherits them',
    async (page, { app, shots, token }) => {
      // The team's components, from the catalog (owner refs are written several ways in
      // examples/, the ownedBy relation is the resolved one).
      const components = /** @type {any[]} */ (
        await getJson(
          token,
          `/api/catalog/entities?filter=kind=component,relations.ownedBy=${TEAM}`,
        )
      ).map(e => e.metadata.name);
      expect(components.length >= 5, `team-payments components: ${components}`);
      /** @type {{ activities: ModelActivity[] }} */
      const model = await getJson(token, '/api/dsomm/model');
      /** @type {Score[]} */
      const scores = await Promise.all(
        components.map(name =>
          getJson(token, `/api/dsomm/entities/component/default/${name}`),
        ),
      );
      // Three activities no team-payments component has yet, lowest levels first, with names
      // no other activity name contains (so a name filter finds exactly one row).
      const names = model.activities.map(a => a.name);
      const picks = model.activities
        .filter(
          a =>
            scores.every(score =>
              score.activities.some(
                s => s.activityId === a.id && s.status === 'missing',
              ),
            ) && names.filter(n => n.includes(a.name)).length === 1,
        )
        .sort((a, b) => a.level - b.level)
        .slice(0, 3);
      expect(
        picks.length === 3,
        `three activities missing on ${components.join(', ')}, got ${
          picks.length
        } (statuses of the first: ${JSON.stringify(
          scores[0]?.activities.slice(0, 5),
        )})`,
      );

      await openDsommTab(page, app, 'default/group/team-payments');
      const matrix = page.getByRole('table', {
        name: 'Team assessment matrix',
      });
      await matrix.waitFor({ timeout: 60_000 });
      for (const activity of picks) {
        await page
          .getByRole('checkbox', {
            name: `Select ${activity.name}`,
            exact: true,
          })
          .check({ timeout: 30_000 });
      }
      await page.getByText('3 selected').waitFor({ timeout: 10_000 });
      await page
        .getByRole('button', { name: 'Mark implemented', exact: true })
        .click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor({ timeout: 10_000 });
      await dialog
        .getByLabel('Comment')
        .fill('Agreed in the team retrospective; owned by the payments lead');
      const expiry = new Date(Date.now() + 90 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      await dialog.getByLabel('Expires on').fill(expiry);
      await page.screenshot({
        path: path.join(shots, 'group-team-matrix-mark.png'),
        fullPage: true,
      });
      await dialog
        .getByRole('button', { name: 'Mark implemented', exact: true })
        .click();
      await dialog.waitFor({ state: 'detached', timeout: 30_000 });
      for (const activity of picks) {
        const cell = matrix
          .getByRole('listitem')
          .filter({ has: page.getByText(activity.key, { exact: true }) });
        await cell.getByText(/^implemented/).waitFor({ timeout: 30_000 });
      }
      await page.screenshot({
        path: path.join(shots, 'group-team-matrix-marked.png'),
        fullPage: true,
      });

      // Re-scoring after a scope write is asynchronous: wait until every component's answer
      // carries the three, inherited from the group with who recorded them.
      const written = Date.now();
      await waitFor(
        'every team-payments component to inherit the three activities',
        async () => {
          /** @type {Score[]} */
          const now = await Promise.all(
            components.map(name =>
              getJson(token, `/api/dsomm/entities/component/default/${name}`),
            ),
          );
          return now.every(score =>
            picks.every(activity => {
              const found = score.activities.find(
                a => a.activityId === activity.id,
              );
              return (
                found?.status === 'implemented' &&
                found.evidence.some(
                  e =>
                    e.scope === TEAM &&
                    e.details?.actor === 'user:default/guest',
                )
              );
            }),
          );
        },
        60_000,
      );
      console.log(
        `# group attestation to the last of ${
          components.length
        } components showing it in the API: ${Date.now() - written} ms`,
      );

      for (const name of components) {
        // All statuses: below target the table opens on "Needed for target" only.
        await openDsommTab(
          page,
          app,
          `default/component/${name}`,
          '?status=all',
        );
        const filter = page.getByPlaceholder('Activity or sub-dimension');
        await filter.waitFor({ timeout: 60_000 });
        for (const activity of picks) {
          await filter.fill(activity.name);
          const row = page
            .getByRole('row')
            .filter({ has: page.getByRole('link', { name: activity.name }) });
          await row.first().waitFor({ timeout: 30_000 });
          expect(
            (await row.count()) === 1,
            `${name}: one row for ${activity.name}`,
          );
          const text = await row.innerText();
          expect(
            text.includes('Implemented'),
            `${name}: ${activity.key} shows as implemented (${text})`,
          );
          expect(
            /inherited/i.test(text) &&
              text.includes('From group team-payments') &&
              // the guest by the display name of its catalog User entity
              text.includes('attested by Guest User') &&
              text.includes(`expires ${expiry}`),
            `${name}: ${activity.key} shows its scope, who recorded it and its expiry (${text})`,
          );
          const link = row.getByRole('link', { name: 'group team-payments' });
          expect(
            (await link.getAttribute('href')) ===
              '/catalog/default/group/team-payments',
            `${name}: ${activity.key} links to the group`,
          );
        }
        if (name === components[0]) {
          await page.screenshot({
            path: path.join(shots, `component-inherited-${name}.png`),
            fullPage: true,
          });
        }
      }
    },
  ],
];

module.exports = { checks, expect, getJson, openDsommTab };
