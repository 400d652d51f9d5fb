import { useRef } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { DialogError } from './DialogError';
import { useSubmit } from './useSubmit';
import { useFocusRingStyles } from '../common/focusRing';

/** Confirms revoking an attestation or a waiver, then revokes it. */
export function RevokeDialog(props: {
  what: 'attestation' | 'waiver';
  activityName: string;
  detail: string;
  onConfirm: () => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const focus = useFocusRingStyles();
  const { what, activityName, detail, onConfirm, onDone, onCancel } = props;
  const { busy, error, run } = useSubmit();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const confirm = async () => {
    if (await run(onConfirm)) onDone();
  };
  return (
    <Dialog
      open
      onClose={busy ? undefined : onCancel}
      aria-labelledby="dsomm-revoke-title"
      // A portal, outside the tab's own ring rule.
      PaperProps={{ className: focus.focusRing }}
      // Focus starts on the safe choice, so Enter never revokes by accident. Set once the dialog
      // has entered: MUI's focus trap focuses the dialog frame when it opens, after a ref's
      // mount effect would have run.
      TransitionProps={{ onEntered: () => cancelRef.current?.focus() }}
    >
      <DialogTitle id="dsomm-revoke-title">
        Revoke {what}: {activityName}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {what === 'attestation'
            ? 'The activity no longer counts as implemented through this attestation.'
            : 'The activity counts as applicable again.'}
        </DialogContentText>
        <DialogContentText>“{detail}”</DialogContentText>
        <DialogError message={error} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={busy} ref={cancelRef}>
          Cancel
        </Button>
        <Button
          onClick={confirm}
          color="secondary"
          variant="contained"
          disabled={busy}
        >
          Revoke
        </Button>
      </DialogActions>
    </Dialog>
  );
}
