// @ts-check

/** @typedef {import('playwright-core').Page} Page */

/**
 * Throws when the page scrolls sideways (the document or the body wider than the window),
 * naming the deepest elements past the window's right edge, those that set the scroll width first.
 * @param {Page} page
 * @param {string} what what the page shows, for the message
 */
async function expectNoSidewaysScroll(page, what) {
  const result = await page.evaluate(() => {
    const width = window.innerWidth;
    const scrollWidth = Math.max(
      document.documentElement.scrollWidth,
      document.body.scrollWidth,
    );
    if (scrollWidth <= width) return undefined;
    /** @param {Element} el */
    const describe = el => {
      const id = el.id ? `#${el.id}` : '';
      const label = el.getAttribute('aria-label');
      const classes = [...el.classList].slice(0, 2).join('.');
      const text = (el.textContent ?? '').trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}${id}${classes ? `.${classes}` : ''}${
        label ? `[aria-label="${label}"]` : ''
      } "${text}"`;
    };
    /** @type {Array<{ el: Element, right: number }>} */
    const over = [];
    for (const el of document.body.querySelectorAll('*')) {
      const right = el.getBoundingClientRect().right + window.scrollX;
      if (right > width + 0.5) over.push({ el, right });
    }
    // The deepest overflowing elements say most: drop those containing another one. Those
    // whose right edge is the page's scroll width make it scroll; others (wider, but clipped
    // or scrolled inside a container) come after them.
    const leaves = over.filter(
      o => !over.some(other => other !== o && o.el.contains(other.el)),
    );
    const reaches = (/** @type {{ right: number }} */ o) =>
      Math.abs(o.right - scrollWidth) < 2 ? 1 : 0;
    leaves.sort((a, b) => reaches(b) - reaches(a) || b.right - a.right);
    return {
      width,
      scrollWidth,
      widest: leaves
        .slice(0, 5)
        .map(o => `${describe(o.el)} to ${Math.round(o.right)} px`),
    };
  });
  if (result) {
    throw new Error(
      `${what} scrolls sideways at ${result.width} px (content ${
        result.scrollWidth
      } px wide); widest: ${result.widest.join('; ')}`,
    );
  }
}

module.exports = { expectNoSidewaysScroll };
