import { ExpiryDays } from '@dsomm/plugin-dsomm-common';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { isHttpUrl } from './format';
import { ExpiryField, ReasonField, RecordDialog } from './RecordDialog';
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
  /** The backend's expiry settings: the field then shows the default and the limit. */
  expiryDays?: ExpiryDays;
}) {
  const { activityName, onSubmit, onDone, onCancel } = props;
  const [comment, setComment] = useState('');
  const [link, setLink] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const { busy, error, run } = useSubmit();
  const linkInvalid = link.trim() !== '' && !isHttpUrl(link.trim());

  const submit = async () => {
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
    <RecordDialog
      id="dsomm-attest"
      title={`Attest: ${activityName}`}
      intro="Record that this activity is implemented. It counts as evidence until it expires or is revoked."
      submitLabel="Attest"
      canSubmit={comment.trim() !== '' && !linkInvalid}
      busy={busy}
      error={error}
      submit={submit}
      onCancel={onCancel}
    >
      <ReasonField
        id="dsomm-attest-comment"
        label="Comment"
        helperText="How the activity is implemented"
        value={comment}
        onChange={setComment}
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
      <ExpiryField
        id="dsomm-attest-expires"
        helperText="Optional: empty uses the configured default"
        value={expiresAt}
        onChange={setExpiresAt}
        days={
          props.expiryDays && {
            default: props.expiryDays.attestation,
            max: props.expiryDays.max,
          }
        }
      />
    </RecordDialog>
  );
}
