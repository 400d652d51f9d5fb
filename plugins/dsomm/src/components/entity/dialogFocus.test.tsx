import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactElement, useState } from 'react';
import { BulkRecordDialog } from '../matrix/BulkRecordDialog';
import { DenyDialog } from '../approvals/DenyDialog';
import { AttestDialog } from './AttestDialog';
import { RevokeDialog } from './RevokeDialog';
import { WaiverDialog } from './WaiverDialog';

type DialogFactory = (close: () => void) => ReactElement;

/** A button that opens the dialog, as the activity table and the matrix do. */
function Opener(props: { dialog: DialogFactory }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      {open && props.dialog(() => setOpen(false))}
    </>
  );
}

const noSubmit = () => new Promise<never>(() => {});

const dialogs: Array<[string, DialogFactory, RegExp | string]> = [
  [
    'AttestDialog',
    close => (
      <AttestDialog
        activityName="Signing of artifacts"
        onSubmit={noSubmit}
        onDone={close}
        onCancel={close}
      />
    ),
    /^Comment/,
  ],
  [
    'WaiverDialog',
    close => (
      <WaiverDialog
        activityName="Blue/Green Deployment"
        onSubmit={noSubmit}
        onDone={close}
        onCancel={close}
      />
    ),
    /^Justification/,
  ],
  [
    'BulkRecordDialog',
    close => (
      <BulkRecordDialog
        mode="attest"
        activityNames={['Simple Scan']}
        onSubmit={noSubmit}
        onDone={close}
        onCancel={close}
      />
    ),
    /^Comment/,
  ],
  [
    'DenyDialog',
    close => (
      <DenyDialog
        what="waiver"
        activityName="Blue/Green Deployment"
        onDeny={noSubmit}
        onDone={close}
        onCancel={close}
      />
    ),
    /^Reason/,
  ],
];

jest.setTimeout(30_000);

describe('record dialogs and keyboard focus', () => {
  it.each(dialogs)(
    '%s focuses its first field on open, closes on Escape and gives focus back',
    async (_name, dialog, firstField) => {
      await renderInTestApp(<Opener dialog={dialog} />);
      const opener = screen.getByRole('button', { name: 'Open' });
      opener.focus();
      await userEvent.keyboard('{Enter}');

      const shown = await screen.findByRole('dialog');
      expect(
        within(shown).getByRole('textbox', { name: firstField }),
      ).toHaveFocus();

      await userEvent.keyboard('{Escape}');
      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
      expect(opener).toHaveFocus();
    },
  );

  it('RevokeDialog focuses Cancel, so Enter never revokes by accident, closes on Escape and gives focus back', async () => {
    const onConfirm = jest.fn(noSubmit);
    await renderInTestApp(
      <Opener
        dialog={close => (
          <RevokeDialog
            what="attestation"
            activityName="Signing of artifacts"
            detail="Signed in the release pipeline"
            onConfirm={onConfirm}
            onDone={close}
            onCancel={close}
          />
        )}
      />,
    );
    const opener = screen.getByRole('button', { name: 'Open' });
    await userEvent.click(opener);

    const shown = await screen.findByRole('dialog', {
      name: 'Revoke attestation: Signing of artifacts',
    });
    const cancel = within(shown).getByRole('button', { name: 'Cancel' });
    await waitFor(() => expect(cancel).toHaveFocus());
    // Enter presses the focused Cancel: the dialog closes and nothing is revoked.
    await userEvent.keyboard('{Enter}');
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(onConfirm).not.toHaveBeenCalled();
    expect(opener).toHaveFocus();

    // Escape closes it too, without revoking.
    await userEvent.click(opener);
    await screen.findByRole('dialog');
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(onConfirm).not.toHaveBeenCalled();
  });
});
