import { ExpiryDays } from '@dsomm/plugin-dsomm-common';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';
import { ExpiryField, ReasonField, RecordDialog } from '../entity/RecordDialog';
import { useSubmit } from '../entity/useSubmit';

/** What one bulk record says for every selected activity. */
export interface BulkRecordInput {
  reason: string;
  expiresAt?: string;
}

const TEXTS = {
  attest: {
    title: 'Mark implemented',
    intro:
      'Record one attestation per selected activity on this scope. Every component below inherits them until they expire or are revoked.',
    reasonLabel: 'Comment',
    reasonHelp: 'How the activity is implemented across the scope',
    expiryHelp:
      'Optional: empty uses the configured default expiry of attestations (365 days unless the portal sets another)',
    expiryKind: 'attestation',
    submit: 'Mark implemented',
  },
  waive: {
    title: 'Mark not applicable',
    intro:
      'Record one waiver per selected activity on this scope. It applies to every component below that has no evidence of its own.',
    reasonLabel: 'Justification',
    reasonHelp: 'Why the activity does not apply across the scope',
    expiryHelp:
      'Optional: empty uses the configured default expiry of waivers (180 days unless the portal sets another)',
    expiryKind: 'waiver',
    submit: 'Mark not applicable',
  },
} as const;

/** One reason and one expiry for several activities at once. */
export function BulkRecordDialog(props: {
  mode: 'attest' | 'waive';
  activityNames: string[];
  /** What the marks would change below the scope, shown before confirming. */
  preview?: ReactNode;
  /** Resolves when all are recorded; rejects with a message naming what was not. */
  onSubmit: (input: BulkRecordInput) => Promise<unknown>;
  onDone: () => void;
  onCancel: () => void;
  /** The backend's expiry settings: the field then shows the default date and the limit. */
  expiryDays?: ExpiryDays;
}) {
  const { mode, activityNames, preview, onSubmit, onDone, onCancel } = props;
  const texts = TEXTS[mode];
  const [reason, setReason] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const { busy, error, run } = useSubmit();

  const submit = async () => {
    const ok = await run(() =>
      onSubmit({ reason: reason.trim(), ...(expiresAt ? { expiresAt } : {}) }),
    );
    if (ok) onDone();
  };

  return (
    <RecordDialog
      id={`dsomm-bulk-${mode}`}
      title={`${texts.title}: ${activityNames.length} activit${
        activityNames.length === 1 ? 'y' : 'ies'
      }`}
      intro={texts.intro}
      submitLabel={texts.submit}
      canSubmit={reason.trim() !== '' && activityNames.length > 0}
      busy={busy}
      error={error}
      submit={submit}
      onCancel={onCancel}
    >
      <Typography variant="body2" component="ul">
        {activityNames.map(name => (
          <li key={name}>{name}</li>
        ))}
      </Typography>
      {preview}
      <ReasonField
        id={`dsomm-bulk-${mode}-reason`}
        label={texts.reasonLabel}
        helperText={texts.reasonHelp}
        value={reason}
        onChange={setReason}
      />
      <ExpiryField
        id={`dsomm-bulk-${mode}-expires`}
        helperText={texts.expiryHelp}
        value={expiresAt}
        onChange={setExpiresAt}
        days={
          props.expiryDays && {
            default: props.expiryDays[texts.expiryKind],
            max: props.expiryDays.max,
          }
        }
      />
    </RecordDialog>
  );
}
