import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { FormEvent, useState } from 'react';
import { DialogError } from './DialogError';
import { useSubmit } from './useSubmit';

/** What a waiver records; the same shape the API takes, without the activity. */
export interface WaiverInput {
  justification: string;
  expiresAt?: string;
}

/** Asks for a justification and an optional expiry date, then records a waiver. */
export function WaiverDialog(props: {
  activityName: string;
  onSubmit: (input: WaiverInput) => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { activityName, onSubmit, onDone, onCancel } = props;
  const [justification, setJustification] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const { busy, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!justification.trim()) return;
    const ok = await run(() =>
      onSubmit({
        justification: justification.trim(),
        ...(expiresAt ? { expiresAt } : {}),
      }),
    );
    if (ok) onDone();
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onCancel}
      aria-labelledby="dsomm-waiver-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="dsomm-waiver-title">
          Not applicable: {activityName}
        </DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="textSecondary" gutterBottom>
            Record that this activity does not apply to this component. It is
            left out of levels and score until the waiver expires or is revoked.
          </Typography>
          <TextField
            id="dsomm-waiver-justification"
            label="Justification"
            value={justification}
            onChange={e => setJustification(e.target.value)}
            required
            multiline
            minRows={3}
            fullWidth
            margin="normal"
            variant="outlined"
            helperText="Why the activity does not apply"
            inputProps={{ maxLength: 2000 }}
          />
          <TextField
            id="dsomm-waiver-expires"
            label="Expires on"
            value={expiresAt}
            onChange={e => setExpiresAt(e.target.value)}
            type="date"
            margin="normal"
            variant="outlined"
            InputLabelProps={{ shrink: true }}
            helperText="Optional: empty means it does not expire"
          />
          <DialogError message={error} />
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={busy || !justification.trim()}
          >
            Record waiver
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
