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
