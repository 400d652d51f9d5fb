import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import FileCopyOutlinedIcon from '@material-ui/icons/FileCopyOutlined';
import { useState } from 'react';

/**
 * Copies an activity key to the clipboard, for the `dsomm.owasp.org/implemented` annotation.
 * Says whether it worked: clipboard access can be refused (insecure origin, permissions).
 */
export function CopyKeyButton(props: { activityKey: string }) {
  const { activityKey } = props;
  const [result, setResult] = useState<'copied' | 'failed' | undefined>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(activityKey);
      setResult('copied');
    } catch {
      setResult('failed');
    }
  };
  let message = '';
  if (result === 'copied') message = 'Copied';
  else if (result === 'failed') message = 'Could not copy; select the key';
  return (
    <>
      <Tooltip title="Copy key">
        <IconButton
          size="small"
          aria-label={`Copy key ${activityKey}`}
          onClick={copy}
        >
          <FileCopyOutlinedIcon fontSize="inherit" />
        </IconButton>
      </Tooltip>
      <span role="status" aria-live="polite" style={{ fontSize: '0.75rem' }}>
        {message}
      </span>
    </>
  );
}
