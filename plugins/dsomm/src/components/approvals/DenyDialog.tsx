import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { DialogError } from '../entity/DialogError';
import { useSubmit } from '../entity/useSubmit';
import { useFocusRingStyles } from '../common/focusRing';
import { useFocusOnMount } from '../common/useFocusOnMount';

/**
 * The reason field. Its own component, so that it takes the focus when it mounts with the
 * dialog's content (the dialog renders that into a portal after the dialog itself mounts).
 */
function ReasonField(props: {
  value: string;
  onChange: (value: string) => void;
}) {
  const inputRef = useFocusOnMount<HTMLTextAreaElement>();
  return (
    <TextField
      id="dsomm-deny-reason"
      label="Reason"
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      inputRef={inputRef}
      required
      fullWidth
      multiline
      inputProps={{ maxLength: 2000 }}
    />
  );
}

/** Asks why a pending request is denied (the reason is required and audited), then denies it. */
export function DenyDialog(props: {
  what: 'attestation' | 'waiver';
  activityName: string;
  onDeny: (reason: string) => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const focus = useFocusRingStyles();
  const { what, activityName, onDeny, onDone, onCancel } = props;
  const { busy, error, run } = useSubmit();
  const [reason, setReason] = useState('');
  const blank = reason.trim() === '';
  const deny = async () => {
    if (!blank && (await run(() => onDeny(reason.trim())))) onDone();
  };
  return (
    <Dialog
      open
      onClose={busy ? undefined : onCancel}
      aria-labelledby="dsomm-deny-title"
      PaperProps={{ className: focus.focusRing }}
    >
      <DialogTitle id="dsomm-deny-title">
        Deny {what}: {activityName}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          The request never counts. The reason is kept in the audit trail.
        </DialogContentText>
        <ReasonField value={reason} onChange={setReason} />
        <DialogError message={error} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
        <Button
          onClick={deny}
          color="secondary"
          variant="contained"
          disabled={busy || blank}
        >
          Deny
        </Button>
      </DialogActions>
    </Dialog>
  );
}
