import { Theme, makeStyles } from '@material-ui/core/styles';

/**
 * The keyboard focus ring: a solid outline in the primary colour, on `:focus-visible` and on
 * MUI's `Mui-focusVisible` class (ButtonBase sets it where browsers lack `:focus-visible`), so
 * keyboard users see where they are without relying on the ripple.
 */
export function focusRing(theme: Theme, offset: number = 2) {
  const ring = {
    outline: `2px solid ${theme.palette.primary.main}`,
    outlineOffset: offset,
  };
  return { '&:focus-visible': ring, '&.Mui-focusVisible': ring };
}

const FOCUSABLE = [
  'a',
  'button',
  'input',
  'select',
  'textarea',
  '[role="button"]',
  '[tabindex]',
];

/**
 * The focus ring on every control inside a container: links, text and icon buttons, chips,
 * table sort labels, selects, checkboxes. Put its class on the root of a view (tab, card,
 * page, dialog paper, drawer paper).
 */
export const useFocusRingStyles = makeStyles(theme => {
  const ring = {
    outline: `2px solid ${theme.palette.primary.main}`,
    outlineOffset: 2,
  };
  return {
    focusRing: {
      [FOCUSABLE.map(selector => `& ${selector}:focus-visible`).join(', ')]:
        ring,
      '& .Mui-focusVisible': ring,
      // A checkbox's ring goes around its visible box, not the hidden input.
      '& .MuiCheckbox-root.Mui-focusVisible': { ...ring, outlineOffset: -4 },
    },
  };
});
