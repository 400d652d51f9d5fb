import { clampScanTime } from './scanTime';

const window = { pastDays: 365, futureMinutes: 10 };
const upload = new Date('2026-06-01T12:00:00.000Z');

describe('clampScanTime', () => {
  it('keeps a scan time inside the window as stated', () => {
    expect(clampScanTime('2026-05-30T08:00:00Z', upload, window)).toEqual({
      scannedAt: '2026-05-30T08:00:00Z',
    });
    expect(clampScanTime('2026-06-01T12:09:59Z', upload, window)).toEqual({
      scannedAt: '2026-06-01T12:09:59Z',
    });
    expect(clampScanTime('2025-06-01T12:00:00Z', upload, window)).toEqual({
      scannedAt: '2025-06-01T12:00:00Z',
    });
    expect(clampScanTime(undefined, upload, window)).toEqual({});
  });

  it('replaces a scan time past futureMinutes by the upload time, with a warning', () => {
    const result = clampScanTime('9999-12-31T23:59:59Z', upload, window);
    expect(result.scannedAt).toBe('2026-06-01T12:00:00.000Z');
    expect(result.warning).toBe(
      'Scan time 9999-12-31T23:59:59Z is more than 10 minutes after the upload (dsomm.reports.scanTimeWindow.futureMinutes); the upload time 2026-06-01T12:00:00.000Z is used',
    );
    expect(
      clampScanTime('2026-06-01T12:10:01Z', upload, window).warning,
    ).toContain('more than 10 minutes after the upload');
  });

  it('replaces a scan time before pastDays by the upload time, with a warning', () => {
    const result = clampScanTime('1970-01-01T00:00:00Z', upload, window);
    expect(result.scannedAt).toBe('2026-06-01T12:00:00.000Z');
    expect(result.warning).toContain(
      'is more than 365 days before the upload (dsomm.reports.scanTimeWindow.pastDays)',
    );
  });

  it('drops a scan time that is not a date, with a warning', () => {
    expect(clampScanTime('yesterday', upload, window)).toEqual({
      warning: 'Scan time "yesterday" is not a date; the upload time is used',
    });
  });
});
