/** Every CSS rule the page's style sheets hold, as text. */
function cssRules(): string[] {
  return Array.from(document.styleSheets).flatMap(sheet =>
    Array.from(sheet.cssRules).map(rule => rule.cssText),
  );
}

/**
 * Whether a focus-visible outline applies to `control`: some ancestor carries a class whose
 * style sheet rule outlines `tag:focus-visible` below it (the rule useFocusRingStyles makes).
 */
export function hasFocusRing(control: HTMLElement): boolean {
  const tag = control.tagName.toLowerCase();
  const rules = cssRules().filter(rule => /outline: 2px solid/.test(rule));
  for (let node = control.parentElement; node; node = node.parentElement) {
    for (const name of Array.from(node.classList)) {
      if (rules.some(rule => rule.includes(`.${name} ${tag}:focus-visible`))) {
        return true;
      }
    }
  }
  return false;
}
