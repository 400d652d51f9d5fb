import {
  Theme,
  decomposeColor,
  recomposeColor,
} from '@material-ui/core/styles';

export interface LevelColors {
  backgroundColor: string;
  color: string;
}

/**
 * Colours for a (mean) level from 0 to 5: the theme's paper colour blended towards its primary
 * colour, darker for higher levels, with a text colour that contrasts with the result. Works the
 * same in light and dark themes; the level is always shown as text too.
 */
export function levelColors(theme: Theme, level: number): LevelColors {
  const clamped = Math.min(Math.max(level, 0), 5);
  const weight = 0.08 + (clamped / 5) * 0.82;
  const base = decomposeColor(theme.palette.background.paper).values;
  const accent = decomposeColor(theme.palette.primary.main).values;
  const mix = (i: number) =>
    Math.round(base[i] + (accent[i] - base[i]) * weight);
  const mixed: [number, number, number] = [mix(0), mix(1), mix(2)];
  const backgroundColor = recomposeColor({ type: 'rgb', values: mixed });
  return {
    backgroundColor,
    color: theme.palette.getContrastText(backgroundColor),
  };
}

/**
 * Colours for a mean level's distance to the mean target (level minus target): the theme's
 * paper colour blended towards its error colour below the target and towards its success
 * colour at or above it, in proportion to the largest distance on each side (`range`: the
 * real range of the distances shown), so a table whose levels all sit between 0 and 1.2 still
 * shows its differences. The value is always shown as text too.
 */
export function distanceColors(
  theme: Theme,
  distance: number,
  range: { min: number; max: number },
): LevelColors {
  const below = distance < 0;
  const extent = below ? -Math.min(range.min, 0) : Math.max(range.max, 0);
  const share = extent === 0 ? 0 : Math.min(Math.abs(distance) / extent, 1);
  const weight = 0.08 + share * 0.72;
  const base = decomposeColor(theme.palette.background.paper).values;
  const accent = decomposeColor(
    below ? theme.palette.error.main : theme.palette.success.main,
  ).values;
  const mix = (i: number) =>
    Math.round(base[i] + (accent[i] - base[i]) * weight);
  const backgroundColor = recomposeColor({
    type: 'rgb',
    values: [mix(0), mix(1), mix(2)],
  });
  return {
    backgroundColor,
    color: theme.palette.getContrastText(backgroundColor),
  };
}
