import '@testing-library/jest-dom';
import '@testing-library/react';
import { configure, getConfig } from '@testing-library/dom';

// Role queries compute an accessible name for every candidate, asking jsdom for the computed
// style of each node on the way; jsdom matches every stylesheet rule on each ask, which made
// name lookups most of a frontend test's time. Styles are kept per element until the DOM next
// changes: a mutation (seen before any later waitFor check) or a user event (seen at once).
const computeStyle = window.getComputedStyle.bind(window);
let styles = new WeakMap<Element, CSSStyleDeclaration>();
const forget = () => {
  styles = new WeakMap();
};
new MutationObserver(forget).observe(document, {
  subtree: true,
  childList: true,
  attributes: true,
  characterData: true,
});
window.getComputedStyle = (element: Element, pseudo?: string | null) => {
  if (pseudo) return computeStyle(element, pseudo);
  let style = styles.get(element);
  if (!style) {
    style = computeStyle(element);
    styles.set(element, style);
  }
  return style;
};
const { eventWrapper } = getConfig();
configure({
  eventWrapper: callback => {
    forget();
    try {
      return eventWrapper(callback);
    } finally {
      forget();
    }
  },
});
