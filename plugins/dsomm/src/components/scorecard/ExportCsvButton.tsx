import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { dsommApiRef } from '../../api';
import { ScorecardFilters } from './useScorecardParams';

export const CSV_FILE_NAME = 'dsomm-scorecard.csv';

/** Hands text to the browser as a file download. */
export function downloadText(text: string, fileName: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Downloads every component matching the filters as CSV. */
export function ExportCsvButton(props: { filters: ScorecardFilters }) {
  const { filters } = props;
  const dsommApi = useApi(dsommApiRef);
  const [{ loading, error }, exportCsv] = useAsyncFn(async () => {
    const csv = await dsommApi.exportScorecardCsv(filters);
    downloadText(csv, CSV_FILE_NAME, 'text/csv;charset=utf-8');
  }, [dsommApi, filters]);

  return (
    <Box display="flex" flexDirection="column" alignItems="flex-end">
      <Button
        variant="outlined"
        color="primary"
        startIcon={<GetAppIcon />}
        onClick={() => exportCsv()}
        disabled={loading}
      >
        {loading ? 'Exporting…' : 'Export CSV'}
      </Button>
      {error && (
        <Typography variant="caption" color="error" role="alert">
          Export failed: {error.message}
        </Typography>
      )}
    </Box>
  );
}
