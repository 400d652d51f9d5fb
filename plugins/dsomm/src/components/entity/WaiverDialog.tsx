import { ExpiryDays } from '@dsomm/plugin-dsomm-common';
import { useState } from 'react';
import { ExpiryField, ReasonField, RecordDialog } from './RecordDialog';
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
  /** The backend's expiry settings: the field then shows the default and the limit. */
  expiryDays?: ExpiryDays;
}) {
  const { activityName, onSubmit, onDone, onCancel } = props;
  const [justification, setJustification] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const { busy, error, run } = useSubmit();

  const submit = async () => {
    const ok = await run(() =>
      onSubmit({
        justification: justification.trim(),
        ...(expiresAt ? { expiresAt } : {}),
      }),
    );
    if (ok) onDone();
  };

  return (
    <RecordDialog
      id="dsomm-waiver"
      title={`Not applicable: ${activityName}`}
      intro="Record that this activity does not apply to this component. It is left out of levels and score until the waiver expires or is revoked."
      submitLabel="Record waiver"
      canSubmit={justification.trim() !== ''}
      busy={busy}
      error={error}
      submit={submit}
      onCancel={onCancel}
    >
      <ReasonField
        id="dsomm-waiver-justification"
        label="Justification"
        helperText="Why the activity does not apply"
        value={justification}
        onChange={setJustification}
      />
      <ExpiryField
        id="dsomm-waiver-expires"
        helperText="Optional: empty uses the configured default"
        value={expiresAt}
        onChange={setExpiresAt}
        days={
          props.expiryDays && {
            default: props.expiryDays.waiver,
            max: props.expiryDays.max,
          }
        }
      />
    </RecordDialog>
  );
}
