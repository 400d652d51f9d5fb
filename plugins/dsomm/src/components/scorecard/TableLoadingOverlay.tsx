import Box from '@material-ui/core/Box';
import CircularProgress from '@material-ui/core/CircularProgress';

/**
 * The components table's loading overlay. material-table's own spinner has no accessible name,
 * which screen readers announce as an unnamed progress bar (axe: aria-progressbar-name).
 */
export function TableLoadingOverlay() {
  return (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="center"
      height="100%"
    >
      <CircularProgress aria-label="Loading components" />
    </Box>
  );
}
