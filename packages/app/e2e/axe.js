// @ts-check
const path = require('path');

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').Locator} Locator */

const AXE = path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js');

/** The impacts that fail a check; minor and moderate ones are left to review. */
const FAILING = ['serious', 'critical'];

/**
 * Runs axe-core in the page on the element `root` finds and throws when it reports a serious
 * or critical violation, naming the rule, its impact and the first elements it found.
 * @param {Page} page
 * @param {string} what what the page shows, for the message
 * @param {Locator} root the part of the page to check
 */
async function expectNoSeriousViolations(page, what, root) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ path: AXE });
  }
  /** @type {Array<{ id: string, impact: string, help: string, nodes: Array<{ target: unknown[], message?: string }> }>} */
  const violations = await root.evaluate(async element => {
    // @ts-ignore injected above
    const results = await window.axe.run(
      // The app's sidebar is Backstage's, not this plugin's: its notifications item names
      // itself "Notifications" while it shows the unread count, which axe calls a name
      // mismatch, and a notification (a campaign starting) can arrive at any point of a check.
      { include: [element], exclude: [['nav[aria-label="sidebar nav"]']] },
      { resultTypes: ['violations'] },
    );
    return results.violations.map((/** @type {any} */ v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((/** @type {any} */ n) => ({
        target: n.target,
        message: n.any[0]?.message,
      })),
    }));
  });
  const failing = violations.filter(v => FAILING.includes(v.impact));
  if (failing.length > 0) {
    throw new Error(
      `axe-core on ${what}: ${failing
        .map(
          v =>
            `${v.id} (${v.impact}: ${v.help}) at ${v.nodes
              .slice(0, 3)
              .map(
                n =>
                  `${JSON.stringify(n.target)}${
                    n.message ? ` (${n.message})` : ''
                  }`,
              )
              .join(', ')}${
              v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''
            }`,
        )
        .join('; ')}`,
    );
  }
  return violations;
}

module.exports = { expectNoSeriousViolations };
