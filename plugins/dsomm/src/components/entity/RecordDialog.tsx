import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { FormEvent, ReactNode } from 'react';
import { DialogError } from './DialogError';
import {
  defaultExpiryText,
  earliestExpiryDay,
  latestExpiryDay,
} from './expiry';
import { useFocusRingStyles } from '../common/focusRing';
import { useFocusOnMount } from '../common/useFocusOnMount';

/**
 * The frame of a dialog that records something about an activity (an attestation, a
 * waiver): title, what recording means, the fields, the error of the last try, and
 * Cancel / submit buttons. `submit` runs only when `canSubmit`.
 */
export function RecordDialog(props: {
  id: string;
  title: string;
  intro: string;
  submitLabel: string;
  canSubmit: boolean;
  busy: boolean;
  error?: string;
  submit: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const focus = useFocusRingStyles();
  const { id, busy, onCancel } = props;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (props.canSubmit) props.submit();
  };
  return (
    <Dialog
      open
      onClose={busy ? undefined : onCancel}
      aria-labelledby={`${id}-title`}
      // A portal, outside the tab's own ring rule.
      PaperProps={{ className: focus.focusRing }}
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={onSubmit} noValidate>
        <DialogTitle id={`${id}-title`}>{props.title}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="textSecondary" gutterBottom>
            {props.intro}
          </Typography>
          {props.children}
          <DialogError message={props.error} />
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={busy || !props.canSubmit}
          >
            {props.submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** The required free-text field of a record (a comment, a justification). */
export function ReasonField(props: {
  id: string;
  label: string;
  helperText: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const inputRef = useFocusOnMount<HTMLTextAreaElement>();
  return (
    <TextField
      id={props.id}
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      // The first field of every record dialog: focus starts here, not on the dialog frame,
      // so keyboard and screen reader users can type at once.
      inputRef={inputRef}
      required
      multiline
      minRows={3}
      fullWidth
      margin="normal"
      variant="outlined"
      helperText={props.helperText}
      inputProps={{ maxLength: 2000 }}
    />
  );
}

/**
 * The optional expiry date of a record. With `days` (from the entity's answer) it says when
 * an empty field expires and offers only days the backend accepts.
 */
export function ExpiryField(props: {
  id: string;
  helperText: string;
  value: string;
  onChange: (value: string) => void;
  days?: { default: number; max: number };
  now?: Date;
}) {
  const { days } = props;
  const now = props.now ?? new Date();
  return (
    <TextField
      id={props.id}
      label="Expires on"
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      type="date"
      margin="normal"
      variant="outlined"
      InputLabelProps={{ shrink: true }}
      helperText={
        days
          ? `${defaultExpiryText(now, days.default)}. At most ${
              days.max
            } days ahead.`
          : props.helperText
      }
      inputProps={
        days
          ? {
              min: earliestExpiryDay(now),
              max: latestExpiryDay(now, days.max),
            }
          : undefined
      }
    />
  );
}
