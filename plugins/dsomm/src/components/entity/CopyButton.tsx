import Button from '@material-ui/core/Button';
import { useState } from 'react';

/**
 * Copies `text` to the clipboard. `label` is the accessible name (e.g. "Copy upload
 * command"); the button then says whether it worked, for screen readers too.
 */
export function CopyButton(props: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      // Absent outside secure contexts: then the text stays there to select by hand.
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(props.text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        aria-label={props.label}
        onClick={copy}
      >
        Copy
      </Button>
      <span role="status" style={{ marginLeft: 8 }}>
        {state === 'copied' && 'Copied'}
        {state === 'failed' && 'Could not copy: select the text instead'}
      </span>
    </>
  );
}
