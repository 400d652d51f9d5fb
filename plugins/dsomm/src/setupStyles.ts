// Test setup only, run by Jest in Node: it reads jsdom's own user-agent sheet from disk.
// eslint-disable-next-line no-restricted-imports
import fs from 'fs';
// eslint-disable-next-line no-restricted-imports
import path from 'path';

/**
 * A faster `getComputedStyle` for the frontend tests, same answers for what tests read.
 *
 * Role queries and user events ask for the computed style of every node they pass (is it
 * hidden? does it take pointer events?). jsdom answers each ask by matching every stylesheet
 * rule against the node, copying every declared property into a new declaration and resolving
 * sixteen colour and visibility properties: most of a frontend test's time went there.
 *
 * The four properties those checks read (`display`, `visibility`, `pointer-events`,
 * `opacity`) are cascaded here the way jsdom cascades them: its default stylesheet, then the
 * document's sheets in order (rules in `@media` only when the media names `screen`), the last
 * match winning since jsdom ranks no specificity, then the inline style; `visibility` and
 * `pointer-events` inherit. Only rules that declare one of the four are matched. Any other
 * property falls through to jsdom's own answer, computed on first use.
 *
 * Answers are kept per element until the DOM next changes: a mutation (seen before any later
 * waitFor check) or a user event (the caller forgets at once, see setupTests.ts).
 */

// `resolved`: jsdom resolves keywords and defaults for this property; for the others it
// answers the cascaded value as it stands ('' when nothing sets it).
const TRACKED = new Map<
  string,
  { inherited: boolean; initial: string; resolved: boolean }
>([
  ['display', { inherited: false, initial: 'inline', resolved: true }],
  ['visibility', { inherited: true, initial: 'visible', resolved: true }],
  ['pointer-events', { inherited: true, initial: 'auto', resolved: true }],
  ['opacity', { inherited: false, initial: '', resolved: false }],
]);

type TrackedRule = { selector: string; values: Map<string, string> };

const kebab = (name: string) =>
  name.replace(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);

function trackedRules(rules: CSSRuleList, into: TrackedRule[]) {
  for (const rule of Array.from(rules)) {
    if (rule instanceof CSSMediaRule) {
      if (Array.from(rule.media).includes('screen')) {
        trackedRules(rule.cssRules, into);
      }
      continue;
    }
    if (!(rule instanceof CSSStyleRule)) continue;
    const values = new Map<string, string>();
    for (const name of TRACKED.keys()) {
      const value = rule.style.getPropertyValue(name);
      if (value) values.set(name, value);
    }
    // jsdom's own workaround for selectors that carry a stray declaration before them.
    const selector = rule.selectorText.split(';').pop()!.trim();
    // Pseudo-element rules never apply to an element's own style.
    if (values.size && !selector.includes('::'))
      into.push({ selector, values });
  }
}

/** jsdom's user-agent sheet, parsed once (in the test document, then taken out again). */
function defaultRules(): TrackedRule[] {
  const file = path.join(
    path.dirname(require.resolve('jsdom/package.json')),
    'lib/jsdom/browser/default-stylesheet.css',
  );
  const style = document.createElement('style');
  style.textContent = fs.readFileSync(file, 'utf8');
  document.head.appendChild(style);
  const rules: TrackedRule[] = [];
  try {
    trackedRules(style.sheet!.cssRules, rules);
  } finally {
    style.remove();
  }
  return rules;
}

export function installFastComputedStyle(): { forget: () => void } {
  const computeStyle = window.getComputedStyle.bind(window);
  const userAgentRules = defaultRules();
  let rules: TrackedRule[] | undefined;
  let rulesKey = '';
  let values = new WeakMap<Element, Map<string, string>>();
  let styles = new WeakMap<Element, CSSStyleDeclaration>();

  const forget = () => {
    values = new WeakMap();
    styles = new WeakMap();
  };

  // Sheets can grow through insertRule, which no mutation reports: the index is rebuilt
  // whenever the sheets' rule counts change.
  const currentRules = () => {
    const sheets = Array.from(document.styleSheets);
    const key = sheets.map(sheet => sheet.cssRules.length).join(',');
    if (!rules || key !== rulesKey) {
      rules = [...userAgentRules];
      for (const sheet of sheets) trackedRules(sheet.cssRules, rules);
      rulesKey = key;
    }
    return rules;
  };

  const matches = (element: Element, selector: string) => {
    try {
      return element.matches(selector);
    } catch {
      return false; // a selector jsdom cannot parse applies to nothing, as in jsdom
    }
  };

  const valueOf = (element: Element, name: string): string => {
    let own = values.get(element);
    if (!own) {
      own = new Map();
      values.set(element, own);
    }
    const known = own.get(name);
    if (known !== undefined) return known;
    const { inherited, initial, resolved } = TRACKED.get(name)!;
    let cascaded = '';
    for (const rule of currentRules()) {
      const value = rule.values.get(name);
      if (value && matches(element, rule.selector)) {
        cascaded = value === 'unset' ? '' : value;
      }
    }
    const inline = (element as HTMLElement).style?.getPropertyValue(name);
    if (inline) cascaded = inline === 'unset' ? '' : inline;
    const parent = element.parentElement;
    let value: string;
    if (!resolved) {
      value = cascaded;
    } else if (
      cascaded === 'inherit' ||
      ((cascaded === '' || cascaded === 'unset') && inherited)
    ) {
      value = parent ? valueOf(parent, name) : initial;
    } else if (cascaded === '' || cascaded === 'initial') {
      value = initial;
    } else {
      value = cascaded;
    }
    own.set(name, value);
    return value;
  };

  const styleOf = (element: Element): CSSStyleDeclaration => {
    let full: CSSStyleDeclaration | undefined;
    const real = () => (full ??= computeStyle(element));
    return new Proxy({} as CSSStyleDeclaration, {
      get(_target, property) {
        if (property === 'getPropertyValue') {
          return (name: string) =>
            TRACKED.has(name)
              ? valueOf(element, name)
              : real().getPropertyValue(name);
        }
        if (typeof property === 'string' && TRACKED.has(kebab(property))) {
          return valueOf(element, kebab(property));
        }
        const value = Reflect.get(real(), property);
        return typeof value === 'function' ? value.bind(real()) : value;
      },
    });
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
      style = styleOf(element);
      styles.set(element, style);
    }
    return style;
  };
  return { forget };
}
