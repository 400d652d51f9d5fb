import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { BulkRecordDialog } from './BulkRecordDialog';
import { dayAfter } from '../entity/expiry';

const expiryDays = { attestation: 41, waiver: 97, max: 503 };

async function open(mode: 'attest' | 'waive') {
  await renderInTestApp(
    <BulkRecordDialog
      mode={mode}
      activityNames={['Simple Scan', 'Usage of different roles']}
      expiryDays={expiryDays}
      onSubmit={jest.fn()}
      onDone={jest.fn()}
      onCancel={jest.fn()}
    />,
  );
  return screen.findByRole('dialog');
}

describe('BulkRecordDialog expiry', () => {
  it('shows when attestations left without expiry end, and limits the date', async () => {
    const dialog = await open('attest');
    expect(
      within(dialog).getByText(
        /^Leave empty: expires on \d{4}-\d\d-\d\d, in 41 days\. At most 503 days ahead\.$/,
      ),
    ).toBeInTheDocument();
    const field = within(dialog).getByLabelText('Expires on');
    // Computed here as the dialog does, a moment later: equal unless midnight UTC passed.
    expect(field).toHaveAttribute('max', dayAfter(new Date(), 503));
    expect(field).toHaveAttribute('min', dayAfter(new Date(), 1));
  });

  it('uses the waiver default for waivers', async () => {
    const dialog = await open('waive');
    expect(
      within(dialog).getByText(/in 97 days\. At most 503 days ahead\./),
    ).toBeInTheDocument();
  });
});
