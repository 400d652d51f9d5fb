const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export interface ScanTimeWindow {
  /** Oldest accepted scan time, in days before the upload. */
  pastDays: number;
  /** Latest accepted scan time, in minutes after the upload. */
  futureMinutes: number;
}

/**
 * The scan time to keep for a report uploaded at `uploadedAt`: the stated one when it lies in
 * the window around the upload, else the upload time, with a warning. The uploader controls
 * the stated time and finding ages run from it: a time outside the window says nothing
 * trustworthy, and its window edge would still make every finding old (or new), so the
 * upload time is the best estimate.
 */
export function clampScanTime(
  scannedAt: string | undefined,
  uploadedAt: Date,
  window: ScanTimeWindow,
): { scannedAt?: string; warning?: string } {
  if (scannedAt === undefined) return {};
  const stated = Date.parse(scannedAt);
  if (Number.isNaN(stated)) {
    return {
      warning: `Scan time "${scannedAt.slice(
        0,
        64,
      )}" is not a date; the upload time is used`,
    };
  }
  const upload = uploadedAt.getTime();
  const earliest = upload - window.pastDays * DAY_MS;
  const latest = upload + window.futureMinutes * MINUTE_MS;
  const kept = uploadedAt.toISOString();
  if (stated < earliest) {
    return {
      scannedAt: kept,
      warning: `Scan time ${scannedAt} is more than ${window.pastDays} days before the upload (dsomm.reports.scanTimeWindow.pastDays); the upload time ${kept} is used`,
    };
  }
  if (stated > latest) {
    return {
      scannedAt: kept,
      warning: `Scan time ${scannedAt} is more than ${window.futureMinutes} minutes after the upload (dsomm.reports.scanTimeWindow.futureMinutes); the upload time ${kept} is used`,
    };
  }
  return { scannedAt };
}
