import { renderInTestApp } from '@backstage/test-utils';
import Button from '@material-ui/core/Button';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useFocusRingStyles } from './focusRing';

function View() {
  const focus = useFocusRingStyles();
  return (
    <div className={focus.focusRing} data-testid="view">
      <Button>Export CSV</Button>
      <a href="/catalog">Catalog</a>
    </div>
  );
}

/** Every CSS rule the page's style sheets hold, as text. */
function cssRules(): string[] {
  return Array.from(document.styleSheets).flatMap(sheet =>
    Array.from(sheet.cssRules).map(rule => rule.cssText),
  );
}

// A test app on a shared, busy machine takes seconds to render.
jest.setTimeout(60_000);

describe('useFocusRingStyles', () => {
  it('outlines focused controls inside the view, not only with the ripple', async () => {
    await renderInTestApp(<View />);
    const view = screen.getByTestId('view');
    const rootClass = view.className.split(' ')[0];
    const rules = cssRules().filter(rule => rule.includes(`.${rootClass}`));
    const focusVisible = rules.find(rule =>
      rule.includes(`.${rootClass} button:focus-visible`),
    );
    expect(focusVisible).toMatch(/outline: 2px solid/);
    expect(focusVisible).toContain(`.${rootClass} a:focus-visible`);
    expect(
      rules.find(rule => rule.includes(`.${rootClass} .Mui-focusVisible`)),
    ).toMatch(/outline: 2px solid/);

    // Tab reaches the controls in order; MUI marks the button as keyboard-focused.
    await userEvent.tab();
    const button = screen.getByRole('button', { name: 'Export CSV' });
    expect(button).toHaveFocus();
    expect(button).toHaveClass('Mui-focusVisible');
    await userEvent.tab();
    expect(screen.getByRole('link', { name: 'Catalog' })).toHaveFocus();
  });
});
