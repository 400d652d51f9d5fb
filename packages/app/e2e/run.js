#!/usr/bin/env node
// @ts-check
/* eslint-disable no-console */

/**
 * Browser tests: starts the local portal on its SQLite default, drives Debian's Chromium with
 * playwright-core through what an engineer and a manager do, and saves screenshots under
 * packages/app/e2e/screenshots (git-ignored). `--json FILE` writes {passed, failed};
 * `--only TEXT` runs the checks whose name contains TEXT.
 */
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');
const { startPortal, APP } = require('./portal');
const { checks } = require('./checks');
const { guideChecks } = require('./guideChecks');
const { layoutChecks } = require('./layoutChecks');
const { campaignChecks } = require('./campaignChecks');

const SHOTS = path.resolve(__dirname, 'screenshots');

async function main() {
  const jsonOut = process.argv.includes('--json')
    ? process.argv[process.argv.indexOf('--json') + 1]
    : undefined;
  const only = process.argv.includes('--only')
    ? process.argv[process.argv.indexOf('--only') + 1]
    : undefined;
  fs.mkdirSync(SHOTS, { recursive: true });
  let passed = 0;
  let failed = 0;
  const runStarted = Date.now();
  const portal = await startPortal();
  try {
    // launch() starts from a fresh temporary profile.
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    try {
      for (const [name, check] of [
        ...checks,
        ...guideChecks,
        ...layoutChecks,
        ...campaignChecks,
      ].filter(([checkName]) => !only || checkName.includes(only))) {
        const context = await browser.newContext({
          viewport: { width: 1400, height: 1000 },
          acceptDownloads: true,
        });
        const page = await context.newPage();
        const started = Date.now();
        try {
          await check(page, { app: APP, shots: SHOTS, token: portal.token });
          passed += 1;
          console.log(`ok - ${name} (${Date.now() - started} ms)`);
        } catch (error) {
          failed += 1;
          console.log(
            `not ok - ${name}: ${
              error instanceof Error ? error.message : error
            }`,
          );
          await page
            .screenshot({
              path: path.join(SHOTS, `failed-${name.replace(/\W+/g, '-')}.png`),
              fullPage: true,
            })
            .catch(() => undefined);
        } finally {
          await context.close();
        }
      }
    } finally {
      await browser.close();
    }
  } finally {
    await portal.stop();
  }
  console.log(
    `e2e: ${passed} passed, ${failed} failed in ${Math.round(
      (Date.now() - runStarted) / 1000,
    )} s (portal start included)`,
  );
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ passed, failed }));
  return failed === 0 ? 0 : 1;
}

main().then(
  code => process.exit(code),
  error => {
    console.error(error);
    process.exit(1);
  },
);
