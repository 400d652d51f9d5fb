import {
  darken,
  getContrastRatio,
  lighten,
  Theme,
} from '@material-ui/core/styles';
import { PaletteColor } from '@material-ui/core/styles/createPalette';

/** WCAG AA for normal text: status chips' labels are 12 px. */
const MIN_CONTRAST = 4.5;
/** Each step darkens (or lightens) by a tenth; a few steps reach AA from any palette tone. */
const STEP = 0.1;
const MAX_STEPS = 20;

/**
 * A palette colour for text and borders that reads on the theme's paper and page backgrounds:
 * the colour's dark tone on the light theme (its light tone on the dark one), darkened (or
 * lightened) until it has at least 4.5:1 contrast with both. Backstage's light success green
 * (#388e3c) has 3.9:1 on the page background, below what axe-core accepts.
 */
export function readableTone(theme: Theme, color: PaletteColor): string {
  const dark = theme.palette.type === 'dark';
  const backgrounds = [
    theme.palette.background.paper,
    theme.palette.background.default,
  ];
  const readable = (tone: string) =>
    backgrounds.every(bg => getContrastRatio(tone, bg) >= MIN_CONTRAST);
  let tone = dark ? color.light : color.dark;
  for (let step = 0; step < MAX_STEPS && !readable(tone); step++) {
    tone = dark ? lighten(tone, STEP) : darken(tone, STEP);
  }
  return tone;
}
