import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { FormEvent, useState } from 'react';
import { DialogError } from './DialogError';
import { isHttpUrl } from './format';
import { useSubmit } from './useSubmit';

/** What an attestation records; the same shape the API takes, without the activity. */
export interface AttestationInput {
  comment: string;
  link?: string;
  expiresAt?: string;
}

/** Asks for a comment, an optional link and an optional expiry date, then records an attestation. */
export function AttestDialog(props: {
  activityName: string;
  onSubmit: (input: AttestationInput) => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { activityName, onSubmit, onDone, onCancel } = props;
  const [comment, setComment] = useState('');
  const [link, setLink] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const { busy, error, run } = useSubmit();
  const linkInvalid = link.trim() !== '' && !isHttpUrl(link.trim());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!comment.trim() || linkInvalid) return;
    const ok = await run(() =>
      onSubmit({
        comment: comment.trim(),
        ...(link.trim() ? { link: link.trim() } : {}),
        ...(expiresAt ? { expiresAt } : {}),
      }),
    );
    if (ok) onDone();
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onCancel}
      aria-labelledby="dsomm-attest-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="dsomm-attest-title">
          Attest: {activityName}
        </DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="textSecondary" gutterBottom>
            Record that this activity is implemented. It counts as evidence
            until it expires or is revoked.
          </Typography>
          <TextField
            id="dsomm-attest-comment"
            label="Comment"
            value={comment}
            onChange={e => setComment(e.target.value)}
            required
            multiline
            minRows={3}
            fullWidth
            margin="normal"
            variant="outlined"
            helperText="How the activity is implemented"
            inputProps={{ maxLength: 2000 }}
          />
          <TextField
            id="dsomm-attest-link"
            label="Link"
            value={link}
            onChange={e => setLink(e.target.value)}
            fullWidth
            margin="normal"
            variant="outlined"
            type="url"
            error={linkInvalid}
            helperText={
              linkInvalid
                ? 'Enter an http or https URL'
                : 'Optional: a document, pipeline run or dashboard that shows it'
            }
          />
          <TextField
            id="dsomm-attest-expires"
            label="Expires on"
            value={expiresAt}
            onChange={e => setExpiresAt(e.target.value)}
            type="date"
            margin="normal"
            variant="outlined"
            InputLabelProps={{ shrink: true }}
            helperText="Optional: empty uses the configured default"
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
            disabled={busy || !comment.trim() || linkInvalid}
          >
            Attest
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
