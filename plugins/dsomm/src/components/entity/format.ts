import {
  ActivityStatus,
  EvidenceSource,
  ReportCategory,
} from '@dsomm/plugin-dsomm-common';

/** `2026-11-23` from an ISO 8601 time (UTC), or the input when it is not a date. */
export function formatDay(iso: string | undefined): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toISOString().slice(0, 10);
}

/** `2026-11-23 10:29 UTC` from an ISO 8601 time. */
export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const text = new Date(time).toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}

/** Whether an ISO 8601 time lies in the past. */
export function isPast(iso: string | undefined, now = Date.now()): boolean {
  return iso !== undefined && Date.parse(iso) <= now;
}

/** A score 0-100 as people read it: at most one decimal. */
export function formatScore(score: number): string {
  return String(Math.round(score * 10) / 10);
}

export const STATUS_LABELS: Record<ActivityStatus, string> = {
  implemented: 'Implemented',
  stale: 'Stale',
  missing: 'Missing',
  'not-applicable': 'Not applicable',
  contradicted: 'Contradicted',
};

export const SOURCE_LABELS: Record<EvidenceSource, string> = {
  annotation: 'Annotation',
  report: 'Report',
  attestation: 'Attestation',
};

export const CATEGORY_LABELS: Record<ReportCategory, string> = {
  sast: 'SAST',
  sca: 'SCA',
  secrets: 'Secrets',
  iac: 'IaC',
  container: 'Container',
  dast: 'DAST',
  sbom: 'SBOM',
};

/** Whether a string is an http(s) URL, safe to use as a link. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * A message for people from a failed API call: the backend's own message (such as
 * `Missing permission dsomm.attestation.create`) with the HTTP status, when there is one.
 */
export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as {
      message?: unknown;
      statusCode?: unknown;
      statusText?: unknown;
      body?: { error?: { message?: unknown } };
    };
    const backendMessage = e.body?.error?.message;
    if (typeof backendMessage === 'string' && backendMessage) {
      const status = [e.statusCode, e.statusText].filter(Boolean).join(' ');
      return status ? `${backendMessage} (${status})` : backendMessage;
    }
    if (typeof e.message === 'string' && e.message) return e.message;
  }
  return String(error);
}
