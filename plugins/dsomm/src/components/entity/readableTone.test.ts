import { createTheme, getContrastRatio, Theme } from '@material-ui/core/styles';
import { readableTone } from './readableTone';

// The page background and green axe-core measured on the local portal's light theme.
const portalLight = createTheme({
  palette: {
    type: 'light',
    background: { default: '#f8f8f8', paper: '#ffffff' },
    success: { main: '#4caf50', dark: '#388e3c', light: '#81c784' },
  },
});
const muiLight = createTheme({ palette: { type: 'light' } });
const muiDark = createTheme({ palette: { type: 'dark' } });

function contrasts(theme: Theme, tone: string) {
  return [theme.palette.background.paper, theme.palette.background.default].map(
    bg => getContrastRatio(tone, bg),
  );
}

describe('readableTone', () => {
  it.each([
    ['the portal light theme', portalLight],
    ['the MUI light theme', muiLight],
    ['the MUI dark theme', muiDark],
  ])(
    'gives every status colour at least 4.5:1 on both backgrounds of %s',
    (_name, theme) => {
      for (const color of [
        theme.palette.success,
        theme.palette.error,
        theme.palette.warning,
        theme.palette.info,
      ]) {
        for (const ratio of contrasts(theme, readableTone(theme, color))) {
          expect(ratio).toBeGreaterThanOrEqual(4.5);
        }
      }
    },
  );

  it('darkens the light green that axe-core found at 3.9:1 on the page background', () => {
    expect(
      getContrastRatio('#388e3c', portalLight.palette.background.default),
    ).toBeLessThan(4.5);
    const tone = readableTone(portalLight, portalLight.palette.success);
    expect(tone).not.toBe('#388e3c');
    expect(Math.min(...contrasts(portalLight, tone))).toBeGreaterThanOrEqual(
      4.5,
    );
  });

  it('keeps a tone that already reads', () => {
    const theme = createTheme({
      palette: {
        type: 'light',
        background: { default: '#ffffff', paper: '#ffffff' },
        error: { main: '#c62828', dark: '#8e0000', light: '#ff5f52' },
      },
    });
    expect(readableTone(theme, theme.palette.error)).toBe('#8e0000');
    expect(
      readableTone(muiDark, { ...muiDark.palette.error, light: '#ffffff' }),
    ).toBe('#ffffff');
  });
});
